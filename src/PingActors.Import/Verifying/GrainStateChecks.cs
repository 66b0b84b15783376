using System.Globalization;
using Npgsql;
using PingActors.Import.GrainState;
using PingActors.Import.Staging;
using PingActors.Listings;
using PingActors.Storage;
using PingActors.Users;

namespace PingActors.Import.Verifying;

/// <summary>
/// Compares the listings and user settings in grain storage with the dry run's: a listing's owner (for the same
/// sample of listings as the rows), every user's own limit and cooldown.
/// </summary>
internal sealed class GrainStateChecks(GrainStateRows rows)
{
    public async Task<List<Difference>> CompareAsync(NpgsqlConnection target, int? sample, CancellationToken cancellationToken)
    {
        var differences = new List<Difference>();
        var listings = await ReadAsync(target, $"""
            SELECT listing_id::text, coalesce(found_owner, owner) FROM {Workspace.Session.Schema}.prep_listings ORDER BY md5(listing_id::text) LIMIT $1
            """, sample, cancellationToken);
        var stored = await StoredAsync(target, [.. listings.Select(l => rows.Listing(Guid.Parse(l.Key), new ListingState()))], cancellationToken);
        foreach (var (key, owner) in listings)
        {
            var found = stored.TryGetValue(key, out var payload) ? rows.Read<ListingState>(StorageNames.Listings, payload)?.Owner : null;
            if (found != owner)
            {
                differences.Add(new Difference("listings", key, $"owned by {owner}", found is null ? "no such listing" : $"owned by {found}"));
            }
        }

        var users = await UsersAsync(target, cancellationToken);
        stored = await StoredAsync(target, [.. users.Select(u => rows.User(u.Username, new UserState()))], cancellationToken);
        foreach (var (username, limit, cooldown) in users)
        {
            var state = stored.TryGetValue(username, out var payload) ? rows.Read<UserState>(StorageNames.Users, payload) : null;
            if (state?.DailyLimit != limit || state?.CooldownUntil != cooldown)
            {
                differences.Add(new Difference("users", username, Describe(limit, cooldown), Describe(state?.DailyLimit, state?.CooldownUntil)));
            }
        }

        return differences;
    }

    private static string Describe(int? limit, DateTimeOffset? cooldown) => string.Create(
        CultureInfo.InvariantCulture, $"limit {(limit is { } l ? l.ToString(CultureInfo.InvariantCulture) : "default")}, cooldown {(cooldown is { } c ? c.ToString("O", CultureInfo.InvariantCulture) : "none")}");

    private static async Task<List<(string Username, int? Limit, DateTimeOffset? Cooldown)>> UsersAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT username, daily_limit, cooldown_until FROM {Workspace.Session.Schema}.prep_users", target);
        var users = new List<(string, int?, DateTimeOffset?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return users;
    }

    private static async Task<List<(string Key, string Value)>> ReadAsync(NpgsqlConnection target, string sql, int? limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, target);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });

        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    /// <summary>The stored payloads of these grains, by key.</summary>
    private static async Task<Dictionary<string, byte[]>> StoredAsync(NpgsqlConnection target, IReadOnlyList<GrainStateRow> keys, CancellationToken cancellationToken)
    {
        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        await GrainStateCopy.WriteAsync(target, keys, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT g.Key, s.PayloadBinary FROM import_grain_rows g JOIN OrleansStorage s ON {GrainStateCopy.SameGrain} WHERE s.PayloadBinary IS NOT NULL
            """, target);
        var stored = new Dictionary<string, byte[]>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }
}
