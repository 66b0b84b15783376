using Npgsql;
using PingActors.Chats;

namespace PingActors.Benchmarks;

/// <summary>
/// Writes history straight into PingActors' tables, as if it had accrued over past days: closed pings, their
/// chats and messages. It is the starting point for the memory and cost-growth figures, so it must look exactly
/// like what the grains write (chat ids derived from (listing, sender), gap-free seq, allowance slots).
/// </summary>
internal sealed class HistorySeeder(BenchmarkDatabase database)
{
    private static readonly DateTimeOffset _past = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The history a run starts from: a chat for each user grain the memory figure activates, a long chat and a
    /// long-serving user, each as long as the plan's history.
    /// </summary>
    public async Task<SeededHistory> WriteAsync(BenchmarkPlan plan, Workload workload)
    {
        var memoryChats = await ChatsAsync(
            [.. Enumerable.Range(0, plan.MemoryGrains).Select(i => (workload.Users[i % workload.Users.Length], Guid.NewGuid(), workload.Owners[i % workload.Owners.Length]))]);
        var longChat = await LongChatAsync(SeededHistory.LongChatSender, workload.Owners[0], plan.History);
        await UserHistoryAsync(SeededHistory.LongServingUser, workload.Owners[0], plan.History);
        return new SeededHistory(memoryChats, longChat);
    }

    /// <summary>One closed ping (and its chat and message) per (sender, listing) pair; returns the chat ids.</summary>
    private async Task<IReadOnlyList<(Guid ChatId, string Owner)>> ChatsAsync(IReadOnlyList<(string Sender, Guid ListingId, string Owner)> pairs)
    {
        var rows = pairs.Select((pair, i) => new HistoryPing(pair.Sender, pair.ListingId, pair.Owner, _past.AddMinutes(i % 1440), 1)).ToList();
        await InsertPingsAsync(rows);
        return [.. rows.Select(r => (ChatId.For(r.ListingId, r.Sender), r.Owner))];
    }

    /// <summary>A sender with <paramref name="count"/> closed pings spread over past days, each in its own chat.</summary>
    private Task UserHistoryAsync(string sender, string owner, int count) =>
        InsertPingsAsync([.. Enumerable.Range(0, count).Select(i => new HistoryPing(sender, Guid.NewGuid(), owner, _past.AddDays(i / 100).AddMinutes(i % 100), i % 100 + 1))]);

    /// <summary>A chat holding <paramref name="messages"/> messages, alternating between its two participants.</summary>
    private async Task<Guid> LongChatAsync(string sender, string owner, int messages)
    {
        var ping = new HistoryPing(sender, Guid.NewGuid(), owner, _past, 1);
        await InsertPingsAsync([ping]);
        var chatId = ChatId.For(ping.ListingId, sender);
        var seqs = Enumerable.Range(2, messages - 1).Select(i => (long)i).ToArray();
        await database.ExecuteAsync("""
            INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at)
            SELECT $1, s, gen_random_uuid(), CASE WHEN s % 2 = 0 THEN $3 ELSE $2 END, 'message ' || s, $4 + make_interval(secs => s)
            FROM unnest($5::bigint[]) AS s
            """, chatId, sender, owner, _past, seqs);
        await database.ExecuteAsync(
            "UPDATE chats SET last_seq = $2, last_message_at = $3, owner_last_seq = $2, sender_last_seq = $2 - 1 WHERE chat_id = $1",
            chatId, (long)messages, _past.AddSeconds(messages));
        return chatId;
    }

    private async Task InsertPingsAsync(IReadOnlyList<HistoryPing> pings)
    {
        foreach (var chunk in pings.Chunk(20_000))
        {
            var chatIds = chunk.Select(p => ChatId.For(p.ListingId, p.Sender)).ToArray();
            var pingIds = chunk.Select(_ => Guid.CreateVersion7()).ToArray();
            var messageIds = chunk.Select(_ => Guid.CreateVersion7()).ToArray();
            var senders = chunk.Select(p => p.Sender).ToArray();
            var owners = chunk.Select(p => p.Owner).ToArray();
            var listings = chunk.Select(p => p.ListingId).ToArray();
            var times = chunk.Select(p => p.At).ToArray();
            var days = chunk.Select(p => DateOnly.FromDateTime(p.At.UtcDateTime)).ToArray();
            var slots = chunk.Select(p => p.Slot).ToArray();

            await using var batch = new NpgsqlBatch(await database.Admin.OpenConnectionAsync());
            batch.BatchCommands.Add(Command("""
                INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at, sender_last_seq, last_ping_id)
                SELECT c, l, o, s, t, 1, t, 1, p FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[]) AS x(c, l, o, s, t, p)
                """, chatIds, listings, owners, senders, times, pingIds));
            batch.BatchCommands.Add(Command("""
                INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
                                   allowance_day, allowance_seq, closed_at)
                SELECT p, c, l, s, o, m, 'Is this still available?', 'expired', t, t + interval '72 hours', d, n, t + interval '72 hours'
                FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[], $8::date[], $9::integer[])
                    AS x(p, c, l, s, o, m, t, d, n)
                """, pingIds, chatIds, listings, senders, owners, messageIds, times, days, slots));
            batch.BatchCommands.Add(Command("""
                INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at, ping_id)
                SELECT c, 1, m, s, 'Is this still available?', t, p FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[]) AS x(c, m, s, t, p)
                """, chatIds, messageIds, senders, times, pingIds));
            await batch.ExecuteNonQueryAsync();
            await batch.Connection!.DisposeAsync();
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }

    private sealed record HistoryPing(string Sender, Guid ListingId, string Owner, DateTimeOffset At, int Slot);
}
