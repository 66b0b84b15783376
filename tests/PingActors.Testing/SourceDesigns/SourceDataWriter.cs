using Npgsql;
using NpgsqlTypes;

namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// Writes what a <see cref="SourceDataGenerator"/> makes into a database that holds its design's schema
/// (<see cref="SourceSchemas"/>), streaming every table through binary COPY at once, so a million pings never sit
/// in memory. The rows are written as the old system would have left them: the seed's limits cache counts each
/// sender's pings of their last day, every ping has its analytics job; the older design's trigger-kept
/// statistics are computed once at the end instead of row by row.
/// </summary>
public static class SourceDataWriter
{
    /// <summary>Writes the rows, in <paramref name="schema"/> when given; returns how many went into each table.</summary>
    public static async Task<SourceDataSummary> WriteAsync(string connectionString, SourceDataGenerator data, string? schema = null, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (schema is not null)
        {
            builder.SearchPath = schema;
        }

        await using var database = NpgsqlDataSource.Create(builder.ConnectionString);
        var seed = data.Options.Design == SourceDesign.Seed;
        if (!seed)
        {
            await ExecuteAsync(database, "ALTER TABLE pings DISABLE TRIGGER USER; ALTER TABLE messages DISABLE TRIGGER USER", cancellationToken);
        }

        var senders = new Dictionary<string, (DateOnly Day, int Count)>();
        var summary = new SourceDataSummary();
        await using (var tables = await SourceCopies.OpenAsync(database, seed, data.Options.Now, cancellationToken))
        {
            foreach (var conversation in data.Conversations())
            {
                cancellationToken.ThrowIfCancellationRequested();
                summary = summary.Add(await tables.WriteAsync(conversation, cancellationToken));
                foreach (var ping in conversation.Pings)
                {
                    var day = DateOnly.FromDateTime(ping.CreatedAt.UtcDateTime);
                    senders[ping.Sender] = senders.TryGetValue(ping.Sender, out var last) && last.Day >= day
                        ? (last.Day, last.Count + (last.Day == day ? 1 : 0))
                        : (day, 1);
                }
            }

            await tables.CompleteAsync(cancellationToken);
        }

        var limits = await WriteLimitsAsync(database, data, senders, cancellationToken);
        if (!seed)
        {
            await ExecuteAsync(database, SourceSchemas.Script("older-statistics.sql"), cancellationToken);
            await ExecuteAsync(database, "ALTER TABLE pings ENABLE TRIGGER USER; ALTER TABLE messages ENABLE TRIGGER USER", cancellationToken);
        }

        return summary with { Limits = limits };
    }

    /// <summary>
    /// One limits row per sender and per user with settings of their own. The seed's cache counts the pings of the
    /// sender's last day (its count resets only when they next ping); the older design keeps no count.
    /// </summary>
    private static async Task<long> WriteLimitsAsync(
        NpgsqlDataSource database, SourceDataGenerator data, Dictionary<string, (DateOnly Day, int Count)> senders, CancellationToken cancellationToken)
    {
        var seed = data.Options.Design == SourceDesign.Seed;
        var settings = data.Users.ToDictionary(u => u.Username);
        var names = senders.Keys.Union(data.Users.Where(u => u.DailyLimit != 50 || u.CooldownUntil is not null).Select(u => u.Username)).Order(StringComparer.Ordinal);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(seed
            ? "COPY ping_limits_cache (username, daily_pings_sent, daily_pings_limit, last_reset_date, cooldown_until, cache_updated_at) FROM STDIN (FORMAT BINARY)"
            : "COPY ping_limits (username, daily_limit, cooldown_until, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var rows = 0L;
        foreach (var name in names)
        {
            var user = settings.GetValueOrDefault(name) ?? new SourceUser(name, 50, null);
            var (day, count) = senders.GetValueOrDefault(name, (DateOnly.FromDateTime(data.Options.Now.UtcDateTime), 0));
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
            if (seed)
            {
                await copy.WriteAsync(count, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(user.DailyLimit, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(day, NpgsqlDbType.Date, cancellationToken);
            }
            else
            {
                await copy.WriteAsync(user.DailyLimit, NpgsqlDbType.Integer, cancellationToken);
            }

            await SourceCopies.WriteNullableAsync(copy, user.CooldownUntil, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(data.Options.Now, NpgsqlDbType.TimestampTz, cancellationToken);
            rows++;
        }

        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
