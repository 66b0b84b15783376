using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.History;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Chats;

/// <summary>
/// Loads chats for activating grains. Activations that arrive together share one query, which matters when
/// every ping opens a new chat: a burst of activations costs one round trip, not one each.
/// A batch whose connection turns out lost (one kept from before a restart) is read once more (<see cref="LostConnections"/>).
/// </summary>
public sealed class ChatLoader : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly BatchQueue<Guid, ChatSnapshot?> _queue;

    /// <summary>How many of its batches may read at once (its share of <see cref="DataSourceNames.Loads"/>).</summary>
    public const int Concurrency = 2;

    public ChatLoader([FromKeyedServices(DataSourceNames.Loads)] NpgsqlDataSource database)
    {
        _database = database;
        _queue = new BatchQueue<Guid, ChatSnapshot?>(maxBatchSize: 512, concurrency: Concurrency, TimeSpan.Zero,
            batch => LostConnections.RetryOnceAsync(() => LoadAsync(batch)),
            elapsed => PingActorsMetrics.RecordLoad("chat", elapsed));
    }

    /// <summary>Loads a chat; <see langword="null"/> if it does not exist yet.</summary>
    internal Task<ChatSnapshot?> LoadAsync(Guid chatId) => _queue.EnqueueAsync(chatId);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task LoadAsync(IReadOnlyList<BatchEntry<Guid, ChatSnapshot?>> batch)
    {
        await using var command = _database.CreateCommand($"""
            SELECT c.chat_id, c.listing_id, c.owner, c.sender, c.created_at, c.last_seq, c.last_message_at,
                   c.owner_last_seq, c.sender_last_seq, c.last_ping_id, c.owner_read_seq, c.sender_read_seq,
                   c.legacy_cursors, {PingColumns.List}
            FROM chats c
            LEFT JOIN pings p ON p.ping_id = c.last_ping_id
            WHERE c.chat_id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = batch.Select(e => e.Request).Distinct().ToArray() });

        var found = new Dictionary<Guid, ChatSnapshot>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var chat = new ChatRow(
                    reader.GetGuid(0),
                    reader.GetGuid(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetInt64(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetInt64(7),
                    reader.GetInt64(8),
                    reader.IsDBNull(9) ? null : reader.GetGuid(9),
                    reader.GetInt64(10),
                    reader.GetInt64(11),
                    reader.GetBoolean(12));
                found[chat.ChatId] = new ChatSnapshot(chat, PingColumns.Read(reader, 13));
            }
        }

        foreach (var entry in batch)
        {
            entry.Complete(found.GetValueOrDefault(entry.Request));
        }
    }
}
