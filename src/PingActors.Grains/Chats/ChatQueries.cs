using Npgsql;
using PingActors.Paging;
using PingActors.Storage;

namespace PingActors.Chats;

/// <summary>Reads messages and chat lists from the history tables; a read that meets a lost connection is read once more (<see cref="LostConnections"/>).</summary>
public sealed class ChatQueries(NpgsqlDataSource database)
{
    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSeq"/>, in seq order.</summary>
    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(Guid chatId, long afterSeq, int limit) =>
        LostConnections.RetryOnceAsync(() => GetMessagesOnceAsync(chatId, afterSeq, limit));

    private async Task<IReadOnlyList<ChatMessage>> GetMessagesOnceAsync(Guid chatId, long afterSeq, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, message_id, sender, body, created_at
            FROM messages
            WHERE chat_id = $1 AND seq > $2
            ORDER BY seq
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = chatId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var messages = new List<ChatMessage>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    /// <summary>The message <paramref name="author"/> posted with <paramref name="clientMessageId"/>, if any.</summary>
    public Task<ChatMessage?> FindByClientMessageIdAsync(Guid chatId, string author, string clientMessageId) =>
        LostConnections.RetryOnceAsync(() => FindByClientMessageIdOnceAsync(chatId, author, clientMessageId));

    private async Task<ChatMessage?> FindByClientMessageIdOnceAsync(Guid chatId, string author, string clientMessageId)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, message_id, sender, body, created_at
            FROM messages
            WHERE chat_id = $1 AND sender = $2 AND client_message_id = $3
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = chatId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = author });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientMessageId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadMessage(reader) : null;
    }

    /// <summary>The ids of <paramref name="user"/>'s chats by latest activity, from <paramref name="after"/> on.</summary>
    public Task<IReadOnlyList<PageCursor>> ListChatsAsync(string user, int limit, PageCursor? after) =>
        LostConnections.RetryOnceAsync(() => ListChatsOnceAsync(user, limit, after));

    private async Task<IReadOnlyList<PageCursor>> ListChatsOnceAsync(string user, int limit, PageCursor? after)
    {
        // One index range per role, merged; the row comparison continues both from the cursor.
        var continuation = after is null ? "" : "AND (last_message_at, chat_id) < ($3, $4)";
        await using var command = database.CreateCommand($"""
            SELECT chat_id, last_message_at FROM (
                (SELECT chat_id, last_message_at FROM chats WHERE owner = $1 {continuation}
                 ORDER BY last_message_at DESC, chat_id DESC LIMIT $2)
                UNION ALL
                (SELECT chat_id, last_message_at FROM chats WHERE sender = $1 {continuation}
                 ORDER BY last_message_at DESC, chat_id DESC LIMIT $2)
            ) AS mine
            ORDER BY last_message_at DESC, chat_id DESC
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (after is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after.At });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after.Id });
        }

        var chats = new List<PageCursor>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            chats.Add(new PageCursor(reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(0)));
        }

        return chats;
    }

    private static ChatMessage ReadMessage(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
}
