using Npgsql;
using PingActors.Storage;

namespace PingActors.Users;

/// <summary>
/// Rebuilds a sender's day from the durable ping rows when their grain activates, so admitting a ping never
/// needs a state write of its own. Activations that arrive together share one query.
/// </summary>
public sealed class AllowanceLoader : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly BatchQueue<(string Sender, DateOnly Day), AllowanceLedger> _queue;

    public AllowanceLoader(NpgsqlDataSource database)
    {
        _database = database;
        _queue = new BatchQueue<(string, DateOnly), AllowanceLedger>(maxBatchSize: 512, concurrency: 2, TimeSpan.Zero, LoadAsync);
    }

    /// <summary>Loads the pings <paramref name="sender"/> sent on allowance day <paramref name="day"/>.</summary>
    internal Task<AllowanceLedger> LoadAsync(string sender, DateOnly day) => _queue.EnqueueAsync((sender, day));

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task LoadAsync(IReadOnlyList<BatchEntry<(string Sender, DateOnly Day), AllowanceLedger>> batch)
    {
        var keys = batch.Select(e => e.Request).Distinct().ToList();
        await using var command = _database.CreateCommand("""
            SELECT k.sender, k.day, p.ping_id, p.allowance_seq
            FROM unnest($1::text[], $2::date[]) AS k(sender, day)
            JOIN pings p ON p.sender = k.sender AND p.allowance_day = k.day
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Sender).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = keys.Select(k => k.Day).ToArray() });

        var ledgers = keys.ToDictionary(k => k, k => new AllowanceLedger(k.Day));
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var key = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
                ledgers[key].Record(reader.GetGuid(2), reader.GetInt32(3));
            }
        }

        foreach (var entry in batch)
        {
            entry.Complete(ledgers[entry.Request]);
        }
    }
}
