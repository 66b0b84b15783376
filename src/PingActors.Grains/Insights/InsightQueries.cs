using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Insights;

/// <summary>
/// The insight figures people look at before they ping someone, read from the insight sums and the listing
/// aggregates only (never from the ping history), and computed with the current population model.
/// </summary>
public sealed class InsightQueries(
    NpgsqlDataSource database,
    [FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource background,
    InsightModelSource models,
    IOptions<InsightOptions> options,
    IOptions<PingOptions> pings,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    private const string HoursSql = "SELECT hour_of_week, actions FROM owner_activity_hours WHERE username = $1";

    private static readonly string _ownerSql = OwnerFigures.SelectWhere("o.username = $1", "$2");

    /// <summary>The predictor with this process's settings.</summary>
    public InsightPredictor Predictor { get; } = new(options.Value, pings.Value.Expiry);

    public async Task<OwnerInsights> GetOwnerAsync(string username, CancellationToken cancellationToken = default)
    {
        var model = await models.GetAsync(cancellationToken);
        var read = await ReadOwnerAsync(username, cancellationToken);
        return Predictor.ForOwner(read.Owner, read.Hours, model, clock.GetUtcNow());
    }

    /// <summary>A listing's figures; <paramref name="owner"/> is its owner.</summary>
    public async Task<ListingInsights> GetListingAsync(Guid listingId, string owner, CancellationToken cancellationToken = default)
    {
        var model = await models.GetAsync(cancellationToken);
        var read = await ReadListingAsync(listingId, owner, cancellationToken);
        return Predictor.ForListing(listingId, read.Listing, read.Owner.Owner, read.Owner.Hours, model, clock.GetUtcNow());
    }

    /// <summary>An owner's running sums and hour-of-week actions, in one round trip.</summary>
    public async Task<OwnerRead> ReadOwnerAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(_ownerSql, username, SettledSince()));
        batch.BatchCommands.Add(Command(HoursSql, username));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var owner = await reader.ReadAsync(cancellationToken) ? OwnerFigures.Read(reader) : OwnerFigures.None(username);
        return new OwnerRead(owner, await ReadHoursAsync(reader, cancellationToken));
    }

    /// <summary>A listing's counts (its owner's name as the username) and its owner's sums and actions, in one round trip.</summary>
    public async Task<ListingRead> ReadListingAsync(Guid listingId, string owner, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT pings, responded, declined, withdrawn, expired FROM listing_stats WHERE listing_id = $1", listingId));
        batch.BatchCommands.Add(Command(_ownerSql, owner, SettledSince()));
        batch.BatchCommands.Add(Command(HoursSql, owner));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var listing = await reader.ReadAsync(cancellationToken)
            ? new OwnerFigures(owner, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), 0, 0)
            : OwnerFigures.None(owner);
        await reader.NextResultAsync(cancellationToken);
        var figures = await reader.ReadAsync(cancellationToken) ? OwnerFigures.Read(reader) : OwnerFigures.None(owner);
        return new ListingRead(listing, new OwnerRead(figures, await ReadHoursAsync(reader, cancellationToken)));
    }

    /// <summary>The population model as it stands.</summary>
    public async Task<PopulationInsights> GetPopulationAsync(CancellationToken cancellationToken = default) =>
        PopulationInsights.Of(await models.GetAsync(cancellationToken), pings.Value.Expiry);

    /// <summary>The figures of <paramref name="owners"/> (those nobody has pinged are missing), in one query on the background pool.</summary>
    public async Task<List<OwnerFigures>> ReadOwnersAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        await using var command = background.CreateCommand(OwnerFigures.SelectWhere("o.username = ANY($1)", "$2"));
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. owners] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = SettledSince() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var figures = new List<OwnerFigures>(owners.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            figures.Add(OwnerFigures.Read(reader));
        }

        return figures;
    }

    private static async Task<long[]> ReadHoursAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var hours = new long[HourOfWeekProfile.Hours];
        while (await reader.ReadAsync(cancellationToken))
        {
            hours[reader.GetInt16(0)] = reader.GetInt32(1);
        }

        return hours;
    }

    private DateOnly SettledSince() => OwnerFigures.SettledSince(clock.GetUtcNow(), pings.Value.Expiry);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
