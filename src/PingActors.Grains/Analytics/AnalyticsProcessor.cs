using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PingActors.Hosting;
using PingActors.Storage;

namespace PingActors.Analytics;

/// <summary>
/// Applies outbox events to the aggregate tables. The events are split into shards by chat, each with a watermark
/// (the last event applied). One transaction takes some shards (those another worker holds are skipped, so the
/// workers of every silo share the stream), reads the events past their watermarks, adds their deltas, moves the
/// watermarks and notifies <see cref="Channel"/>; it commits all of that or none of it, so an event is applied
/// exactly once however many workers run and whichever of them dies. Nothing is written per event.
/// </summary>
public sealed partial class AnalyticsProcessor(
    [FromKeyedServices(PingActorsSiloExtensions.BackgroundDatabase)] NpgsqlDataSource database, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsProcessor> logger)
{
    /// <summary>
    /// The PostgreSQL channel a worker notifies, with the number of events applied, when a batch commits (and a
    /// rebuild, with <c>rebuild</c>, when it commits): anyone listening learns that the figures moved.
    /// </summary>
    public const string Channel = "pingactors_analytics";

    private const int PruneChunk = 10_000;

    private static readonly TimeSpan _rateWindow = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, int Count)> _recent = new();

    /// <summary>The most unprocessed events <see cref="BacklogAsync"/> counts.</summary>
    public const int BacklogCountCap = 1_000_000;

    /// <summary>Applies one batch; returns how many events it applied (0: none waiting, or a rebuild is running).</summary>
    public async Task<int> ApplyBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await AdvisoryLocks.TryShareForTransactionAsync(connection, AdvisoryLocks.Workers, cancellationToken))
        {
            return 0; // a rebuild is recomputing everything; it moves the watermarks itself
        }

        var (shards, events) = await ClaimAsync(connection, cancellationToken);
        if (shards.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection);
        AggregateSql.AddDelta(batch, AnalyticsDelta.Fold(events));
        batch.BatchCommands.Add(new("""
            UPDATE analytics_shards s SET last_tx = u.last_tx, last_event_id = u.last_event_id, applied_at = $4
            FROM unnest($1::smallint[], $2::xid8[], $3::uuid[]) AS u(shard, last_tx, last_event_id)
            WHERE s.shard = u.shard
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<short[]> { TypedValue = [.. shards.Select(s => s.Shard)] },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Xid8, Value = shards.Select(s => s.Watermark.Tx).ToArray() },
                new NpgsqlParameter<Guid[]> { TypedValue = [.. shards.Select(s => s.Watermark.EventId)] },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() },
            },
        });
        if (events.Count > 0)
        {
            batch.BatchCommands.Add(new("SELECT pg_notify($1, $2)")
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = Channel },
                    new NpgsqlParameter<string> { TypedValue = events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (events.Count > 0)
        {
            PingActorsMetrics.RecordEventsApplied(events.Count);
            _recent.Enqueue((clock.GetUtcNow(), events.Count));
        }

        return events.Count;
    }

    /// <summary>Events this process applied per second, over the last minute.</summary>
    public double AppliedPerSecond()
    {
        var since = clock.GetUtcNow() - _rateWindow;
        while (_recent.TryPeek(out var oldest) && oldest.At < since)
        {
            _recent.TryDequeue(out _);
        }

        return _recent.Sum(batch => batch.Count) / _rateWindow.TotalSeconds;
    }

    /// <summary>The oldest unprocessed event's age, and how many are waiting (counted up to <see cref="BacklogCountCap"/>).</summary>
    public async Task<AnalyticsBacklog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        // Each shard's first waiting event stands for its oldest: within a shard, events wait in the order of
        // the transactions that wrote them.
        await using var command = database.CreateCommand($"""
            SELECT (SELECT first.event_id
                    FROM analytics_shards s
                    CROSS JOIN LATERAL (
                        SELECT e.event_id FROM events e
                        WHERE e.shard = s.shard AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id)
                        ORDER BY e.tx, e.event_id LIMIT 1) first
                    ORDER BY first.event_id LIMIT 1),
                   (SELECT count(*) FROM (SELECT 1 FROM unprocessed_events LIMIT {BacklogCountCap}) waiting)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lag = reader.IsDBNull(0) ? TimeSpan.Zero : clock.GetUtcNow() - UuidV7.TimestampOf(reader.GetGuid(0));
        var backlog = new AnalyticsBacklog(lag < TimeSpan.Zero ? TimeSpan.Zero : lag, reader.GetInt64(1));
        PingActorsMetrics.RecordBacklog(backlog);
        return backlog;
    }

    /// <summary>Deletes processed events (those at or below their shard's watermark) older than the retention; returns how many.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = UuidV7.LowerBound(clock.GetUtcNow() - options.Value.EventRetention);
        long pruned = 0;
        int deleted;
        do
        {
            await using var command = database.CreateCommand($"""
                DELETE FROM events WHERE event_id IN (
                    SELECT e.event_id FROM events e JOIN analytics_shards s ON s.shard = e.shard
                    WHERE e.event_id < $1 AND (e.tx, e.event_id) <= (s.last_tx, s.last_event_id)
                    ORDER BY e.event_id LIMIT {PruneChunk})
                """);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = before });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            pruned += deleted;
        }
        while (deleted == PruneChunk);

        if (pruned > 0)
        {
            LogPruned(pruned);
        }

        return pruned;
    }

    /// <summary>
    /// Takes up to <see cref="AnalyticsOptions.ShardsPerBatch"/> shards that have events waiting and that no other
    /// worker holds, the least recently taken first, and reads the events past their watermarks that transactions
    /// already finished wrote (no event can appear later below them), in watermark order. Returns each shard taken
    /// with its new watermark. With nothing waiting it takes nothing, so an idle worker writes nothing.
    /// </summary>
    private async Task<(List<(short Shard, Watermark Watermark)> Shards, List<AnalyticsEvent> Events)> ClaimAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH taken AS (
                SELECT s.shard, s.last_tx, s.last_event_id FROM analytics_shards s
                WHERE EXISTS (
                    SELECT 1 FROM events e
                    WHERE e.shard = s.shard AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id)
                      AND e.tx < pg_snapshot_xmin(pg_current_snapshot()))
                ORDER BY s.applied_at, s.shard LIMIT $1
                FOR UPDATE OF s SKIP LOCKED)
            SELECT t.shard, t.last_tx, t.last_event_id,
                   e.tx, {AnalyticsEvent.Columns}
            FROM taken t
            LEFT JOIN LATERAL (
                SELECT * FROM events e
                WHERE e.shard = t.shard AND (e.tx, e.event_id) > (t.last_tx, t.last_event_id)
                  AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY e.tx, e.event_id
                LIMIT $2) e ON true
            ORDER BY t.shard, e.tx, e.event_id
            """, connection);
        var settings = options.Value;
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.ShardsPerBatch });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(1, settings.BatchSize / settings.ShardsPerBatch) });
        var shards = new List<(short Shard, Watermark Watermark)>();
        var events = new List<AnalyticsEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var shard = reader.GetInt16(0);
            if (shards.Count == 0 || shards[^1].Shard != shard)
            {
                shards.Add((shard, new Watermark(reader.GetFieldValue<ulong>(1), reader.GetGuid(2))));
            }

            if (reader.IsDBNull(3))
            {
                continue; // nothing waits in this shard
            }

            var e = AnalyticsEvent.Read(reader, 4);
            events.Add(e);
            shards[^1] = (shard, new Watermark(reader.GetFieldValue<ulong>(3), e.EventId));
        }

        return (shards, events);
    }

    /// <summary>A shard's last applied event: the transaction that wrote it, and its id.</summary>
    private readonly record struct Watermark(ulong Tx, Guid EventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} processed events past their retention.")]
    private partial void LogPruned(long count);
}

/// <summary>The events waiting for a worker: the age of the oldest, and how many (up to a cap).</summary>
public sealed record AnalyticsBacklog(TimeSpan Lag, long Unprocessed);
