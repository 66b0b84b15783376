using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Hosting;
using PingActors.Storage;

namespace PingActors.Analytics;

/// <summary>
/// Applies outbox events to the aggregate tables. One transaction claims a batch of unprocessed events and marks
/// them processed (rows other workers hold are skipped, so workers in every silo share the stream), adds their
/// deltas and notifies <see cref="Channel"/>; it commits all of that or none of it, so an event is applied
/// exactly once however many workers run and whichever of them dies.
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
            return 0; // a rebuild is recomputing everything; it marks these events itself
        }

        var events = await ClaimAsync(connection, cancellationToken);
        if (events.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection);
        AddDelta(batch, AnalyticsDelta.Fold(events));
        batch.BatchCommands.Add(Command(
            "SELECT pg_notify($1, $2)",
            new NpgsqlParameter<string> { TypedValue = Channel },
            new NpgsqlParameter<string> { TypedValue = events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PingActorsMetrics.RecordEventsApplied(events.Count);
        _recent.Enqueue((clock.GetUtcNow(), events.Count));
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
        await using var command = database.CreateCommand($"""
            SELECT (SELECT event_id FROM events WHERE processed_at IS NULL ORDER BY event_id LIMIT 1),
                   (SELECT count(*) FROM (SELECT 1 FROM events WHERE processed_at IS NULL LIMIT {BacklogCountCap}) waiting)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lag = reader.IsDBNull(0) ? TimeSpan.Zero : clock.GetUtcNow() - UuidV7.TimestampOf(reader.GetGuid(0));
        var backlog = new AnalyticsBacklog(lag < TimeSpan.Zero ? TimeSpan.Zero : lag, reader.GetInt64(1));
        PingActorsMetrics.RecordBacklog(backlog);
        return backlog;
    }

    /// <summary>Deletes processed events older than the retention; returns how many.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = UuidV7.LowerBound(clock.GetUtcNow() - options.Value.EventRetention);
        long pruned = 0;
        int deleted;
        do
        {
            await using var command = database.CreateCommand($"""
                DELETE FROM events WHERE event_id IN (
                    SELECT event_id FROM events WHERE event_id < $1 AND processed_at IS NOT NULL ORDER BY event_id LIMIT {PruneChunk})
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

    private async Task<List<AnalyticsEvent>> ClaimAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Claiming and marking are one statement: the rows are locked (skipping those another worker holds) and
        // marked in a single pass, and the mark commits or rolls back with the aggregates.
        await using var command = new NpgsqlCommand("""
            UPDATE events SET processed_at = $2
            WHERE event_id = ANY (ARRAY(
                SELECT event_id FROM events WHERE processed_at IS NULL
                ORDER BY event_id LIMIT $1
                FOR UPDATE SKIP LOCKED))
            RETURNING event_id, event_type, occurred_at, listing_id, sender, receiver, ping_created_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.BatchSize });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        var events = new List<AnalyticsEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AnalyticsEvent(
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return events;
    }

    /// <summary>
    /// Adds the batch's deltas, each table's rows in key order: workers that share rows then lock them in the same
    /// order, so they wait for each other instead of deadlocking.
    /// </summary>
    private static void AddDelta(NpgsqlBatch batch, AnalyticsDelta delta)
    {
        if (delta.Users.Count > 0)
        {
            var users = delta.Users.OrderBy(u => u.Key.User, StringComparer.Ordinal).ThenBy(u => u.Key.Day).ToList();
            batch.BatchCommands.Add(Command(
                AggregateSql.With(AggregateSql.AddUserDays,
                    "SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bigint[])"),
                Array(users, u => u.Key.User), Array(users, u => u.Key.Day), Array(users, u => u.Value.Sent), Array(users, u => u.Value.Received),
                Array(users, u => u.Value.Responded), Array(users, u => u.Value.RespondedInTime), Array(users, u => u.Value.Declined),
                Array(users, u => u.Value.Withdrawn), Array(users, u => u.Value.Expired), Array(users, u => u.Value.ResponseSeconds)));
        }

        if (delta.UserResponseMinutes.Count > 0)
        {
            var minutes = delta.UserResponseMinutes.OrderBy(m => m.Key.User, StringComparer.Ordinal).ThenBy(m => m.Key.Day).ThenBy(m => m.Key.Minutes).ToList();
            batch.BatchCommands.Add(Command(
                AggregateSql.With(AggregateSql.AddUserResponseMinutes, "SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[])"),
                Array(minutes, m => m.Key.User), Array(minutes, m => m.Key.Day), Array(minutes, m => m.Key.Minutes), Array(minutes, m => m.Value)));
        }

        if (delta.Listings.Count > 0)
        {
            var listings = delta.Listings.OrderBy(l => l.Key).ToList();
            batch.BatchCommands.Add(Command(
                AggregateSql.With(AggregateSql.AddListings, "SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[])"),
                Array(listings, l => l.Key), Array(listings, l => l.Value.Pings), Array(listings, l => l.Value.Responded),
                Array(listings, l => l.Value.Declined), Array(listings, l => l.Value.Withdrawn), Array(listings, l => l.Value.Expired),
                Array(listings, l => l.Value.ResponseSeconds)));
        }

        if (delta.ListingResponseMinutes.Count > 0)
        {
            var minutes = delta.ListingResponseMinutes.OrderBy(m => m.Key.Listing).ThenBy(m => m.Key.Minutes).ToList();
            batch.BatchCommands.Add(Command(
                AggregateSql.With(AggregateSql.AddListingResponseMinutes, "SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])"),
                Array(minutes, m => m.Key.Listing), Array(minutes, m => m.Key.Minutes), Array(minutes, m => m.Value)));
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T[]> Array<TRow, T>(List<TRow> rows, Func<TRow, T> column) =>
        new() { TypedValue = [.. rows.Select(column)] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} processed events past their retention.")]
    private partial void LogPruned(long count);
}

/// <summary>The events waiting for a worker: the age of the oldest, and how many (up to a cap).</summary>
public sealed record AnalyticsBacklog(TimeSpan Lag, long Unprocessed);
