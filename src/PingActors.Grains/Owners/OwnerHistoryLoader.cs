using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Limits;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Owners;

/// <summary>
/// Rebuilds an owner's side of the limits from the rows when their grain activates: the pings their listings hold
/// pending and took in the last day, and whom they declined recently. Activations that arrive together share one
/// round trip.
/// A batch whose connection turns out lost (one kept from before a restart) is read once more (<see cref="LostConnections"/>).
/// </summary>
public sealed class OwnerHistoryLoader : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly BatchQueue<(string Owner, DateTimeOffset ReceivedSince, DateTimeOffset DeclinedSince), OwnerLimits> _queue;

    /// <summary>How many of its batches may read at once (its share of <see cref="DataSourceNames.Loads"/>).</summary>
    public const int Concurrency = 2;

    public OwnerHistoryLoader([FromKeyedServices(DataSourceNames.Loads)] NpgsqlDataSource database)
    {
        _database = database;
        _queue = new BatchQueue<(string, DateTimeOffset, DateTimeOffset), OwnerLimits>(maxBatchSize: 256, concurrency: Concurrency, TimeSpan.Zero,
            batch => LostConnections.RetryOnceAsync(() => LoadAsync(batch)),
            elapsed => PingActorsMetrics.RecordLoad("owner", elapsed));
    }

    /// <summary>The owner's limits from the pings received since <paramref name="receivedSince"/> and declined since <paramref name="declinedSince"/>.</summary>
    internal Task<OwnerLimits> LoadAsync(string owner, DateTimeOffset receivedSince, DateTimeOffset declinedSince) =>
        _queue.EnqueueAsync((owner, receivedSince, declinedSince));

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task LoadAsync(IReadOnlyList<BatchEntry<(string Owner, DateTimeOffset ReceivedSince, DateTimeOffset DeclinedSince), OwnerLimits>> batch)
    {
        var keys = batch.Select(e => e.Request).Distinct().ToList();
        await using var connection = await _database.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    SELECT k.owner, p.ping_id, p.sender, p.listing_id, p.status, p.created_at, p.expires_at
                    FROM unnest($1::text[], $2::timestamptz[]) AS k(owner, since)
                    JOIN pings p ON p.receiver = k.owner AND p.created_at >= k.since
                    """),
                new("""
                    SELECT k.owner, p.sender, max(p.closed_at)
                    FROM unnest($1::text[], $2::timestamptz[]) AS k(owner, since)
                    JOIN pings p ON p.receiver = k.owner AND p.status = 'declined' AND p.closed_at >= k.since
                    GROUP BY k.owner, p.sender
                    """),
            },
        };
        var owners = keys.Select(k => k.Owner).ToArray();
        commands.BatchCommands[0].Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners });
        commands.BatchCommands[0].Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. keys.Select(k => k.ReceivedSince)] });
        commands.BatchCommands[1].Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners });
        commands.BatchCommands[1].Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. keys.Select(k => k.DeclinedSince)] });

        var found = keys.ToDictionary(k => k, _ => new OwnerLimits());
        var byOwner = keys.ToLookup(k => k.Owner);
        await using var reader = await commands.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (pingId, sender, listingId) = (reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3));
            var (status, createdAt, expiresAt) = (PingStatusText.Parse(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6));
            foreach (var key in byOwner[reader.GetString(0)])
            {
                found[key].Took(pingId, listingId, createdAt);
                if (status == PingStatus.Pending)
                {
                    found[key].Pending(new PendingPing(pingId, sender, key.Owner, listingId, createdAt, expiresAt));
                }
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            foreach (var key in byOwner[reader.GetString(0)])
            {
                found[key].Declined(reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        foreach (var entry in batch)
        {
            entry.Complete(found[entry.Request]);
        }
    }
}
