using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.History;

/// <summary>
/// Group commit for history rows. Grains hand over one <see cref="ChatWrite"/> per turn and await it; the
/// writer puts the writes of many concurrent turns into one statement, in its own implicit transaction (one
/// round trip, one WAL flush), and completes every caller when it has committed.
/// </summary>
/// <remarks>
/// A batch the server refuses (a stale write, a constraint) rolls back whole, so the writer retries its writes
/// one by one and only the faulty one fails. A batch that loses its connection may or may not have committed:
/// the writer ends the batch's server process, asks the database (by the batch's event ids) what is there, and
/// retries only what surely did not commit. Nobody is ever told "failed" about rows that exist.
/// </remarks>
public sealed partial class HistoryWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly GroupCommitOptions _options;
    private readonly ILogger<HistoryWriter> _logger;
    private readonly BatchQueue<ChatWrite, bool> _queue;
    private readonly IEventPublisher? _publisher;

    internal HistoryWriter(
        NpgsqlDataSource database, WritePathLoad load, IOptions<GroupCommitOptions> options, ILogger<HistoryWriter> logger, IEventPublisher? publisher = null)
    {
        _database = database;
        _publisher = publisher;
        _options = options.Value;
        _logger = logger;
        _queue = new BatchQueue<ChatWrite, bool>(_options.MaxBatchSize, _options.MaxConcurrentBatches, _options.MaxDelay, async batch =>
        {
            using var writing = load.Begin(batch.Count);
            using var span = StartSpan(batch);
            await FlushAsync(batch);
        });
    }

    /// <summary>
    /// Writes one turn's rows; durable when the task completes. <see langword="false"/> only for a write that
    /// creates a chat which turned out to exist already: then nothing was written.
    /// </summary>
    internal async Task<bool> WriteAsync(ChatWrite write)
    {
        var started = Stopwatch.GetTimestamp();
        var written = await _queue.EnqueueAsync(write);
        PingActorsMetrics.RecordWriteWait(Stopwatch.GetElapsedTime(started));
        return written;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>
    /// The batch's span, which its SQL runs under: a child of the first write's trace, linked to every other's, so
    /// each ping's trace reaches the statement that wrote it (through the parent or a link). None when nothing
    /// records traces.
    /// </summary>
    private static Activity? StartSpan(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch)
    {
        if (!PingActorsTracing.Source.HasListeners())
        {
            return null;
        }

        var links = batch.Skip(1).Where(entry => entry.Caller != default).Select(entry => new ActivityLink(entry.Caller)).ToList();
        var span = PingActorsTracing.Source.StartActivity("history commit", ActivityKind.Internal, batch[0].Caller, links: links);
        span?.SetTag("pingactors.history.batch_size", batch.Count);
        return span;
    }

    private async Task FlushAsync(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch)
    {
        var writes = batch.Select(entry => entry.Request).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var backend = new StrongBox<int>();
            Exception failure;
            try
            {
                var started = Stopwatch.GetTimestamp();
                var (created, positions) = await ExecuteAsync(writes, backend);
                PingActorsMetrics.RecordCommit(writes.Count, Stopwatch.GetElapsedTime(started));
                Publish(writes, positions);
                foreach (var entry in batch)
                {
                    entry.Complete(!entry.Request.CreatesChat || created.Contains(entry.Request.Chat!.ChatId));
                }

                return;
            }
            catch (PostgresException ex) when (!IsTransient(ex))
            {
                // Refused and rolled back: find out which write it was about.
                await WriteOneByOneAsync(batch, ex);
                return;
            }
            catch (PostgresException ex)
            {
                failure = ex; // rolled back; safe to retry as is
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                var found = backend.Value == 0 ? [] : await FindCommittedAsync(writes, backend.Value);
                if (found is null)
                {
                    LogOutcomeUnknown(ex, writes.Count);
                    FailAll(batch, new WriteOutcomeUnknownException("A history write lost its connection and its outcome could not be confirmed.", ex));
                    return;
                }

                if (found.Count > 0)
                {
                    // The batch committed. A chat-creating write whose rows are missing found its chat already there.
                    Publish(writes, found);
                    foreach (var entry in batch)
                    {
                        var stored = found.ContainsKey(entry.Request.Events[0].EventId);
                        if (stored || entry.Request.CreatesChat)
                        {
                            entry.Complete(stored);
                        }
                        else
                        {
                            entry.Fail(new InvalidOperationException("A committed batch lacks the rows of one of its writes.", ex));
                        }
                    }

                    return;
                }

                failure = ex;
            }

            if (attempt >= _options.MaxRetries)
            {
                LogGaveUp(failure, writes.Count, attempt + 1);
                FailAll(batch, failure);
                return;
            }

            LogRetrying(failure, writes.Count, attempt + 1);
            await Task.Delay(Backoff(attempt));
        }
    }

    private async Task WriteOneByOneAsync(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch, PostgresException batchFailure)
    {
        if (batch.Count == 1)
        {
            batch[0].Fail(batchFailure);
            return;
        }

        LogIsolating(batchFailure.SqlState, batch.Count);
        foreach (var entry in batch)
        {
            try
            {
                var (created, positions) = await ExecuteAsync([entry.Request], new StrongBox<int>());
                Publish([entry.Request], positions);
                entry.Complete(!entry.Request.CreatesChat || created.Count > 0);
            }
            catch (Exception ex)
            {
                entry.Fail(ex);
            }
        }
    }

    /// <summary>Runs the batch as one statement; returns the chats it created and the positions its events took.</summary>
    private async Task<(HashSet<Guid> Created, Dictionary<Guid, long> Positions)> ExecuteAsync(IReadOnlyList<ChatWrite> writes, StrongBox<int> backend)
    {
        await using var connection = await _database.OpenConnectionAsync();
        backend.Value = connection.ProcessID;
        await using var command = new NpgsqlCommand(null, connection);
        HistoryBatch.Prepare(command, writes);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var created = reader.GetFieldValue<Guid[]>(0);
        var events = reader.GetFieldValue<Guid[]>(1);
        var seqs = reader.GetFieldValue<long[]>(2);
        var positions = new Dictionary<Guid, long>(events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            positions[events[i]] = seqs[i];
        }

        return ([.. created], positions);
    }

    private void Publish(List<ChatWrite> writes, Dictionary<Guid, long> positions)
    {
        if (_publisher is null || positions.Count == 0)
        {
            return;
        }

        try
        {
            _publisher.Committed(writes, positions);
        }
        catch (Exception ex)
        {
            // The rows are committed whatever the stream does with them: a client that misses the live item
            // still gets it from the outbox.
            LogPublishFailed(ex, writes.Count);
        }
    }

    /// <summary>
    /// Finds which writes of a batch whose connection broke are stored. First the batch's server process is
    /// ended and waited for, because a server can still run (and commit) a batch its client already gave up on;
    /// after that, the answer cannot change. A batch commits whole, and every write carries an event, so the
    /// batch's event ids tell. Returns the stored events with their positions; <see langword="null"/>: the database
    /// could not be asked.
    /// </summary>
    private async Task<Dictionary<Guid, long>?> FindCommittedAsync(IReadOnlyList<ChatWrite> writes, int backendPid)
    {
        var eventIds = writes.SelectMany(w => w.Events).Select(e => e.EventId).ToArray();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync();
                await using (var terminate = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE pid = $1", connection))
                {
                    terminate.Parameters.Add(new NpgsqlParameter<int> { TypedValue = backendPid });
                    await terminate.ExecuteNonQueryAsync();
                }

                await using var find = new NpgsqlCommand("SELECT event_id, seq FROM events WHERE event_id = ANY($1)", connection);
                find.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventIds });
                var found = new Dictionary<Guid, long>();
                await using var reader = await find.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    found[reader.GetGuid(0)] = reader.GetInt64(1);
                }

                return found;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                await Task.Delay(Backoff(attempt));
            }
        }

        return null;
    }

    private static bool IsTransient(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(50 * (1 << Math.Min(attempt, 5)));

    private static void FailAll(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch, Exception failure)
    {
        foreach (var entry in batch)
        {
            entry.Fail(failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} history writes failed (attempt {Attempt}); retrying.")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} history writes failed {Attempts} times; its callers see the failure.")]
    private partial void LogGaveUp(Exception exception, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} history writes lost its connection and could not be confirmed.")]
    private partial void LogOutcomeUnknown(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing the events of {Count} committed history writes to the stream failed; clients catch up from the outbox.")]
    private partial void LogPublishFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database refused a batch ({SqlState}); writing its {Count} writes one by one.")]
    private partial void LogIsolating(string sqlState, int count);
}
