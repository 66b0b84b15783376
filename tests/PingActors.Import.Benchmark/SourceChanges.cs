namespace PingActors.Import.Benchmark;

/// <summary>
/// What the old system does during a cut-over's initial import, for the delta run to pick up: new pings (with
/// their chats' messages), answers to pending pings, and more messages in existing chats; about one row in a
/// hundred.
/// </summary>
internal static class SourceChanges
{
    public const string Sql = """
        CREATE TEMP TABLE delta_pings AS
        SELECT gen_random_uuid() AS id, p.sender_username, p.receiver_username, p.listing_id, 'Back again: ' || p.message AS message
        FROM pings p WHERE p.listing_id IS NOT NULL AND random() < 0.005;

        INSERT INTO pings (id, sender_username, receiver_username, listing_id, message, status, response_time_minutes, ping_count, created_at, updated_at)
        SELECT id, sender_username, receiver_username, listing_id, message, 'pending', NULL, 2, now(), now() FROM delta_pings;

        INSERT INTO messages (id, chat_id, sender_username, text, created_at)
        SELECT gen_random_uuid(), c.id, d.sender_username, d.message, now()
        FROM delta_pings d
        JOIN chats c ON c.listing_id = d.listing_id AND c.participant_a = d.sender_username AND c.participant_b = d.receiver_username;

        UPDATE pings SET status = 'responded', response_time_minutes = 7, updated_at = now()
        WHERE status = 'pending' AND created_at < now() - interval '1 hour' AND random() < 0.1;

        INSERT INTO messages (id, chat_id, sender_username, text, created_at)
        SELECT gen_random_uuid(), m.chat_id, m.sender_username, 'One more thing', now()
        FROM messages m WHERE random() < 0.005;
        """;
}
