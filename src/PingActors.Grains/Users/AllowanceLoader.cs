using Npgsql;
using PingActors.Storage;

namespace PingActors.Users;

/// <summary>
/// Rebuilds a sender's day from the durable ping rows when their grain activates, so admitting a ping never
/// needs a state write of its own, and reads what an admin set for them in the same query. Activations that
/// arrive together share that query.
/// </summary>
public sealed class AllowanceLoader : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly BatchQueue<(string Sender, DateOnly Day), SenderSnapshot> _queue;

    public AllowanceLoader(NpgsqlDataSource database)
    {
        _database = database;
        _queue = new BatchQueue<(string, DateOnly), SenderSnapshot>(maxBatchSize: 512, concurrency: 2, TimeSpan.Zero, LoadAsync);
    }

    /// <summary>Loads <paramref name="sender"/>'s pings of allowance day <paramref name="today"/> and the day before, and their limits.</summary>
    internal Task<SenderSnapshot> LoadAsync(string sender, DateOnly today) => _queue.EnqueueAsync((sender, today));

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task LoadAsync(IReadOnlyList<BatchEntry<(string Sender, DateOnly Day), SenderSnapshot>> batch)
    {
        var keys = batch.Select(e => e.Request).Distinct().ToList();
        var days = keys.SelectMany(k => new[] { (k.Sender, Day: k.Day.AddDays(-1)), (k.Sender, k.Day) }).ToList();
        await using var command = _database.CreateCommand("""
            SELECT k.sender, k.day, p.ping_id, p.allowance_seq, NULL::integer, NULL::timestamptz, false
            FROM unnest($1::text[], $2::date[]) AS k(sender, day)
            JOIN pings p ON p.sender = k.sender AND p.allowance_day = k.day
            UNION ALL
            SELECT l.username, NULL, NULL, NULL, l.daily_limit, l.cooldown_until, l.legacy
            FROM user_limits l
            WHERE l.username = ANY($3)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. days.Select(d => d.Sender)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. days.Select(d => d.Day)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Sender).Distinct()] });

        var ledgers = days.Distinct().ToDictionary(d => d, d => new AllowanceLedger(d.Day));
        var limits = new Dictionary<string, (UserLimits Limits, bool Legacy)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var sender = reader.GetString(0);
                if (reader.IsDBNull(1))
                {
                    limits[sender] = (new UserLimits(
                        reader.IsDBNull(4) ? null : reader.GetInt32(4),
                        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)), reader.GetBoolean(6));
                }
                else
                {
                    ledgers[(sender, reader.GetFieldValue<DateOnly>(1))].Record(reader.GetGuid(2), reader.GetInt32(3));
                }
            }
        }

        foreach (var entry in batch)
        {
            var (sender, day) = entry.Request;
            var (userLimits, legacy) = limits.GetValueOrDefault(sender, (UserLimits.None, false));
            entry.Complete(new SenderSnapshot(ledgers[(sender, day.AddDays(-1))], ledgers[(sender, day)], userLimits, legacy));
        }
    }
}
