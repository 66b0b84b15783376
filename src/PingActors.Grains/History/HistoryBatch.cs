using Npgsql;
using PingActors.Pings;

namespace PingActors.History;

/// <summary>
/// The one statement a batch of history writes becomes. Each table gets its rows as arrays (unnest), so the
/// statement text never changes and is prepared once per connection; the rows of a chat-creating write are
/// stored only if its chat row was (the chat did not exist yet). Two checks guard against a stale grain: every
/// chat it moves on must exist, and every ping it closes must still be pending.
/// </summary>
internal static class HistoryBatch
{
    public const string Sql = """
        WITH new_chats AS (
            INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at,
                               owner_last_seq, sender_last_seq, last_ping_id)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[],
                                 $7::timestamptz[], $8::bigint[], $9::bigint[], $10::uuid[])
            ON CONFLICT (chat_id) DO NOTHING
            RETURNING chat_id
        ),
        moved_chats AS (
            UPDATE chats c
            SET last_seq = u.last_seq, last_message_at = u.last_message_at, owner_last_seq = u.owner_last_seq,
                sender_last_seq = u.sender_last_seq, last_ping_id = u.last_ping_id
            FROM unnest($11::uuid[], $12::bigint[], $13::timestamptz[], $14::bigint[], $15::bigint[], $16::uuid[])
                AS u(chat_id, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id)
            WHERE c.chat_id = u.chat_id
            RETURNING 1
        ),
        new_pings AS (
            INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at,
                               expires_at, allowance_day, allowance_seq, first_response_at, responded_at, closed_at,
                               response_message, bucket_tokens, shadow_refusal)
            SELECT u.ping_id, u.chat_id, u.listing_id, u.sender, u.receiver, u.message_id, u.message, u.status,
                   u.created_at, u.expires_at, u.allowance_day, u.allowance_seq, u.first_response_at, u.responded_at,
                   u.closed_at, u.response_message, u.bucket_tokens, u.shadow_refusal
            FROM unnest($17::uuid[], $18::uuid[], $19::uuid[], $20::text[], $21::text[], $22::uuid[], $23::text[],
                        $24::text[], $25::timestamptz[], $26::timestamptz[], $27::date[], $28::integer[],
                        $29::timestamptz[], $30::timestamptz[], $31::timestamptz[], $32::text[], $33::boolean[],
                        $63::real[], $64::text[])
                AS u(ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
                     allowance_day, allowance_seq, first_response_at, responded_at, closed_at, response_message, opens_chat,
                     bucket_tokens, shadow_refusal)
            WHERE NOT u.opens_chat OR u.chat_id IN (SELECT chat_id FROM new_chats)
        ),
        closed_pings AS (
            UPDATE pings p
            SET status = u.status, first_response_at = u.first_response_at, responded_at = u.responded_at,
                closed_at = u.closed_at, response_message = u.response_message
            FROM unnest($34::uuid[], $35::text[], $36::timestamptz[], $37::timestamptz[], $38::timestamptz[], $39::text[])
                AS u(ping_id, status, first_response_at, responded_at, closed_at, response_message)
            WHERE p.ping_id = u.ping_id AND p.status = 'pending'
            RETURNING 1
        ),
        new_messages AS (
            INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at, client_message_id, ping_id)
            SELECT u.chat_id, u.seq, u.message_id, u.sender, u.body, u.created_at, u.client_message_id, u.ping_id
            FROM unnest($40::uuid[], $41::bigint[], $42::uuid[], $43::text[], $44::text[], $45::timestamptz[],
                        $46::text[], $47::uuid[], $48::boolean[])
                AS u(chat_id, seq, message_id, sender, body, created_at, client_message_id, ping_id, opens_chat)
            WHERE NOT u.opens_chat OR u.chat_id IN (SELECT chat_id FROM new_chats)
        ),
        new_events AS (
            INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver, actor,
                                ping_created_at, message_seq)
            SELECT u.event_id, u.event_type, u.occurred_at, u.chat_id, u.listing_id, u.ping_id, u.sender, u.receiver,
                   u.actor, u.ping_created_at, u.message_seq
            FROM unnest($49::uuid[], $50::text[], $51::timestamptz[], $52::uuid[], $53::uuid[], $54::uuid[], $55::text[],
                        $56::text[], $57::text[], $58::timestamptz[], $59::bigint[], $60::boolean[])
                AS u(event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver, actor,
                     ping_created_at, message_seq, opens_chat)
            WHERE NOT u.opens_chat OR u.chat_id IN (SELECT chat_id FROM new_chats)
        )
        SELECT ARRAY(SELECT chat_id FROM new_chats)
        WHERE pingactors_expect_rows((SELECT count(*) FROM moved_chats), $61, 'chat rows') >= 0
          AND pingactors_expect_rows((SELECT count(*) FROM closed_pings), $62, 'ping status') >= 0
        """;

    public static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<ChatWrite> writes)
    {
        var created = writes.Where(w => w.CreatesChat).Select(w => w.Chat!).ToList();
        Add(parameters, created, c => c.ChatId);
        Add(parameters, created, c => c.ListingId);
        Add(parameters, created, c => c.Owner);
        Add(parameters, created, c => c.Sender);
        Add(parameters, created, c => c.CreatedAt);
        Add(parameters, created, c => c.LastSeq);
        Add(parameters, created, c => c.LastMessageAt);
        Add(parameters, created, c => c.OwnerLastSeq);
        Add(parameters, created, c => c.SenderLastSeq);
        Add(parameters, created, c => c.LastPingId);

        var moved = writes.Where(w => !w.CreatesChat && w.Chat is not null).Select(w => w.Chat!).ToList();
        Add(parameters, moved, c => c.ChatId);
        Add(parameters, moved, c => c.LastSeq);
        Add(parameters, moved, c => c.LastMessageAt);
        Add(parameters, moved, c => c.OwnerLastSeq);
        Add(parameters, moved, c => c.SenderLastSeq);
        Add(parameters, moved, c => c.LastPingId);

        var pings = writes.Where(w => w.NewPing is not null).Select(w => (Row: w.NewPing!, w.CreatesChat)).ToList();
        Add(parameters, pings, p => p.Row.PingId);
        Add(parameters, pings, p => p.Row.ChatId);
        Add(parameters, pings, p => p.Row.ListingId);
        Add(parameters, pings, p => p.Row.Sender);
        Add(parameters, pings, p => p.Row.Receiver);
        Add(parameters, pings, p => p.Row.MessageId);
        Add(parameters, pings, p => p.Row.Message);
        Add(parameters, pings, p => p.Row.Status.ToText());
        Add(parameters, pings, p => p.Row.CreatedAt);
        Add(parameters, pings, p => p.Row.ExpiresAt);
        Add(parameters, pings, p => p.Row.AllowanceDay);
        Add(parameters, pings, p => p.Row.AllowanceSeq);
        Add(parameters, pings, p => p.Row.FirstResponseAt);
        Add(parameters, pings, p => p.Row.RespondedAt);
        Add(parameters, pings, p => p.Row.ClosedAt);
        Add(parameters, pings, p => p.Row.ResponseMessage);
        Add(parameters, pings, p => p.CreatesChat);

        var closed = writes.Where(w => w.ClosedPing is not null).Select(w => w.ClosedPing!).ToList();
        Add(parameters, closed, p => p.PingId);
        Add(parameters, closed, p => p.Status.ToText());
        Add(parameters, closed, p => p.FirstResponseAt);
        Add(parameters, closed, p => p.RespondedAt);
        Add(parameters, closed, p => p.ClosedAt);
        Add(parameters, closed, p => p.ResponseMessage);

        var messages = writes.Where(w => w.Message is not null).Select(w => (Row: w.Message!, w.CreatesChat)).ToList();
        Add(parameters, messages, m => m.Row.ChatId);
        Add(parameters, messages, m => m.Row.Seq);
        Add(parameters, messages, m => m.Row.MessageId);
        Add(parameters, messages, m => m.Row.Sender);
        Add(parameters, messages, m => m.Row.Body);
        Add(parameters, messages, m => m.Row.CreatedAt);
        Add(parameters, messages, m => m.Row.ClientMessageId);
        Add(parameters, messages, m => m.Row.PingId);
        Add(parameters, messages, m => m.CreatesChat);

        var events = writes.SelectMany(w => w.Events.Select(e => (Row: e, w.CreatesChat))).ToList();
        Add(parameters, events, e => e.Row.EventId);
        Add(parameters, events, e => e.Row.Type);
        Add(parameters, events, e => e.Row.OccurredAt);
        Add(parameters, events, e => e.Row.ChatId);
        Add(parameters, events, e => e.Row.ListingId);
        Add(parameters, events, e => e.Row.PingId);
        Add(parameters, events, e => e.Row.Sender);
        Add(parameters, events, e => e.Row.Receiver);
        Add(parameters, events, e => e.Row.Actor);
        Add(parameters, events, e => e.Row.PingCreatedAt);
        Add(parameters, events, e => e.Row.MessageSeq);
        Add(parameters, events, e => e.CreatesChat);

        parameters.Add(new NpgsqlParameter<long> { TypedValue = moved.Count });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = closed.Count });

        Add(parameters, pings, p => p.Row.BucketTokens is { } tokens ? (float?)tokens : null);
        Add(parameters, pings, p => p.Row.ShadowRefusal);
    }

    private static void Add<TRow, T>(NpgsqlParameterCollection parameters, List<TRow> rows, Func<TRow, T> column)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(rows[i]);
        }

        parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values });
    }
}
