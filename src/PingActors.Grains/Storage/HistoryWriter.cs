using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Pings;

namespace PingActors.Storage;

/// <summary>
/// Group commit for history rows. Chat grains hand over one <see cref="ChatWrite"/> per turn and await it;
/// the writer puts the writes of many concurrent turns into one implicit transaction (one round trip, one
/// WAL flush) and completes every caller when it has committed.
/// </summary>
/// <remarks>
/// A batch the server refuses (a stale write, a constraint) rolls back whole, so the writer retries its writes
/// one by one and only the faulty one fails. A batch that loses its connection may or may not have committed:
/// the writer asks the database (by the batch's event ids) before it answers, and retries only what surely
/// did not commit. Nobody is ever told "failed" about rows that exist.
/// </remarks>
public sealed partial class HistoryWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly GroupCommitOptions _options;
    private readonly ILogger<HistoryWriter> _logger;
    private readonly BatchQueue<ChatWrite, bool> _queue;

    public HistoryWriter(NpgsqlDataSource database, IOptions<GroupCommitOptions> options, ILogger<HistoryWriter> logger)
    {
        _database = database;
        _options = options.Value;
        _logger = logger;
        _queue = new BatchQueue<ChatWrite, bool>(_options.MaxBatchSize, _options.MaxConcurrentBatches, _options.MaxDelay, FlushAsync);
    }

    /// <summary>Writes one turn's rows; durable when the task completes.</summary>
    internal Task WriteAsync(ChatWrite write) => _queue.EnqueueAsync(write);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

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
                await ExecuteAsync(writes, backend);
                PingActorsMetrics.RecordCommit(writes.Count, Stopwatch.GetElapsedTime(started));
                CompleteAll(batch);
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
                var committed = backend.Value == 0 ? false : await ConfirmCommittedAsync(writes, backend.Value);
                if (committed is true)
                {
                    CompleteAll(batch);
                    return;
                }

                if (committed is null)
                {
                    LogOutcomeUnknown(ex, writes.Count);
                    FailAll(batch, new WriteOutcomeUnknownException("A history write lost its connection and its outcome could not be confirmed.", ex));
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
                await ExecuteAsync([entry.Request], new StrongBox<int>());
                entry.Complete(true);
            }
            catch (Exception ex)
            {
                entry.Fail(ex);
            }
        }
    }

    private async Task ExecuteAsync(IReadOnlyList<ChatWrite> writes, StrongBox<int> backend)
    {
        await using var connection = await _database.OpenConnectionAsync();
        backend.Value = connection.ProcessID;
        await using var batch = new NpgsqlBatch(connection);
        AddChats(batch, writes);
        AddNewPings(batch, writes);
        AddClosedPings(batch, writes);
        AddMessages(batch, writes);
        AddEvents(batch, writes);
        // No explicit transaction: one batch is one implicit transaction, committed with a single round trip.
        await batch.ExecuteNonQueryAsync();
    }

    private static void AddChats(NpgsqlBatch batch, IReadOnlyList<ChatWrite> writes)
    {
        var chats = writes.Where(w => w.Chat is not null).Select(w => w.Chat!).ToList();
        if (chats.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand("""
            INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at,
                               owner_last_seq, sender_last_seq, last_ping_id)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[],
                                 $7::timestamptz[], $8::bigint[], $9::bigint[], $10::uuid[])
            ON CONFLICT (chat_id) DO UPDATE SET
                last_seq = excluded.last_seq,
                last_message_at = excluded.last_message_at,
                owner_last_seq = excluded.owner_last_seq,
                sender_last_seq = excluded.sender_last_seq,
                last_ping_id = excluded.last_ping_id
            """);
        command.Parameters.Add(Array(chats, c => c.ChatId));
        command.Parameters.Add(Array(chats, c => c.ListingId));
        command.Parameters.Add(Array(chats, c => c.Owner));
        command.Parameters.Add(Array(chats, c => c.Sender));
        command.Parameters.Add(Array(chats, c => c.CreatedAt));
        command.Parameters.Add(Array(chats, c => c.LastSeq));
        command.Parameters.Add(Array(chats, c => c.LastMessageAt));
        command.Parameters.Add(Array(chats, c => c.OwnerLastSeq));
        command.Parameters.Add(Array(chats, c => c.SenderLastSeq));
        command.Parameters.Add(Array(chats, c => c.LastPingId));
        batch.BatchCommands.Add(command);
    }

    private static void AddNewPings(NpgsqlBatch batch, IReadOnlyList<ChatWrite> writes)
    {
        var pings = writes.Where(w => w.NewPing is not null).Select(w => w.NewPing!).ToList();
        if (pings.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand("""
            INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at,
                               expires_at, allowance_day, allowance_seq, first_response_at, responded_at, closed_at,
                               response_message)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                                 $8::text[], $9::timestamptz[], $10::timestamptz[], $11::date[], $12::integer[],
                                 $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::text[])
            """);
        command.Parameters.Add(Array(pings, p => p.PingId));
        command.Parameters.Add(Array(pings, p => p.ChatId));
        command.Parameters.Add(Array(pings, p => p.ListingId));
        command.Parameters.Add(Array(pings, p => p.Sender));
        command.Parameters.Add(Array(pings, p => p.Receiver));
        command.Parameters.Add(Array(pings, p => p.MessageId));
        command.Parameters.Add(Array(pings, p => p.Message));
        command.Parameters.Add(Array(pings, p => p.Status.ToText()));
        command.Parameters.Add(Array(pings, p => p.CreatedAt));
        command.Parameters.Add(Array(pings, p => p.ExpiresAt));
        command.Parameters.Add(Array(pings, p => p.AllowanceDay));
        command.Parameters.Add(Array(pings, p => p.AllowanceSeq));
        command.Parameters.Add(Array(pings, p => p.FirstResponseAt));
        command.Parameters.Add(Array(pings, p => p.RespondedAt));
        command.Parameters.Add(Array(pings, p => p.ClosedAt));
        command.Parameters.Add(Array(pings, p => p.ResponseMessage));
        batch.BatchCommands.Add(command);
    }

    private static void AddClosedPings(NpgsqlBatch batch, IReadOnlyList<ChatWrite> writes)
    {
        var pings = writes.Where(w => w.ClosedPing is not null).Select(w => w.ClosedPing!).ToList();
        if (pings.Count == 0)
        {
            return;
        }

        // Only a pending ping may close, and each must: a miss means the grain's view was stale.
        var command = new NpgsqlBatchCommand("""
            WITH closed AS (
                UPDATE pings p
                SET status = u.status, first_response_at = u.first_response_at, responded_at = u.responded_at,
                    closed_at = u.closed_at, response_message = u.response_message
                FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::text[])
                    AS u(ping_id, status, first_response_at, responded_at, closed_at, response_message)
                WHERE p.ping_id = u.ping_id AND p.status = 'pending'
                RETURNING 1
            )
            SELECT pingactors_expect_rows(count(*), $7, 'ping status') FROM closed
            """);
        command.Parameters.Add(Array(pings, p => p.PingId));
        command.Parameters.Add(Array(pings, p => p.Status.ToText()));
        command.Parameters.Add(Array(pings, p => p.FirstResponseAt));
        command.Parameters.Add(Array(pings, p => p.RespondedAt));
        command.Parameters.Add(Array(pings, p => p.ClosedAt));
        command.Parameters.Add(Array(pings, p => p.ResponseMessage));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = pings.Count });
        batch.BatchCommands.Add(command);
    }

    private static void AddMessages(NpgsqlBatch batch, IReadOnlyList<ChatWrite> writes)
    {
        var messages = writes.Where(w => w.Message is not null).Select(w => w.Message!).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand("""
            INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at, client_message_id, ping_id)
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[],
                                 $7::text[], $8::uuid[])
            """);
        command.Parameters.Add(Array(messages, m => m.ChatId));
        command.Parameters.Add(Array(messages, m => m.Seq));
        command.Parameters.Add(Array(messages, m => m.MessageId));
        command.Parameters.Add(Array(messages, m => m.Sender));
        command.Parameters.Add(Array(messages, m => m.Body));
        command.Parameters.Add(Array(messages, m => m.CreatedAt));
        command.Parameters.Add(Array(messages, m => m.ClientMessageId));
        command.Parameters.Add(Array(messages, m => m.PingId));
        batch.BatchCommands.Add(command);
    }

    private static void AddEvents(NpgsqlBatch batch, IReadOnlyList<ChatWrite> writes)
    {
        var events = writes.SelectMany(w => w.Events).ToList();
        if (events.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand("""
            INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver, actor,
                                ping_created_at, message_seq)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::uuid[],
                                 $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::bigint[])
            """);
        command.Parameters.Add(Array(events, e => e.EventId));
        command.Parameters.Add(Array(events, e => e.Type));
        command.Parameters.Add(Array(events, e => e.OccurredAt));
        command.Parameters.Add(Array(events, e => e.ChatId));
        command.Parameters.Add(Array(events, e => e.ListingId));
        command.Parameters.Add(Array(events, e => e.PingId));
        command.Parameters.Add(Array(events, e => e.Sender));
        command.Parameters.Add(Array(events, e => e.Receiver));
        command.Parameters.Add(Array(events, e => e.Actor));
        command.Parameters.Add(Array(events, e => e.PingCreatedAt));
        command.Parameters.Add(Array(events, e => e.MessageSeq));
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Asks whether a batch whose connection broke committed. First the batch's server process is ended and
    /// waited for, because a server can still run (and commit) a batch its client already gave up on; after
    /// that, the answer cannot change. Every write carries an event and a batch commits whole, so the batch's
    /// event ids answer for all of it. <see langword="null"/>: the database could not be asked.
    /// </summary>
    private async Task<bool?> ConfirmCommittedAsync(IReadOnlyList<ChatWrite> writes, int backendPid)
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

                await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE event_id = ANY($1)", connection);
                count.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventIds });
                var found = (long)(await count.ExecuteScalarAsync())!;
                return found switch
                {
                    0 => false,
                    _ when found == eventIds.Length => true,
                    _ => throw new InvalidOperationException($"A batch committed {found} of its {eventIds.Length} events."),
                };
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

    private static void CompleteAll(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch)
    {
        foreach (var entry in batch)
        {
            entry.Complete(true);
        }
    }

    private static void FailAll(IReadOnlyList<BatchEntry<ChatWrite, bool>> batch, Exception failure)
    {
        foreach (var entry in batch)
        {
            entry.Fail(failure);
        }
    }

    private static NpgsqlParameter<T[]> Array<TRow, T>(List<TRow> rows, Func<TRow, T> column)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(rows[i]);
        }

        return new NpgsqlParameter<T[]> { TypedValue = values };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} history writes failed (attempt {Attempt}); retrying.")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} history writes failed {Attempts} times; its callers see the failure.")]
    private partial void LogGaveUp(Exception exception, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} history writes lost its connection and could not be confirmed.")]
    private partial void LogOutcomeUnknown(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database refused a batch ({SqlState}); writing its {Count} writes one by one.")]
    private partial void LogIsolating(string sqlState, int count);
}
