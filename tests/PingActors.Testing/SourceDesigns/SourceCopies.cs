using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PingActors.Testing.SourceDesigns;

/// <summary>Binary COPYs into the source's history tables, open side by side on connections of their own.</summary>
internal sealed class SourceCopies : IAsyncDisposable
{
    private readonly List<(NpgsqlConnection Connection, NpgsqlBinaryImporter Copy)> _open = [];
    private NpgsqlBinaryImporter _pings = null!;
    private NpgsqlBinaryImporter _chats = null!;
    private NpgsqlBinaryImporter _messages = null!;
    private NpgsqlBinaryImporter? _jobs;
    private DateTime _today;

    public static async Task<SourceCopies> OpenAsync(NpgsqlDataSource database, bool seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var copies = new SourceCopies { _today = now.UtcDateTime.Date };
        try
        {
            copies._pings = await copies.OpenAsync(database, "pings (id, sender_username, receiver_username, listing_id, message, status, response_time_minutes, ping_count, created_at, updated_at)", cancellationToken);
            copies._chats = await copies.OpenAsync(database, "chats (id, listing_id, participant_a, participant_b, created_at, updated_at)", cancellationToken);
            copies._messages = await copies.OpenAsync(database, "messages (id, chat_id, sender_username, text, created_at)", cancellationToken);
            if (seed)
            {
                copies._jobs = await copies.OpenAsync(database, "analytics_jobs (id, job_type, data, status, created_at, processed_at)", cancellationToken);
            }

            return copies;
        }
        catch
        {
            await copies.DisposeAsync();
            throw;
        }
    }

    public async Task<SourceDataSummary> WriteAsync(SourceConversation conversation, CancellationToken cancellationToken)
    {
        foreach (var ping in conversation.Pings)
        {
            await _pings.StartRowAsync(cancellationToken);
            await _pings.WriteAsync(ping.Id, NpgsqlDbType.Uuid, cancellationToken);
            await _pings.WriteAsync(ping.Sender, NpgsqlDbType.Text, cancellationToken);
            await _pings.WriteAsync(ping.Receiver, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(_pings, ping.ListingId, NpgsqlDbType.Uuid, cancellationToken);
            await _pings.WriteAsync(ping.Message, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(_pings, ping.Status, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(_pings, ping.ResponseTimeMinutes, NpgsqlDbType.Integer, cancellationToken);
            await _pings.WriteAsync(ping.PingCount, NpgsqlDbType.Integer, cancellationToken);
            await _pings.WriteAsync(ping.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await _pings.WriteAsync(ping.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            if (_jobs is not null)
            {
                await WriteJobAsync(_jobs, ping, ping.CreatedAt.UtcDateTime < _today, cancellationToken);
            }
        }

        foreach (var chat in conversation.Chats)
        {
            await _chats.StartRowAsync(cancellationToken);
            await _chats.WriteAsync(chat.Id, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullableAsync(_chats, chat.ListingId, NpgsqlDbType.Uuid, cancellationToken);
            await _chats.WriteAsync(chat.ParticipantA, NpgsqlDbType.Text, cancellationToken);
            await _chats.WriteAsync(chat.ParticipantB, NpgsqlDbType.Text, cancellationToken);
            await _chats.WriteAsync(chat.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(_chats, chat.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        foreach (var message in conversation.Messages)
        {
            await _messages.StartRowAsync(cancellationToken);
            await _messages.WriteAsync(message.Id, NpgsqlDbType.Uuid, cancellationToken);
            await _messages.WriteAsync(message.ChatId, NpgsqlDbType.Uuid, cancellationToken);
            await _messages.WriteAsync(message.Sender, NpgsqlDbType.Text, cancellationToken);
            await _messages.WriteAsync(message.Text, NpgsqlDbType.Text, cancellationToken);
            await _messages.WriteAsync(message.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        return new SourceDataSummary(conversation.Pings.Count, conversation.Chats.Count, conversation.Messages.Count);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, copy) in _open)
        {
            await copy.CompleteAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, copy) in _open)
        {
            await copy.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    public static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    /// <summary>The seed's analytics job for a ping, as update_analytics_async queues it; those before today were processed.</summary>
    private static async Task WriteJobAsync(NpgsqlBinaryImporter jobs, SourcePing ping, bool processed, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sender_username"] = ping.Sender,
            ["receiver_username"] = ping.Receiver,
            ["ping_id"] = ping.Id,
        });
        await jobs.StartRowAsync(cancellationToken);
        await jobs.WriteAsync(ping.Id, NpgsqlDbType.Uuid, cancellationToken);
        await jobs.WriteAsync("ping_analytics", NpgsqlDbType.Text, cancellationToken);
        await jobs.WriteAsync(data, NpgsqlDbType.Jsonb, cancellationToken);
        await jobs.WriteAsync(processed ? "processed" : "pending", NpgsqlDbType.Text, cancellationToken);
        await jobs.WriteAsync(ping.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(jobs, processed ? ping.CreatedAt + TimeSpan.FromSeconds(1) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private async Task<NpgsqlBinaryImporter> OpenAsync(NpgsqlDataSource database, string table, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var copy = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", cancellationToken);
            _open.Add((connection, copy));
            return copy;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
