using System.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Analytics;

/// <summary>
/// Recomputes every aggregate from the ping history. It keeps the workers out while it runs (they finish the
/// batch in hand first), and works in one repeatable-read transaction: its snapshot of the pings includes the
/// changes of exactly the events that snapshot sees, and it leaves the watermarks so that the workers apply
/// every other event (those committed meanwhile, and the few it takes back out), so nothing is counted twice or
/// missed, and readers see the old figures until it commits.
/// </summary>
public sealed partial class AnalyticsRebuilder([FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database, TimeProvider clock, ILogger<AnalyticsRebuilder> logger)
{
    // Each aggregate is computed over all pings at once and written in key order: every row is inserted once, at
    // the end of its index, instead of being added to chunk by chunk all over the index.

    /// <summary>The figures of all pings, by user and day.</summary>
    private static readonly string _userDays = AggregateSql.With(AggregateSql.AddUserDays, """
        SELECT username, day, sum(sent), sum(received), sum(responded), sum(in_time), sum(declined), sum(withdrawn), sum(expired), sum(seconds)
        FROM (
            SELECT sender AS username, (created_at AT TIME ZONE 'UTC')::date AS day, 1 AS sent, 0 AS received, 0 AS responded,
                   0 AS in_time, 0 AS declined, 0 AS withdrawn, 0 AS expired, 0::bigint AS seconds
            FROM pings
            UNION ALL
            SELECT receiver, (created_at AT TIME ZONE 'UTC')::date, 0, 1, (status = 'responded')::int,
                   (status = 'responded' AND responded_at - created_at <= interval '24 hours')::int,
                   (status = 'declined')::int, (status = 'withdrawn')::int, (status = 'expired')::int,
                   CASE WHEN status = 'responded' THEN floor(extract(epoch FROM responded_at - created_at))::bigint ELSE 0 END
            FROM pings
        ) figures
        GROUP BY username, day
        ORDER BY username, day
        """);

    private static readonly string _userMinutes = AggregateSql.With(AggregateSql.AddUserResponseMinutes, """
        SELECT receiver, (created_at AT TIME ZONE 'UTC')::date, (floor(extract(epoch FROM responded_at - created_at))::bigint / 60)::int, count(*)
        FROM pings WHERE status = 'responded'
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        """);

    private static readonly string _listings = AggregateSql.With(AggregateSql.AddListings, """
        SELECT listing_id, count(*), count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status = 'declined'),
               count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'expired'),
               coalesce(sum(floor(extract(epoch FROM responded_at - created_at))::bigint) FILTER (WHERE status = 'responded'), 0)
        FROM pings
        GROUP BY listing_id
        ORDER BY listing_id
        """);

    private static readonly string _listingMinutes = AggregateSql.With(AggregateSql.AddListingResponseMinutes, """
        SELECT listing_id, (floor(extract(epoch FROM responded_at - created_at))::bigint / 60)::int, count(*)
        FROM pings WHERE status = 'responded'
        GROUP BY 1, 2
        ORDER BY 1, 2
        """);

    /// <summary>Rebuilds the aggregates, reporting progress after each one.</summary>
    /// <exception cref="AnalyticsRebuildRunningException">Another rebuild is running.</exception>
    public async Task<AnalyticsRebuildProgress> RebuildAsync(IProgress<AnalyticsRebuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLocks.TryLockAsync(connection, AdvisoryLocks.Rebuild, cancellationToken))
        {
            throw new AnalyticsRebuildRunningException();
        }

        try
        {
            // Taken before the transaction starts, so its snapshot sees every batch the workers committed.
            await AdvisoryLocks.LockAsync(connection, AdvisoryLocks.Workers, cancellationToken);
            try
            {
                return await RebuildLockedAsync(connection, progress, cancellationToken);
            }
            finally
            {
                await AdvisoryLocks.UnlockAsync(connection, AdvisoryLocks.Workers);
            }
        }
        finally
        {
            await AdvisoryLocks.UnlockAsync(connection, AdvisoryLocks.Rebuild);
        }
    }

    private async Task<AnalyticsRebuildProgress> RebuildLockedAsync(
        NpgsqlConnection connection, IProgress<AnalyticsRebuildProgress>? progress, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var reset = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("DELETE FROM user_daily_stats"),
                new("DELETE FROM user_daily_response_minutes"),
                new("DELETE FROM listing_stats"),
                new("DELETE FROM listing_response_minutes"),
            },
        })
        {
            foreach (var table in InsightSql.Tables)
            {
                reset.BatchCommands.Add(new($"DELETE FROM {table}"));
            }

            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var covered = await MoveWatermarksAsync(connection, cancellationToken);
        var total = await ScalarAsync<long>(connection, "SELECT count(*) FROM pings", cancellationToken);
        var state = new AnalyticsRebuildProgress(0, total);
        progress?.Report(state);

        // Each statement reads all pings (or messages) and sorts and groups them at once: memory of its own spares it
        // the disk.
        await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'", cancellationToken);
        NpgsqlBatchCommand[] statements =
        [
            .. ((string[])[_userDays, _userMinutes, _listings, _listingMinutes]).Select(sql => AggregateSql.Command(sql)),
            .. InsightRebuildSql.PingStatements.Select(sql => AggregateSql.Command(sql, GridEdges(), GridLogs())),

            // The owners' messages count towards when they are active.
            AggregateSql.Command(InsightRebuildSql.OwnerMessages),
        ];
        for (var i = 0; i < statements.Length; i++)
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { statements[i] } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
            state = state with { Pings = total * (i + 1) / statements.Length };
            progress?.Report(state);
        }

        // The snapshot's pings include the changes of every event it sees, but the watermarks can only pass the
        // events of transactions below its xmin. The events it sees above them (transactions that finished while
        // older ones still ran) will be applied by the workers again, so they are taken out here.
        var ahead = await ReadEventsAheadAsync(connection, cancellationToken);
        if (ahead.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection);
            AggregateSql.AddDelta(batch, AnalyticsDelta.FoldOut(ahead));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, "SELECT pg_notify($1, 'rebuild')", cancellationToken,
            new NpgsqlParameter<string> { TypedValue = AnalyticsProcessor.Channel });
        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(state.Pings, covered);
        return state;
    }

    /// <summary>
    /// Moves each shard's watermark to its last event written by a transaction below the snapshot's xmin: those
    /// are all finished, so the snapshot sees exactly those events, and no event can appear below them later.
    /// Returns how many waiting events that covered.
    /// </summary>
    private async Task<long> MoveWatermarksAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var covered = await ScalarAsync<long>(connection, """
            SELECT count(*) FROM unprocessed_events WHERE tx < pg_snapshot_xmin(pg_current_snapshot())
            """, cancellationToken);
        await ExecuteAsync(connection, """
            UPDATE analytics_shards s
            SET (last_tx, last_event_id, applied_at) = (
                SELECT e.tx, e.event_id, $1 FROM events e
                WHERE e.shard = s.shard AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY e.tx DESC, e.event_id DESC LIMIT 1)
            WHERE EXISTS (
                SELECT 1 FROM events e
                WHERE e.shard = s.shard AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
                  AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id))
            """, cancellationToken, new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        return covered;
    }

    /// <summary>The events the snapshot sees past the watermarks <see cref="MoveWatermarksAsync"/> set.</summary>
    private static async Task<List<AnalyticsEvent>> ReadEventsAheadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {AnalyticsEvent.Columns} FROM unprocessed_events e", connection);
        var events = new List<AnalyticsEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(AnalyticsEvent.Read(reader, 0));
        }

        return events;
    }

    private static NpgsqlParameter<long[]> GridEdges() => new() { TypedValue = [.. ResponseTimeGrid.Edges] };

    private static NpgsqlParameter<long[]> GridLogs() => new() { TypedValue = [.. ResponseTimeGrid.CentreLogs] };

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the analytics from {Pings} pings; {Events} waiting events were covered by it.")]
    private partial void LogRebuilt(long pings, long events);
}

/// <summary>
/// How far a rebuild has come, in pings of all pings: each aggregate reads every ping, so the count moves on by
/// its share of them as each aggregate is done.
/// </summary>
public sealed record AnalyticsRebuildProgress(long Pings, long Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Pings / Total;
}

/// <summary>A rebuild was asked for while another one runs.</summary>
public sealed class AnalyticsRebuildRunningException() : InvalidOperationException("An analytics rebuild is already running.");
