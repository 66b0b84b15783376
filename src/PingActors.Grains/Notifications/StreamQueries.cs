using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Chats;
using PingActors.History;
using PingActors.Storage;

namespace PingActors.Notifications;

/// <summary>
/// Reads users' events from the outbox by position, for replay and for the stream's checks. Each read is one
/// statement, so it sees one snapshot, and reads the stream clock in it: every event at or below that clock is
/// visible to it (see <c>sql/012a_stream.sql</c>). Pings and messages are read as they stand.
/// </summary>
public sealed class StreamQueries([FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database)
{
    /// <summary>The columns <see cref="ReadEvent"/> reads, of <c>events e</c>, <c>messages m</c> and <c>pings p</c>.</summary>
    private static readonly string _columns = $"""
        e.seq AS position, e.event_type, e.recipient, e.chat_id, e.actor, e.message_seq,
        m.seq, m.message_id, m.sender, m.body, m.created_at, {PingColumns.List}
        """;

    private const string Joins = """
        LEFT JOIN messages m ON e.event_type = 'message.posted' AND m.chat_id = e.chat_id AND m.seq = e.message_seq
        LEFT JOIN pings p ON e.event_type LIKE 'ping.%' AND p.ping_id = e.ping_id
        """;

    /// <summary>Up to <paramref name="limit"/> of <paramref name="recipient"/>'s events after position <paramref name="after"/>.</summary>
    public async Task<StreamPage> ReadAsync(string recipient, long after, int limit, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand($"""
            SELECT c.seq, h.pruned_seq, (SELECT x.occurred_at FROM events x WHERE x.recipient = $1 AND x.seq = $2), r.*
            FROM stream_clock c
            CROSS JOIN stream_horizon h
            LEFT JOIN LATERAL (
                SELECT {_columns}
                FROM events e
                {Joins}
                WHERE e.recipient = $1 AND e.seq > $2
                ORDER BY e.seq
                LIMIT $3) r ON true
            ORDER BY r.position
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var events = new List<StreamEvent>();
        long clock = 0, pruned = 0;
        DateTimeOffset? afterOccurredAt = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (clock, pruned) = (reader.GetInt64(0), reader.GetInt64(1));
            afterOccurredAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
            if (!reader.IsDBNull(3))
            {
                events.Add(ReadEvent(reader, 3, now));
            }
        }

        return new StreamPage(events, clock, pruned, afterOccurredAt);
    }

    /// <summary>
    /// The positions of each check's events in its range, and the stream clock of the snapshot that read them.
    /// Reads the index alone, so checking a range that holds nothing costs one index probe.
    /// </summary>
    public async Task<(IReadOnlyList<IReadOnlyList<long>> Found, long Clock)> CheckAsync(IReadOnlyList<StreamGapCheck> checks, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT 0::bigint, seq FROM stream_clock
            UNION ALL
            SELECT k.i, e.seq
            FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS k(recipient, after, before, i)
            JOIN events e ON e.recipient = k.recipient AND e.seq > k.after AND e.seq < k.before
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. checks.Select(c => c.Recipient)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. checks.Select(c => c.After)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. checks.Select(c => c.Before)] });
        var found = checks.Select(_ => new List<long>()).ToArray();
        long clock = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var i = reader.GetInt64(0);
            if (i == 0)
            {
                clock = reader.GetInt64(1);
            }
            else
            {
                found[i - 1].Add(reader.GetInt64(1));
            }
        }

        foreach (var list in found)
        {
            list.Sort();
        }

        return (found, clock);
    }

    /// <summary>The events at the given positions of the given users, in position order (those that exist).</summary>
    public async Task<IReadOnlyList<StreamEvent>> ReadAsync(IReadOnlyList<(string Recipient, long Seq)> wanted, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand($"""
            SELECT {_columns}
            FROM unnest($1::text[], $2::bigint[]) AS k(recipient, seq)
            JOIN events e ON e.recipient = k.recipient AND e.seq = k.seq
            {Joins}
            ORDER BY e.seq
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wanted.Select(w => w.Recipient)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. wanted.Select(w => w.Seq)] });
        var events = new List<StreamEvent>(wanted.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader, 0, now));
        }

        return events;
    }

    private static StreamEvent ReadEvent(NpgsqlDataReader reader, int first, DateTimeOffset now)
    {
        var (seq, type, recipient) = (reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2));
        Guid? chatId = reader.IsDBNull(first + 3) ? null : reader.GetGuid(first + 3);
        var itemType = StreamItems.TypeOf(type);
        return type switch
        {
            PingEventTypes.MessagePosted => new StreamEvent(seq, itemType, recipient, chatId, Message: reader.IsDBNull(first + 6) ? null : new ChatMessage(
                reader.GetInt64(first + 6), reader.GetGuid(first + 7), reader.GetString(first + 8), reader.GetString(first + 9),
                reader.GetFieldValue<DateTimeOffset>(first + 10))),
            PingEventTypes.ChatRead => new StreamEvent(seq, itemType, recipient, chatId,
                Reader: reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4), ReadSeq: reader.IsDBNull(first + 5) ? null : reader.GetInt64(first + 5)),
            PingEventTypes.LimitsChanged => new StreamEvent(seq, itemType, recipient),
            _ => new StreamEvent(seq, itemType, recipient, chatId, Ping: PingColumns.Read(reader, first + 11)?.ToPing(now)),
        };
    }
}
