using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Limits;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Users;

/// <summary>
/// Rebuilds a sender's day and recent pings from the durable rows when their grain activates, so admitting a ping
/// never needs a state write of its own, and reads what an admin set for them and their tier (<c>user_limits</c>).
/// Activations that arrive together share one round trip (three statements in one batch).
/// A batch whose connection turns out lost (one kept from before a restart) is read once more (<see cref="LostConnections"/>).
/// </summary>
public sealed class SenderHistoryLoader : IAsyncDisposable
{
    /// <summary>The most recent pings a sender's limits read: enough for the tier's window and everything pending.</summary>
    public const int RecentPings = 200;

    private readonly NpgsqlDataSource _database;
    private readonly BatchQueue<(string Sender, DateOnly Today, DateOnly Since), SenderRecords> _queue;

    /// <summary>How many of its batches may read at once (its share of <see cref="DataSourceNames.Loads"/>).</summary>
    public const int Concurrency = 2;

    public SenderHistoryLoader([FromKeyedServices(DataSourceNames.Loads)] NpgsqlDataSource database)
    {
        _database = database;
        _queue = new BatchQueue<(string, DateOnly, DateOnly), SenderRecords>(maxBatchSize: 512, concurrency: Concurrency, TimeSpan.Zero,
            batch => LostConnections.RetryOnceAsync(() => LoadAsync(batch)),
            elapsed => PingActorsMetrics.RecordLoad("user", elapsed));
    }

    /// <summary>
    /// Loads the pings <paramref name="sender"/> sent on <paramref name="today"/> and the day before (the allowance
    /// ledgers), their most recent pings since <paramref name="since"/>, newest first, and their limits.
    /// </summary>
    internal Task<SenderRecords> LoadAsync(string sender, DateOnly today, DateOnly since) => _queue.EnqueueAsync((sender, today, since));

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task LoadAsync(IReadOnlyList<BatchEntry<(string Sender, DateOnly Today, DateOnly Since), SenderRecords>> batch)
    {
        var keys = batch.Select(e => e.Request).Distinct().ToList();
        await using var connection = await _database.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    SELECT k.sender, p.allowance_day, p.ping_id, p.allowance_seq
                    FROM unnest($1::text[], $2::date[]) AS k(sender, today)
                    JOIN pings p ON p.sender = k.sender AND p.allowance_day BETWEEN k.today - 1 AND k.today
                    """),
                new("""
                    SELECT k.sender, r.ping_id, r.receiver, r.listing_id, r.status, r.created_at, r.expires_at, r.closed_at, r.bucket_tokens
                    FROM unnest($1::text[], $2::date[]) AS k(sender, since)
                    CROSS JOIN LATERAL (
                        SELECT p.ping_id, p.receiver, p.listing_id, p.status, p.created_at, p.expires_at, p.closed_at, p.bucket_tokens
                        FROM pings p
                        WHERE p.sender = k.sender AND p.allowance_day >= k.since
                        ORDER BY p.allowance_day DESC, p.allowance_seq DESC
                        LIMIT $3) r
                    """),
                new("SELECT username, daily_limit, cooldown_until, tier, tier_changed_at, legacy FROM user_limits WHERE username = ANY($1)"),
            },
        };
        var senders = keys.Select(k => k.Sender).ToArray();
        commands.BatchCommands[0].Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = senders });
        commands.BatchCommands[0].Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. keys.Select(k => k.Today)] });
        commands.BatchCommands[1].Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = senders });
        commands.BatchCommands[1].Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. keys.Select(k => k.Since)] });
        commands.BatchCommands[1].Parameters.Add(new NpgsqlParameter<int> { TypedValue = RecentPings });
        commands.BatchCommands[2].Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. senders.Distinct()] });

        var found = keys.ToDictionary(k => k, k => new SenderRecords(new AllowanceLedger(k.Today.AddDays(-1)), new AllowanceLedger(k.Today), [], UserLimits.None, LegacyLimits: false));
        var bySender = keys.ToLookup(k => k.Sender);
        await using var reader = await commands.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var day = reader.GetFieldValue<DateOnly>(1);
            foreach (var key in bySender[reader.GetString(0)])
            {
                var records = found[key];
                (day == key.Today ? records.Today : records.Yesterday).Record(reader.GetGuid(2), reader.GetInt32(3));
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            var ping = new SentPingRecord(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetGuid(3),
                PingStatusText.Parse(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFloat(8));
            foreach (var key in bySender[reader.GetString(0)])
            {
                found[key].Recent.Add(ping);
            }
        }

        await reader.NextResultAsync();
        var limits = new Dictionary<string, (UserLimits Limits, bool Legacy)>();
        while (await reader.ReadAsync())
        {
            limits[reader.GetString(0)] = (new UserLimits(
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                TrustTierText.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)), reader.GetBoolean(5));
        }

        foreach (var entry in batch)
        {
            var (userLimits, legacy) = limits.GetValueOrDefault(entry.Request.Sender, (UserLimits.None, false));
            entry.Complete(found[entry.Request] with { Limits = userLimits, LegacyLimits = legacy });
        }
    }
}
