using Npgsql;
using PingActors.Import.Progress;
using PingActors.Import.Runs;
using PingActors.Import.Staging;

namespace PingActors.Import.Moving;

/// <summary>
/// Moves the prepared chats into PingActors, a chunk of chats at a time, each with all its pings and messages,
/// so every chat in the target is whole after every commit. A chunk and the run's checkpoint commit together.
/// Each row is inserted, or updated where the source changed it, or left alone: a second run changes nothing.
/// </summary>
public static class ChatMover
{
    private const string Range = "chat_id > $1 AND chat_id <= $2";

    private static readonly string _chats = $$"""
        WITH moved AS (
            INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id)
            SELECT chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id
            FROM {s}.prep_chats WHERE {{Range}}
            ON CONFLICT (chat_id) DO UPDATE SET
                created_at = EXCLUDED.created_at, last_seq = EXCLUDED.last_seq, last_message_at = EXCLUDED.last_message_at,
                owner_last_seq = EXCLUDED.owner_last_seq, sender_last_seq = EXCLUDED.sender_last_seq, last_ping_id = EXCLUDED.last_ping_id
            WHERE (chats.created_at, chats.last_seq, chats.last_message_at, chats.owner_last_seq, chats.sender_last_seq, chats.last_ping_id)
                IS DISTINCT FROM (EXCLUDED.created_at, EXCLUDED.last_seq, EXCLUDED.last_message_at, EXCLUDED.owner_last_seq, EXCLUDED.sender_last_seq, EXCLUDED.last_ping_id)
            RETURNING xmax = 0 AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM moved
        """;

    // bucket_tokens and shadow_refusal stay null: no token bucket and no policy in shadow judged a ping of the old
    // system. A sender whose latest ping has no bucket reading gets their bucket rebuilt from the pings of the last
    // 24 hours (SenderHistory), so the imported pings count against the allowance as PingActors' own would.
    private static readonly string _pings = $$"""
        WITH moved AS (
            INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
                               allowance_day, allowance_seq, first_response_at, responded_at, closed_at, response_message)
            SELECT ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
                   allowance_day, allowance_seq, first_response_at, responded_at, closed_at, response_message
            FROM {s}.prep_pings WHERE {{Range}}
            ON CONFLICT (ping_id) DO UPDATE SET
                message = EXCLUDED.message, status = EXCLUDED.status, expires_at = EXCLUDED.expires_at,
                first_response_at = EXCLUDED.first_response_at, responded_at = EXCLUDED.responded_at,
                closed_at = EXCLUDED.closed_at, response_message = EXCLUDED.response_message
            WHERE (pings.message, pings.status, pings.expires_at, pings.first_response_at, pings.responded_at, pings.closed_at, pings.response_message)
                IS DISTINCT FROM (EXCLUDED.message, EXCLUDED.status, EXCLUDED.expires_at, EXCLUDED.first_response_at, EXCLUDED.responded_at, EXCLUDED.closed_at, EXCLUDED.response_message)
            RETURNING xmax = 0 AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM moved
        """;

    // A message keeps its seq from run to run (the preparation sees to it), so a seq that holds another message
    // is never overwritten.
    private static readonly string _messages = $$"""
        WITH moved AS (
            INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at, ping_id)
            SELECT chat_id, seq, message_id, sender, body, created_at, ping_id
            FROM {s}.prep_messages WHERE {{Range}}
            ON CONFLICT (chat_id, seq) DO UPDATE SET
                sender = EXCLUDED.sender, body = EXCLUDED.body, created_at = EXCLUDED.created_at, ping_id = EXCLUDED.ping_id
            WHERE messages.message_id = EXCLUDED.message_id
              AND (messages.sender, messages.body, messages.created_at, messages.ping_id)
                  IS DISTINCT FROM (EXCLUDED.sender, EXCLUDED.body, EXCLUDED.created_at, EXCLUDED.ping_id)
            RETURNING xmax = 0 AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM moved
        """;

    public static async Task MoveAsync(NpgsqlConnection target, ImportRun run, int chunkSize, IImportProgress progress, CancellationToken cancellationToken)
    {
        var after = Guid.TryParse(run.Checkpoint, out var checkpoint) ? checkpoint : Guid.Empty;
        var (total, done) = await CountAsync(target, after, cancellationToken);
        var step = progress.Start("Moving chats, pings and messages", total, "chats");
        step.Report(done);
        while (await UpperAsync(target, Workspace.Import, after, chunkSize, cancellationToken) is { } upper)
        {
            await using var transaction = await target.BeginTransactionAsync(cancellationToken);
            await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", target, transaction))
            {
                // The chunk and its checkpoint commit together, so a commit the server loses in a crash loses both,
                // and the next run moves that chunk again: the commit need not wait for the disk.
                await relaxed.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var batch = new NpgsqlBatch(target, transaction))
            {
                foreach (var sql in (string[])[_chats, _pings, _messages])
                {
                    var command = new NpgsqlBatchCommand(Workspace.Import.Sql(sql));
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = upper.Last });
                    batch.BatchCommands.Add(command);
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                foreach (var table in (string[])["chats", "pings", "messages"])
                {
                    await reader.ReadAsync(cancellationToken);
                    run.Counts.Add($"{table}.inserted", reader.GetInt64(0));
                    run.Counts.Add($"{table}.updated", reader.GetInt64(1));
                    await reader.NextResultAsync(cancellationToken);
                }
            }

            await using (var mark = new NpgsqlBatch(target, transaction) { BatchCommands = { RunStore.Checkpoint(run, upper.Last.ToString()) } })
            {
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            after = upper.Last;
            done += upper.Count;
            step.Report(done);
        }

        step.Complete(done);
    }

    /// <summary>
    /// Moves the first chunk of the prepared chats of <paramref name="workspace"/> with no checkpoint, for the plan's
    /// estimate (into scratch copies of PingActors' tables that the session's temporary ones stand in for).
    /// Returns how many chats it moved and how many rows that was.
    /// </summary>
    public static async Task<(long Chats, long Rows)> TrialAsync(NpgsqlConnection target, Workspace workspace, int chunkSize, CancellationToken cancellationToken)
    {
        if (await UpperAsync(target, workspace, Guid.Empty, chunkSize, cancellationToken) is not { } upper)
        {
            return (0, 0);
        }

        await using var batch = new NpgsqlBatch(target);
        foreach (var sql in (string[])[_chats, _pings, _messages])
        {
            var command = new NpgsqlBatchCommand(workspace.Sql(sql));
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Empty });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = upper.Last });
            batch.BatchCommands.Add(command);
        }

        var rows = 0L;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows += reader.GetInt64(0) + reader.GetInt64(1);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        return (upper.Count, rows);
    }

    private static async Task<(long Total, long Done)> CountAsync(NpgsqlConnection target, Guid after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE chat_id <= $1) FROM pingactors_import.prep_chats", target);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The last chat of the next chunk after <paramref name="after"/>, and how many chats it holds; null when none are left.</summary>
    private static async Task<(Guid Last, long Count)?> UpperAsync(NpgsqlConnection target, Workspace workspace, Guid after, int size, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(workspace.Sql("""
            SELECT (array_agg(chat_id ORDER BY chat_id DESC))[1], count(*) FROM (
                SELECT chat_id FROM {s}.prep_chats WHERE chat_id > $1 ORDER BY chat_id LIMIT $2
            ) chunk
            """), target);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : (reader.GetGuid(0), reader.GetInt64(1));
    }
}
