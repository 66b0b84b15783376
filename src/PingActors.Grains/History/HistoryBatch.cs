using System.Collections.Concurrent;
using System.Text;
using Npgsql;
using PingActors.Pings;

namespace PingActors.History;

/// <summary>
/// The one statement a batch of history writes becomes. Each table gets its rows as arrays (unnest), so a batch's
/// statement text depends only on which kinds of rows it has (<see cref="Parts"/>), not on how many: there are few
/// such texts, and each is prepared once per connection. A batch of new pings binds only the arrays it fills (about
/// fifty, not all seventy-odd), and PostgreSQL plans no step that would have nothing to do. The rows of a
/// chat-creating write are stored only if its chat row was (the chat did not exist yet). Two checks guard against a
/// stale grain: every chat it moves on must exist, and every ping it closes must still be pending.
/// </summary>
/// <remarks>
/// The stream clock comes last. Every event of the batch takes its position (<c>seq</c>) from it, and its row lock
/// is held until the batch commits, so batches commit in the order of their positions (see
/// <c>sql/012a_stream.sql</c>). The statement's result reads the other changes first (its filter) and the events
/// last (its columns), so the lock is taken after everything but the events, and held for as short as can be.
/// Read cursors only ever move forward, whatever a stale grain writes.
/// </remarks>
internal static class HistoryBatch
{
    /// <summary>The kinds of rows a batch writes besides its events (which every batch has).</summary>
    [Flags]
    internal enum Parts
    {
        None = 0,
        NewChats = 1,
        MovedChats = 2,
        NewPings = 4,
        ClosedPings = 8,
        Messages = 16,
        Limits = 32,
    }

    private static readonly ConcurrentDictionary<Parts, string> _statements = new();

    /// <summary>Sets <paramref name="command"/>'s text and parameters to write <paramref name="writes"/>.</summary>
    public static void Prepare(NpgsqlCommand command, IReadOnlyList<ChatWrite> writes)
    {
        var parameters = command.Parameters;
        var parts = Parts.None;

        var created = writes.Where(w => w.CreatesChat).Select(w => w.Chat!).ToList();
        if (created.Count > 0)
        {
            parts |= Parts.NewChats;
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
        }

        var opensChats = created.Count > 0;
        var moved = writes.Where(w => !w.CreatesChat && w.Chat is not null).Select(w => w.Chat!).ToList();
        if (moved.Count > 0)
        {
            parts |= Parts.MovedChats;
            Add(parameters, moved, c => c.ChatId);
            Add(parameters, moved, c => c.LastSeq);
            Add(parameters, moved, c => c.LastMessageAt);
            Add(parameters, moved, c => c.OwnerLastSeq);
            Add(parameters, moved, c => c.SenderLastSeq);
            Add(parameters, moved, c => c.LastPingId);
            Add(parameters, moved, c => c.OwnerReadSeq);
            Add(parameters, moved, c => c.SenderReadSeq);
            parameters.Add(new NpgsqlParameter<long> { TypedValue = moved.Count });
        }

        var pings = writes.Where(w => w.NewPing is not null).Select(w => (Row: w.NewPing!, w.CreatesChat)).ToList();
        if (pings.Count > 0)
        {
            parts |= Parts.NewPings;
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
            Add(parameters, pings, p => p.Row.BucketTokens is { } tokens ? (float?)tokens : null);
            Add(parameters, pings, p => p.Row.ShadowRefusal);
            if (opensChats)
            {
                Add(parameters, pings, p => p.CreatesChat);
            }
        }

        var closed = writes.Where(w => w.ClosedPing is not null).Select(w => w.ClosedPing!).ToList();
        if (closed.Count > 0)
        {
            parts |= Parts.ClosedPings;
            Add(parameters, closed, p => p.PingId);
            Add(parameters, closed, p => p.Status.ToText());
            Add(parameters, closed, p => p.FirstResponseAt);
            Add(parameters, closed, p => p.RespondedAt);
            Add(parameters, closed, p => p.ClosedAt);
            Add(parameters, closed, p => p.ResponseMessage);
            parameters.Add(new NpgsqlParameter<long> { TypedValue = closed.Count });
        }

        var messages = writes.Where(w => w.Message is not null).Select(w => (Row: w.Message!, w.CreatesChat)).ToList();
        if (messages.Count > 0)
        {
            parts |= Parts.Messages;
            Add(parameters, messages, m => m.Row.ChatId);
            Add(parameters, messages, m => m.Row.Seq);
            Add(parameters, messages, m => m.Row.MessageId);
            Add(parameters, messages, m => m.Row.Sender);
            Add(parameters, messages, m => m.Row.Body);
            Add(parameters, messages, m => m.Row.CreatedAt);
            Add(parameters, messages, m => m.Row.ClientMessageId);
            Add(parameters, messages, m => m.Row.PingId);
            if (opensChats)
            {
                Add(parameters, messages, m => m.CreatesChat);
            }
        }

        var limits = writes.Where(w => w.Limits is not null).Select(w => w.Limits!).ToList();
        if (limits.Count > 0)
        {
            parts |= Parts.Limits;
            Add(parameters, limits, l => l.Username);
            Add(parameters, limits, l => l.DailyLimit);
            Add(parameters, limits, l => l.CooldownUntil);
            Add(parameters, limits, l => l.Tier);
            Add(parameters, limits, l => l.TierChangedAt);
            Add(parameters, limits, l => l.ChangedAt);
        }

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
        Add(parameters, events, e => e.Row.Recipient);
        if (opensChats)
        {
            Add(parameters, events, e => e.CreatesChat);
        }

        parameters.Add(new NpgsqlParameter<long> { TypedValue = events.Count });
        command.CommandText = Sql(parts);
    }

    /// <summary>The statement for a batch with <paramref name="parts"/>; its parameters in the order <see cref="Prepare"/> adds them.</summary>
    internal static string Sql(Parts parts) => _statements.GetOrAdd(parts, Build);

    private static string Build(Parts parts)
    {
        var next = 1;
        string P() => $"${next++}";
        string Ps(params string[] types) => string.Join(", ", types.Select(type => $"{P()}::{type}[]"));
        var opensChats = parts.HasFlag(Parts.NewChats);
        // A write that opens a chat stores its rows only if its chat row was stored.
        var opensColumn = opensChats ? ", opens_chat" : "";
        var opensFilter = opensChats ? "WHERE NOT u.opens_chat OR u.chat_id IN (SELECT chat_id FROM new_chats)" : "";
        var steps = new List<string>();
        var checks = new List<string>();
        var counted = new List<string>();

        if (opensChats)
        {
            steps.Add($"""
                new_chats AS (
                    INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at,
                                       owner_last_seq, sender_last_seq, last_ping_id)
                    SELECT * FROM unnest({Ps("uuid", "uuid", "text", "text", "timestamptz", "bigint", "timestamptz", "bigint", "bigint", "uuid")})
                    ON CONFLICT (chat_id) DO NOTHING
                    RETURNING chat_id
                )
                """);
        }

        if (parts.HasFlag(Parts.MovedChats))
        {
            steps.Add($"""
                moved_chats AS (
                    UPDATE chats c
                    SET last_seq = u.last_seq, last_message_at = u.last_message_at, owner_last_seq = u.owner_last_seq,
                        sender_last_seq = u.sender_last_seq, last_ping_id = u.last_ping_id,
                        owner_read_seq = greatest(c.owner_read_seq, u.owner_read_seq),
                        sender_read_seq = greatest(c.sender_read_seq, u.sender_read_seq), legacy_cursors = false
                    FROM unnest({Ps("uuid", "bigint", "timestamptz", "bigint", "bigint", "uuid", "bigint", "bigint")})
                        AS u(chat_id, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id, owner_read_seq,
                             sender_read_seq)
                    WHERE c.chat_id = u.chat_id
                    RETURNING 1
                )
                """);
            checks.Add($"pingactors_expect_rows((SELECT count(*) FROM moved_chats), {P()}, 'chat rows') >= 0");
        }

        if (parts.HasFlag(Parts.NewPings))
        {
            var types = Ps("uuid", "uuid", "uuid", "text", "text", "uuid", "text", "text", "timestamptz", "timestamptz", "date", "integer",
                "timestamptz", "timestamptz", "timestamptz", "text", "real", "text") + (opensChats ? $", {Ps("boolean")}" : "");
            steps.Add($"""
                new_pings AS (
                    INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at,
                                       expires_at, allowance_day, allowance_seq, first_response_at, responded_at, closed_at,
                                       response_message, bucket_tokens, shadow_refusal)
                    SELECT u.ping_id, u.chat_id, u.listing_id, u.sender, u.receiver, u.message_id, u.message, u.status,
                           u.created_at, u.expires_at, u.allowance_day, u.allowance_seq, u.first_response_at, u.responded_at,
                           u.closed_at, u.response_message, u.bucket_tokens, u.shadow_refusal
                    FROM unnest({types})
                        AS u(ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
                             allowance_day, allowance_seq, first_response_at, responded_at, closed_at, response_message,
                             bucket_tokens, shadow_refusal{opensColumn})
                    {opensFilter}
                    RETURNING 1
                )
                """);
            counted.Add("new_pings");
        }

        if (parts.HasFlag(Parts.ClosedPings))
        {
            steps.Add($"""
                closed_pings AS (
                    UPDATE pings p
                    SET status = u.status, first_response_at = u.first_response_at, responded_at = u.responded_at,
                        closed_at = u.closed_at, response_message = u.response_message
                    FROM unnest({Ps("uuid", "text", "timestamptz", "timestamptz", "timestamptz", "text")})
                        AS u(ping_id, status, first_response_at, responded_at, closed_at, response_message)
                    WHERE p.ping_id = u.ping_id AND p.status = 'pending'
                    RETURNING 1
                )
                """);
            checks.Add($"pingactors_expect_rows((SELECT count(*) FROM closed_pings), {P()}, 'ping status') >= 0");
        }

        if (parts.HasFlag(Parts.Messages))
        {
            var types = Ps("uuid", "bigint", "uuid", "text", "text", "timestamptz", "text", "uuid") + (opensChats ? $", {Ps("boolean")}" : "");
            steps.Add($"""
                new_messages AS (
                    INSERT INTO messages (chat_id, seq, message_id, sender, body, created_at, client_message_id, ping_id)
                    SELECT u.chat_id, u.seq, u.message_id, u.sender, u.body, u.created_at, u.client_message_id, u.ping_id
                    FROM unnest({types})
                        AS u(chat_id, seq, message_id, sender, body, created_at, client_message_id, ping_id{opensColumn})
                    {opensFilter}
                    RETURNING 1
                )
                """);
            counted.Add("new_messages");
        }

        if (parts.HasFlag(Parts.Limits))
        {
            steps.Add($"""
                new_limits AS (
                    INSERT INTO user_limits (username, daily_limit, cooldown_until, tier, tier_changed_at, changed_at)
                    SELECT * FROM unnest({Ps("text", "integer", "timestamptz", "text", "timestamptz", "timestamptz")})
                    ON CONFLICT (username) DO UPDATE
                    SET daily_limit = excluded.daily_limit, cooldown_until = excluded.cooldown_until, tier = excluded.tier,
                        tier_changed_at = excluded.tier_changed_at, changed_at = excluded.changed_at, legacy = false
                    RETURNING 1
                )
                """);
            counted.Add("new_limits");
        }

        var eventTypes = Ps("uuid", "text", "timestamptz", "uuid", "uuid", "uuid", "text", "text", "text", "timestamptz", "bigint", "text")
            + (opensChats ? $", {Ps("boolean")}" : "");
        var eventCount = P();
        steps.Add($"""
            clock AS (
                UPDATE stream_clock SET seq = seq + {eventCount} RETURNING seq - {eventCount} AS base
            )
            """);
        steps.Add($"""
            new_events AS (
                INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver, actor,
                                    ping_created_at, message_seq, recipient, seq)
                SELECT u.event_id, u.event_type, u.occurred_at, u.chat_id, u.listing_id, u.ping_id, u.sender, u.receiver,
                       u.actor, u.ping_created_at, u.message_seq, u.recipient, (SELECT base FROM clock) + u.position
                FROM unnest({eventTypes})
                    WITH ORDINALITY AS u(event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver,
                                         actor, ping_created_at, message_seq, recipient{opensColumn}, position)
                {opensFilter}
                RETURNING event_id, seq
            )
            """);

        // Every data-modifying step runs whether or not it is read; reading the counts makes each one's part of the
        // filter explicit, and the filter is evaluated before the columns, so the clock's lock comes last.
        if (counted.Count > 0)
        {
            checks.Add($"{string.Join(" + ", counted.Select(step => $"(SELECT count(*) FROM {step})"))} >= 0");
        }

        var sql = new StringBuilder("WITH ").AppendJoin(",\n", steps).AppendLine()
            .Append("SELECT ").Append(opensChats ? "ARRAY(SELECT chat_id FROM new_chats)" : "'{}'::uuid[]")
            .Append(", ARRAY(SELECT event_id FROM new_events), ARRAY(SELECT seq FROM new_events)");
        if (checks.Count > 0)
        {
            sql.AppendLine().Append("WHERE ").AppendJoin("\n  AND ", checks);
        }

        return sql.ToString();
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
