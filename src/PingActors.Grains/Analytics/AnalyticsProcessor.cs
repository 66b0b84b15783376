using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PingActors.Platform;
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
    [FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsProcessor> logger)
    : IDisposable
{
    /// <summary>
    /// The PostgreSQL channel a worker notifies, with the number of events applied, when a batch commits (and a
    /// rebuild, with <c>rebuild</c>, when it commits): anyone listening learns that the figures moved.
    /// </summary>
    public const string Channel = "pingactors_analytics";

    /// <summary>The most unprocessed events <see cref="BacklogAsync"/> counts.</summary>
    public const int BacklogCountCap = 1_000_000;

    /// <summary>How long <see cref="BacklogAsync"/> reuses a count of the waiting events.</summary>
    public static readonly TimeSpan CountReuse = TimeSpan.FromSeconds(10);

    private const int PruneChunk = 10_000;

    private static readonly TimeSpan _rateWindow = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, int Count)> _recent = new();
    private readonly SemaphoreSlim _counting = new(1, 1);
    private (long Count, long At)? _counted;

    /// <summary>
    /// The id of the oldest waiting event, as far as it matters: each shard's first waiting event stands for its
    /// oldest, since within a shard events wait in the order of the transactions that wrote them.
    /// </summary>
    private const string OldestWaitingSql = """
        SELECT first.event_id
        FROM analytics_shards s
        CROSS JOIN LATERAL (
            SELECT e.event_id FROM events e
            WHERE e.shard = s.shard AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id)
            ORDER BY e.tx, e.event_id LIMIT 1) first
        ORDER BY first.event_id LIMIT 1
        """;

    /// <summary>
    /// Takes up to <c>$1</c> shards with events waiting that no other worker holds, the least recently taken first, and
    /// reads up to <c>$2</c> of each one's events past its watermark that transactions already finished wrote (no event
    /// can appear later below them), in watermark order. A shard with nothing to read gives one row of nulls.
    /// </summary>
    internal const string ClaimSql = $"""
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
        """;

    /// <summary>How the claim's transaction plans it (see <see cref="ClaimAsync"/>).</summary>
    internal static readonly IReadOnlyList<string> ClaimSettings =
        ["SET LOCAL plan_cache_mode = force_custom_plan", "SET LOCAL enable_bitmapscan = off"];

    /// <summary>
    /// Applies one batch: how many events it applied (none when none are waiting or a rebuild is running), and
    /// whether more are waiting in a shard it took (one gave it as many as a batch takes from a shard).
    /// </summary>
    public async Task<AppliedBatch> ApplyBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await AdvisoryLocks.TryShareForTransactionAsync(connection, AdvisoryLocks.Workers, cancellationToken))
        {
            return default; // a rebuild is recomputing everything; it moves the watermarks itself
        }

        var (shards, events, moreWaiting) = await ClaimAsync(connection, cancellationToken);
        if (shards.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return default;
        }

        // The commit need not wait for its WAL to reach the disk (nor make the pings' commits queue behind that
        // flush): if the server crashes first, the aggregates and the watermarks it moved are lost together, and
        // the events are applied again.
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new("SET LOCAL synchronous_commit = off") } };
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

        return new AppliedBatch(events.Count, moreWaiting);
    }

    public void Dispose() => _counting.Dispose();

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

    /// <summary>
    /// The oldest unprocessed event's age, read now, and how many are waiting, counted up to
    /// <see cref="BacklogCountCap"/> at most once per <see cref="CountReuse"/> in this process: a count reads the whole
    /// backlog (tens of milliseconds of PostgreSQL with 100,000 waiting), and readiness probes come often, from every
    /// node, while a burst's backlog is largest.
    /// </summary>
    public async Task<AnalyticsBacklog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        var lag = LagOf(await OldestWaitingAsync(cancellationToken));
        var (unprocessed, countedAgo) = await CountAsync(fresh: false, cancellationToken);
        PingActorsMetrics.RecordBacklog(lag, unprocessed);
        return new AnalyticsBacklog(lag, unprocessed, countedAgo);
    }

    /// <summary>How many events are waiting (up to <see cref="BacklogCountCap"/>), counted now.</summary>
    public async Task<long> CountUnprocessedAsync(CancellationToken cancellationToken = default) =>
        (await CountAsync(fresh: true, cancellationToken)).Unprocessed;

    private async Task<(long Unprocessed, TimeSpan CountedAgo)> CountAsync(bool fresh, CancellationToken cancellationToken)
    {
        // One count at a time: probes that arrive while one runs take its answer.
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (!fresh && _counted is var (count, at) && Stopwatch.GetElapsedTime(at) is var age && age < CountReuse)
            {
                return (count, age);
            }

            await using var command = database.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM unprocessed_events LIMIT {BacklogCountCap}) waiting");
            var counted = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            _counted = (counted, Stopwatch.GetTimestamp());
            return (counted, TimeSpan.Zero);
        }
        finally
        {
            _counting.Release();
        }
    }

    /// <summary>The oldest unprocessed event's age only: a few index probes, however long the backlog.</summary>
    public async Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default)
    {
        var lag = LagOf(await OldestWaitingAsync(cancellationToken));
        PingActorsMetrics.RecordLag(lag);
        return lag;
    }

    /// <summary>
    /// The id of the oldest unprocessed event (a UUIDv7: it carries when it was written), or <see langword="null"/>
    /// when none waits: a few index probes, however long the backlog.
    /// </summary>
    public async Task<Guid?> OldestWaitingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(OldestWaitingSql);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// Deletes processed events (those at or below their shard's watermark) older than the retention, and events no
    /// worker applies (those without a chat, hence without a shard) older than it; returns how many. Moves the
    /// stream's horizon past every position it deleted, so a client resuming from below it is told to resync.
    /// </summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = UuidV7.LowerBound(clock.GetUtcNow() - options.Value.EventRetention);
        long pruned = 0;
        foreach (var chosen in (string[])[
            """
            SELECT e.event_id FROM events e JOIN analytics_shards s ON s.shard = e.shard
            WHERE e.event_id < $1 AND (e.tx, e.event_id) <= (s.last_tx, s.last_event_id)
            """,
            "SELECT e.event_id FROM events e WHERE e.event_id < $1 AND e.shard IS NULL"])
        {
            int deleted;
            do
            {
                await using var command = database.CreateCommand($"""
                    WITH gone AS (
                        DELETE FROM events WHERE event_id IN ({chosen} ORDER BY e.event_id LIMIT {PruneChunk})
                        RETURNING seq)
                    UPDATE stream_horizon SET pruned_seq = greatest(pruned_seq, (SELECT max(seq) FROM gone))
                    WHERE EXISTS (SELECT 1 FROM gone)
                    RETURNING (SELECT count(*) FROM gone)
                    """);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = before });
                deleted = (int)((long?)await command.ExecuteScalarAsync(cancellationToken) ?? 0);
                pruned += deleted;
            }
            while (deleted == PruneChunk);
        }

        if (pruned > 0)
        {
            LogPruned(pruned);
        }

        return pruned;
    }

    private TimeSpan LagOf(Guid? oldest)
    {
        var lag = oldest is { } id ? clock.GetUtcNow() - UuidV7.TimestampOf(id) : TimeSpan.Zero;
        return lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
    }

    /// <summary>
    /// Takes up to <see cref="AnalyticsOptions.ShardsPerBatch"/> shards and a batch's worth of their events
    /// (<see cref="ClaimSql"/>). Returns each shard taken with its new watermark, and whether a shard gave as many
    /// events as it was asked for (more may wait there). With nothing waiting it takes nothing, so an idle worker
    /// writes nothing.
    /// </summary>
    /// <remarks>
    /// The claim must walk <c>ix_events_shard_order</c> from each watermark and stop after a batch's worth, whatever
    /// the outbox's size. The data sources keep one generic plan per statement and connection, made the first time it
    /// runs; a plan made while the outbox was nearly empty (at start-up, or after a prune) hashes the whole table
    /// instead (a sequential scan of every event for each claim, 66 ms with 78,000 events against 1.4 ms along the
    /// index), and it stays until the table is next analyzed, long after a burst has filled the outbox. So the claim
    /// is planned afresh each time, for the table as it is (well under a millisecond, once a batch). Planned on
    /// statistics from before a burst, it would still expect a few waiting events per shard and read every one of them
    /// in a bitmap scan to sort them (150 ms against 6 ms with 58,000 waiting): bitmap scans are off for it too.
    /// </remarks>
    private async Task<(List<(short Shard, Watermark Watermark)> Shards, List<AnalyticsEvent> Events, bool MoreWaiting)> ClaimAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var setting in ClaimSettings)
        {
            batch.BatchCommands.Add(new(setting));
        }

        var command = new NpgsqlBatchCommand(ClaimSql);
        batch.BatchCommands.Add(command);
        var settings = options.Value;
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.ShardsPerBatch });
        var perShard = Math.Max(1, settings.BatchSize / settings.ShardsPerBatch);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = perShard });
        var shards = new List<(short Shard, Watermark Watermark)>();
        var events = new List<AnalyticsEvent>();
        var (fromShard, moreWaiting) = (0, false);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var shard = reader.GetInt16(0);
            if (shards.Count == 0 || shards[^1].Shard != shard)
            {
                shards.Add((shard, new Watermark(reader.GetFieldValue<ulong>(1), reader.GetGuid(2))));
                fromShard = 0;
            }

            if (reader.IsDBNull(3))
            {
                continue; // nothing waits in this shard
            }

            var e = AnalyticsEvent.Read(reader, 4);
            events.Add(e);
            shards[^1] = (shard, new Watermark(reader.GetFieldValue<ulong>(3), e.EventId));
            moreWaiting |= ++fromShard == perShard;
        }

        return (shards, events, moreWaiting);
    }

    /// <summary>A shard's last applied event: the transaction that wrote it, and its id.</summary>
    private readonly record struct Watermark(ulong Tx, Guid EventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} processed events past their retention.")]
    private partial void LogPruned(long count);
}

/// <summary>What one batch applied: how many events, and whether more are waiting in the shards it took.</summary>
public readonly record struct AppliedBatch(int Events, bool MoreWaiting);

/// <summary>The events waiting for a worker: the age of the oldest, how many (up to a cap), and how long ago they were counted.</summary>
public sealed record AnalyticsBacklog(TimeSpan Lag, long Unprocessed, TimeSpan CountedAgo);
