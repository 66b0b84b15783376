-- The comparisons of --verify, each returning (check, key, expected, found) for every difference. The expected
-- side is the session's dry run ({s}); the found side is PingActors' tables. Parameters: @now, @today,
-- @sample (rows per table whose whole contents are compared; null for all).
--
-- A ping the source calls pending that PingActors has since expired on time (the expiry sweeper) is as expected.

-- Counts per table, and per status for pings.
WITH expected AS (
    SELECT status, count(*) AS n FROM {s}.prep_pings GROUP BY status
), found AS (
    SELECT CASE WHEN e.status = 'pending' AND t.status = 'expired' AND t.expires_at <= @now THEN 'pending' ELSE t.status END AS status, count(*) AS n
    FROM {s}.prep_pings e
    JOIN pings t ON t.ping_id = e.ping_id
    GROUP BY 1
)
SELECT 'counts', 'pings ' || status, coalesce(e.n, 0)::text, coalesce(f.n, 0)::text
FROM expected e FULL JOIN found f USING (status)
WHERE coalesce(e.n, 0) <> coalesce(f.n, 0)
UNION ALL
SELECT 'counts', 'chats', (SELECT count(*) FROM {s}.prep_chats)::text,
       (SELECT count(*) FROM {s}.prep_chats e JOIN chats t ON t.chat_id = e.chat_id)::text
WHERE (SELECT count(*) FROM {s}.prep_chats) <> (SELECT count(*) FROM {s}.prep_chats e JOIN chats t ON t.chat_id = e.chat_id)
UNION ALL
SELECT 'counts', 'messages', (SELECT count(*) FROM {s}.prep_messages)::text,
       (SELECT count(*) FROM {s}.prep_messages e JOIN messages t ON t.chat_id = e.chat_id AND t.seq = e.seq AND t.message_id = e.message_id)::text
WHERE (SELECT count(*) FROM {s}.prep_messages)
   <> (SELECT count(*) FROM {s}.prep_messages e JOIN messages t ON t.chat_id = e.chat_id AND t.seq = e.seq AND t.message_id = e.message_id);

-- Every chat: its message count and its last seq.
SELECT 'chats', e.chat_id::text,
       format('%s messages, last seq %s', e.messages, e.last_seq),
       CASE WHEN t.chat_id IS NULL THEN 'no such chat' ELSE format('%s messages, last seq %s', coalesce(m.messages, 0), t.last_seq) END
FROM (
    SELECT c.chat_id, c.last_seq, count(x.seq) AS messages
    FROM {s}.prep_chats c LEFT JOIN {s}.prep_messages x ON x.chat_id = c.chat_id
    GROUP BY c.chat_id, c.last_seq
) e
LEFT JOIN chats t ON t.chat_id = e.chat_id
LEFT JOIN (
    SELECT chat_id, count(*) AS messages FROM messages WHERE chat_id IN (SELECT chat_id FROM {s}.prep_chats) GROUP BY chat_id
) m ON m.chat_id = e.chat_id
WHERE t.chat_id IS NULL OR t.last_seq <> e.last_seq OR coalesce(m.messages, 0) <> e.messages;

-- Every user's pings today, as the source counts them and as PingActors does (where the import did not already
-- report that it could not carry the count).
SELECT 'allowance', l.username, format('%s sent today', coalesce(l.spent_today, 0)), format('%s sent today', coalesce(t.sent, 0))
FROM {s}.stage_limits l
LEFT JOIN (SELECT sender, count(*) AS sent FROM pings WHERE allowance_day = @today GROUP BY sender) t ON t.sender = l.username
WHERE l.username_valid AND coalesce(l.spent_today, 0) <> coalesce(t.sent, 0)
  AND NOT EXISTS (SELECT 1 FROM {s}.prep_report r WHERE r.source_key = l.username AND r.reason = 'allowance-not-carried');

-- Whole rows, for a sample of each table (the same sample every time: the rows whose keys hash lowest).
SELECT 'pings', e.ping_id::text, e.row::text, coalesce(t.row::text, 'no such ping')
FROM (
    SELECT ping_id, ROW(chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at, allowance_day,
                        allowance_seq, first_response_at, responded_at, closed_at, response_message) AS row
    FROM {s}.prep_pings ORDER BY md5(ping_id::text) LIMIT @sample
) e
LEFT JOIN (
    SELECT p.ping_id, ROW(p.chat_id, p.listing_id, p.sender, p.receiver, p.message_id, p.message,
                          CASE WHEN x.status = 'pending' AND p.status = 'expired' AND p.expires_at <= @now THEN 'pending' ELSE p.status END,
                          p.created_at, p.expires_at, p.allowance_day, p.allowance_seq, p.first_response_at, p.responded_at,
                          CASE WHEN x.status = 'pending' AND p.status = 'expired' AND p.expires_at <= @now THEN NULL ELSE p.closed_at END,
                          p.response_message) AS row
    FROM pings p JOIN {s}.prep_pings x ON x.ping_id = p.ping_id
) t ON t.ping_id = e.ping_id
WHERE t.row IS DISTINCT FROM e.row;

SELECT 'messages', format('chat %s seq %s', e.chat_id, e.seq), e.row::text, coalesce(t.row::text, 'no such message')
FROM (
    SELECT chat_id, seq, ROW(message_id, sender, body, created_at, ping_id) AS row
    FROM {s}.prep_messages ORDER BY md5(message_id::text) LIMIT @sample
) e
LEFT JOIN (SELECT chat_id, seq, ROW(message_id, sender, body, created_at, ping_id) AS row FROM messages) t ON t.chat_id = e.chat_id AND t.seq = e.seq
WHERE t.row IS DISTINCT FROM e.row;

SELECT 'chats', e.chat_id::text, e.row::text, coalesce(t.row::text, 'no such chat')
FROM (
    SELECT chat_id, ROW(listing_id, owner, sender, created_at, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id) AS row
    FROM {s}.prep_chats ORDER BY md5(chat_id::text) LIMIT @sample
) e
LEFT JOIN (
    SELECT chat_id, ROW(listing_id, owner, sender, created_at, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id) AS row
    FROM chats
) t ON t.chat_id = e.chat_id
WHERE t.row IS DISTINCT FROM e.row;
