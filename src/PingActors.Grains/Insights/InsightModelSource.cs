using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Insights;

/// <summary>
/// The population model this process predicts with: the latest fit in <c>insight_fits</c>, read on first use and
/// looked for again in the background every <see cref="InsightOptions.ModelRefresh"/> (a refit in this process
/// hands its model over at once), so a prediction never waits for it after the first.
/// </summary>
public sealed class InsightModelSource(
    [FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database, IOptions<InsightOptions> options, TimeProvider clock)
{
    /// <summary>How fits are stored as JSON.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private InsightModel? _model;
    private long _loadedAt;
    private int _refreshing;

    /// <summary>The model, if it has been read; null before the first read.</summary>
    public InsightModel? Current => Volatile.Read(ref _model);

    /// <summary>The current model: read now if it never was, otherwise as it is (and looked for again in the background when due).</summary>
    public async ValueTask<InsightModel> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Current is not { } model)
        {
            return await LoadAsync(cancellationToken);
        }

        if (clock.GetElapsedTime(Volatile.Read(ref _loadedAt)) >= options.Value.ModelRefresh && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = RefreshAsync();
        }

        return model;
    }

    /// <summary>Makes <paramref name="model"/> the current one, unless a newer fit is already current.</summary>
    public void Publish(InsightModel model)
    {
        var current = Current;
        while (current is null || current.Version <= model.Version)
        {
            if (Interlocked.CompareExchange(ref _model, model, current) == current)
            {
                Volatile.Write(ref _loadedAt, clock.GetTimestamp());
                return;
            }

            current = Current;
        }
    }

    /// <summary>Reads the latest fit now.</summary>
    public async Task<InsightModel> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT fit_id, model FROM insight_fits ORDER BY fit_id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var model = await reader.ReadAsync(cancellationToken)
            ? JsonSerializer.Deserialize<InsightModel>(reader.GetString(1), Json)! with { Version = reader.GetInt64(0) }
            : InsightModel.Unfitted;
        Publish(model);
        return Current!;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The model in hand stays; the next prediction tries again.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
