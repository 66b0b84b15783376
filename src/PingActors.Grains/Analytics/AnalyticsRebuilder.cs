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
    private const int ChunkSize = 20_000;

    /// <summary>The figures of the pings with ids in (<c>$1</c>, <c>$2</c>], by user and day.</summary>
    private static readonly string _userDays = AggregateSql.With(AggregateSql.AddUserDays, """
        SELECT username, day, sum(sent), sum(received), sum(responded), sum(in_time), sum(declined), sum(withdrawn), sum(expired), sum(seconds)
        FROM (
            SELECT sender AS username, (created_at AT TIME ZONE 'UTC')::date AS day, 1 AS sent, 0 AS received, 0 AS responded,
                   0 AS in_time, 0 AS declined, 0 AS withdrawn, 0 AS expired, 0::bigint AS seconds
            FROM pings WHERE ping_id > $1 AND ping_id <= $2
            UNION ALL
            SELECT receiver, (created_at AT TIME ZONE 'UTC')::date, 0, 1, (status = 'responded')::int,
                   (status = 'responded' AND responded_at - created_at <= interval '24 hours')::int,
                   (status = 'declined')::int, (status = 'withdrawn')::int, (status = 'expired')::int,
                   CASE WHEN status = 'responded' THEN floor(extract(epoch FROM responded_at - created_at))::bigint ELSE 0 END
            FROM pings WHERE ping_id > $1 AND ping_id <= $2
        ) figures
        GROUP BY username, day
        """);

    private static readonly string _userMinutes = AggregateSql.With(AggregateSql.AddUserResponseMinutes, """
        SELECT receiver, (created_at AT TIME ZONE 'UTC')::date, (floor(extract(epoch FROM responded_at - created_at))::bigint / 60)::int, count(*)
        FROM pings WHERE ping_id > $1 AND ping_id <= $2 AND status = 'responded'
        GROUP BY 1, 2, 3
        """);

    private static readonly string _listings = AggregateSql.With(AggregateSql.AddListings, """
        SELECT listing_id, count(*), count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status = 'declined'),
               count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'expired'),
               coalesce(sum(floor(extract(epoch FROM responded_at - created_at))::bigint) FILTER (WHERE status = 'responded'), 0)
        FROM pings WHERE ping_id > $1 AND ping_id <= $2
        GROUP BY listing_id
        """);

    private static readonly string _listingMinutes = AggregateSql.With(AggregateSql.AddListingResponseMinutes, """
        SELECT listing_id, (floor(extract(epoch FROM responded_at - created_at))::bigint / 60)::int, count(*)
        FROM pings WHERE ping_id > $1 AND ping_id <= $2 AND status = 'responded'
        GROUP BY 1, 2
        """);

    /// <summary>Rebuilds the aggregates, reporting progress after each chunk of pings.</summary>
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

        var after = Guid.Empty;
        while (await NextChunkAsync(connection, "pings", "ping_id", after, cancellationToken) is { } chunk)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var sql in (string[])[_userDays, _userMinutes, _listings, _listingMinutes])
            {
                batch.BatchCommands.Add(AggregateSql.Command(sql, Id(after), Id(chunk.Last)));
            }

            foreach (var sql in InsightRebuildSql.PingStatements)
            {
                batch.BatchCommands.Add(AggregateSql.Command(sql, Id(after), Id(chunk.Last), GridEdges(), GridLogs()));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            state = state with { Pings = state.Pings + chunk.Count };
            progress?.Report(state);
            after = chunk.Last;
        }

        // The owners' messages count towards when they are active; they are read by chat, not by ping.
        for (var chat = Guid.Empty; await NextChunkAsync(connection, "chats", "chat_id", chat, cancellationToken) is { } chunk; chat = chunk.Last)
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { AggregateSql.Command(InsightRebuildSql.OwnerMessages, Id(chat), Id(chunk.Last)) } };
            await batch.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>The next <see cref="ChunkSize"/> rows of <paramref name="table"/> after the key <paramref name="after"/>: the last key and how many; null at the end.</summary>
    private static async Task<(Guid Last, long Count)?> NextChunkAsync(NpgsqlConnection connection, string table, string key, Guid after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT (array_agg({key} ORDER BY {key} DESC))[1], count(*) FROM (SELECT {key} FROM {table} WHERE {key} > $1 ORDER BY {key} LIMIT {ChunkSize}) chunk", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : (reader.GetGuid(0), reader.GetInt64(1));
    }

    private static NpgsqlParameter<Guid> Id(Guid id) => new() { TypedValue = id };

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

/// <summary>How far a rebuild has come: pings folded in so far, of all pings.</summary>
public sealed record AnalyticsRebuildProgress(long Pings, long Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Pings / Total;
}

/// <summary>A rebuild was asked for while another one runs.</summary>
public sealed class AnalyticsRebuildRunningException() : InvalidOperationException("An analytics rebuild is already running.");
