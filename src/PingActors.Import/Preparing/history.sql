-- PingActors' chats, pings and messages, derived from the staged source rows in one pass, and the rows that
-- cannot come across with their reasons. Parameters: @as_of (the run's now), @expiry (Pings:Expiry), @zone
-- (the allowance time zone). Target tables (chats, pings, messages) are read only to keep what an earlier run
-- put there where it was: a message's seq, a ping's allowance slot.

-- Pings: one per id. Where a deployment has both pings and pings_optimized (the seed's copy), pings is the live
-- table and wins.
CREATE TEMP TABLE import_pings ON COMMIT DROP AS
WITH one AS (
    SELECT DISTINCT ON (p.id) p.*, lower(btrim(p.status)) AS st
    FROM {s}.stage_pings p
    WHERE p.id IS NOT NULL
    ORDER BY p.id, p.source_table <> 'pings'
), judged AS (
    SELECT o.*, coalesce(l.found_owner, l.owner) AS owner, l.found_owner,
        CASE
            WHEN o.created_at IS NULL OR o.message IS NULL OR o.sender IS NULL OR o.receiver IS NULL THEN 'missing-value'
            WHEN NOT o.sender_valid OR NOT o.receiver_valid THEN 'invalid-username'
            WHEN o.listing_id IS NULL THEN 'no-listing'
            WHEN o.sender = o.receiver THEN 'ping-to-self'
            WHEN o.st IS NULL OR o.st NOT IN ('pending', 'responded', 'declined', 'withdrawn', 'expired') THEN 'unknown-status'
            WHEN coalesce(l.found_owner, l.owner) IS DISTINCT FROM o.receiver THEN 'not-listing-owner'
        END AS problem
    FROM one o
    LEFT JOIN {s}.prep_listings l ON l.listing_id = o.listing_id
)
SELECT * FROM judged;

ANALYZE import_pings;

-- Chats: the source keys them on (listing, participant A, participant B) in call order, so one pair can have two
-- rows; both map to PingActors' one chat of (listing, the participant who is not the owner).
CREATE TEMP TABLE import_chats ON COMMIT DROP AS
SELECT j.*, CASE WHEN j.problem IS NULL THEN CASE WHEN j.owner = j.participant_a THEN j.chat_id_b ELSE j.chat_id_a END END AS target
FROM (
    SELECT c.*, coalesce(l.found_owner, l.owner) AS owner,
        CASE WHEN coalesce(l.found_owner, l.owner) = c.participant_a THEN c.participant_b ELSE c.participant_a END AS sender,
        CASE
            WHEN c.id IS NULL OR c.participant_a IS NULL OR c.participant_b IS NULL THEN 'missing-value'
            WHEN NOT c.a_valid OR NOT c.b_valid THEN 'invalid-username'
            WHEN c.listing_id IS NULL THEN 'no-listing'
            WHEN c.participant_a = c.participant_b THEN 'chat-with-oneself'
            WHEN coalesce(l.found_owner, l.owner) IS NULL OR coalesce(l.found_owner, l.owner) NOT IN (c.participant_a, c.participant_b) THEN 'chat-outside-listing'
        END AS problem
    FROM {s}.stage_chats c
    LEFT JOIN {s}.prep_listings l ON l.listing_id = c.listing_id
) j;

ANALYZE import_chats;

CREATE TEMP TABLE import_messages ON COMMIT DROP AS
SELECT m.*, c.target AS target_chat, c.owner, c.sender AS chat_sender,
    CASE
        WHEN m.id IS NULL OR m.created_at IS NULL OR m.body IS NULL OR m.sender IS NULL THEN 'missing-value'
        WHEN c.id IS NULL THEN 'chat-missing'
        WHEN c.problem IS NOT NULL THEN 'chat-not-imported'
        WHEN m.sender NOT IN (c.owner, c.sender) THEN 'author-not-in-chat'
    END AS problem
FROM {s}.stage_messages m
LEFT JOIN import_chats c ON c.id = m.chat_id;

ANALYZE import_messages;

-- Each ping's first message: the one pings_optimized names, else the sender's message with the ping's text
-- written with it (the seed writes both in one transaction, the older design in calls moments apart). A ping
-- whose message the source lost gets one made of its own text, at its own time. Each step claims a ping and a
-- message at most once, and leaves what an earlier step claimed; the steps decide set-based, so the table needs
-- no index (the joins below hash it).
CREATE TEMP TABLE import_claims (ping_id uuid NOT NULL, message_id uuid NOT NULL) ON COMMIT DROP;

INSERT INTO import_claims
SELECT DISTINCT ON (m.id) p.id, m.id
FROM import_pings p
JOIN import_messages m ON m.id = p.message_id
WHERE p.problem IS NULL AND m.problem IS NULL AND m.target_chat = p.chat_id AND m.sender = p.sender
ORDER BY m.id, p.created_at, p.id;

ANALYZE import_claims;

-- The seed writes a ping and its message in one transaction: the message has the ping's very time. Each such
-- message goes to the first of its pings, and each ping takes the first of the messages that chose it.
INSERT INTO import_claims
SELECT DISTINCT ON (ping_id) ping_id, message_id
FROM (
    SELECT DISTINCT ON (m.id) p.id AS ping_id, m.id AS message_id
    FROM import_pings p
    JOIN import_messages m ON m.target_chat = p.chat_id AND m.created_at = p.created_at AND m.sender = p.sender
    WHERE p.problem IS NULL AND m.problem IS NULL AND m.body IS NOT DISTINCT FROM p.message
      AND NOT EXISTS (SELECT 1 FROM import_claims c WHERE c.ping_id = p.id)
    ORDER BY m.id, p.id
) pairs
WHERE NOT EXISTS (SELECT 1 FROM import_claims c WHERE c.message_id = pairs.message_id)
ORDER BY ping_id, message_id;

ANALYZE import_claims;

-- The older design writes it in a call of its own moments later: the nearest such message.
INSERT INTO import_claims
SELECT ping_id, message_id
FROM (
    SELECT DISTINCT ON (message_id) ping_id, message_id, ping_at
    FROM (
        SELECT DISTINCT ON (p.id) p.id AS ping_id, m.id AS message_id, p.created_at AS ping_at
        FROM (
            SELECT p.* FROM import_pings p
            WHERE p.problem IS NULL AND NOT EXISTS (SELECT 1 FROM import_claims c WHERE c.ping_id = p.id)
        ) p
        JOIN (
            SELECT m.* FROM import_messages m
            WHERE m.problem IS NULL AND NOT EXISTS (SELECT 1 FROM import_claims c WHERE c.message_id = m.id)
        ) m ON m.target_chat = p.chat_id AND m.sender = p.sender
        WHERE m.body IS NOT DISTINCT FROM p.message
          AND m.created_at >= p.created_at - interval '1 second' AND m.created_at <= p.created_at + interval '5 minutes'
        ORDER BY p.id, abs(extract(epoch FROM m.created_at - p.created_at)), m.id
    ) nearest
    ORDER BY message_id, ping_at, ping_id
) pairs;

ANALYZE import_claims;

CREATE TEMP TABLE import_timeline ON COMMIT DROP AS
SELECT m.target_chat AS chat_id, m.id AS message_id, m.id AS source_id, m.sender, m.body, m.created_at, c.ping_id AS opens
FROM import_messages m
LEFT JOIN import_claims c ON c.message_id = m.id
WHERE m.problem IS NULL
UNION ALL
SELECT p.chat_id, p.made_message_id, NULL, p.sender, p.message, p.created_at, p.id
FROM import_pings p
WHERE p.problem IS NULL AND NOT EXISTS (SELECT 1 FROM import_claims c WHERE c.ping_id = p.id);

ANALYZE import_timeline;

-- The chats PingActors gets: every importable source chat and every chat an importable ping opens.
CREATE TEMP TABLE import_targets ON COMMIT DROP AS
SELECT chat_id, listing_id, owner, sender, min(created_at) AS created_at
FROM (
    SELECT chat_id, listing_id, receiver AS owner, sender, created_at FROM import_pings WHERE problem IS NULL
    UNION ALL
    SELECT target, listing_id, owner, sender, created_at FROM import_chats WHERE problem IS NULL
) c
GROUP BY chat_id, listing_id, owner, sender;

ANALYZE import_targets;

-- Statuses. PingActors keeps one open ping per chat: a pending ping that a newer one in its chat followed counts
-- as withdrawn by it, unless it had expired first. A pending ping past its expiry is expired (at its expiry,
-- as PingActors stores an expiry), so no live expiry fires for history.
CREATE TEMP TABLE import_statuses ON COMMIT DROP AS
SELECT x.*,
    CASE
        WHEN x.st = 'pending' AND x.expires_at <= least(@as_of, coalesce(x.next_at, 'infinity')) THEN 'expired'
        WHEN x.st = 'pending' AND x.next_at IS NOT NULL THEN 'withdrawn'
        ELSE x.st
    END AS status
FROM (
    SELECT p.id, p.chat_id, p.created_at, p.st, p.created_at + @expiry AS expires_at,
           lead(p.created_at) OVER (PARTITION BY p.chat_id ORDER BY p.created_at, p.id) AS next_at
    FROM import_pings p
    WHERE p.problem IS NULL
) x;

ANALYZE import_statuses;

-- A response is the owner's first message after a ping and before the next one (the design's definition).
CREATE TEMP TABLE import_responses ON COMMIT DROP AS
WITH events AS (
    SELECT s.chat_id, s.created_at AS at, 0 AS kind, s.id AS ping_id, NULL::uuid AS message_id, NULL::text AS body
    FROM import_statuses s
    UNION ALL
    SELECT t.chat_id, t.created_at, 1, NULL, t.message_id, t.body
    FROM import_timeline t
    JOIN import_targets c ON c.chat_id = t.chat_id
    WHERE t.opens IS NULL AND t.sender = c.owner
), numbered AS (
    SELECT e.*, count(e.ping_id) OVER (PARTITION BY e.chat_id ORDER BY e.at, e.kind, e.ping_id, e.message_id) AS turn
    FROM events e
), owned AS (
    SELECT n.*, first_value(n.ping_id) OVER (PARTITION BY n.chat_id, n.turn ORDER BY n.kind) AS answers
    FROM numbered n
)
SELECT DISTINCT ON (answers) answers AS ping_id, message_id, at, body
FROM owned
WHERE kind = 1 AND answers IS NOT NULL
ORDER BY answers, at, message_id;

ANALYZE import_responses;

-- Each ping takes the next slot of its sender's allowance day in time order, so today's count comes across; a
-- ping an earlier run imported keeps its slot, and where a new one would take a slot that is already taken, the
-- day's new pings go after the last one taken. Worked out on the keys alone: the pings' texts stay out of the
-- sort.
CREATE TEMP TABLE import_slots ON COMMIT DROP AS
WITH ranked AS (
    SELECT s.id, p.sender, (s.created_at AT TIME ZONE @zone)::date AS day, t.allowance_day AS had_day, t.allowance_seq AS had_seq,
           row_number() OVER w AS rank,
           row_number() OVER w - count(t.allowance_seq) OVER w AS fresh_rank
    FROM import_statuses s
    JOIN import_pings p ON p.id = s.id
    LEFT JOIN pings t ON t.ping_id = s.id
    WINDOW w AS (PARTITION BY p.sender, (s.created_at AT TIME ZONE @zone)::date ORDER BY s.created_at, s.id ROWS UNBOUNDED PRECEDING)
), clashing AS (
    SELECT DISTINCT r.sender, r.day
    FROM ranked r
    JOIN pings k ON k.sender = r.sender AND k.allowance_day = r.day AND k.allowance_seq = r.rank
    WHERE r.had_seq IS NULL
), tops AS (
    SELECT k.sender, k.allowance_day AS day, max(k.allowance_seq) AS top
    FROM pings k
    JOIN clashing c ON c.sender = k.sender AND c.day = k.allowance_day
    GROUP BY k.sender, k.allowance_day
)
SELECT r.id, coalesce(r.had_day, r.day) AS day,
       coalesce(r.had_seq, CASE WHEN c.sender IS NULL THEN r.rank ELSE t.top + r.fresh_rank END)::integer AS seq
FROM ranked r
LEFT JOIN clashing c ON c.sender = r.sender AND c.day = r.day
LEFT JOIN tops t ON t.sender = r.sender AND t.day = r.day;

ANALYZE import_slots;

-- Pings keep their ids, times, statuses and response times. The response time is the source's minutes; the
-- moment behind them is the source's own first response, or the reply that took exactly those minutes, or the
-- ping's time plus the minutes. The rows go in in the order of their chats, so that a chunk of chats is moved
-- from neighbouring pages.
INSERT INTO {s}.prep_pings (
    ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at, expires_at,
    allowance_day, allowance_seq, first_response_at, responded_at, closed_at, response_message, source_status)
WITH answered AS (
    SELECT p.*, s.status AS mapped, s.expires_at, s.next_at, r.at AS reply_at, r.body AS reply,
        CASE WHEN s.status IN ('responded', 'declined') THEN
            CASE
                WHEN p.first_response_at IS NOT NULL AND (p.response_time_minutes IS NULL
                     OR floor(extract(epoch FROM p.first_response_at - p.created_at) / 60) = p.response_time_minutes) THEN p.first_response_at
                WHEN p.response_time_minutes IS NOT NULL AND r.at IS NOT NULL
                     AND floor(extract(epoch FROM r.at - p.created_at) / 60) = p.response_time_minutes THEN r.at
                WHEN p.response_time_minutes IS NOT NULL THEN p.created_at + p.response_time_minutes * interval '1 minute'
                WHEN s.status = 'responded' THEN coalesce(r.at, p.responded_at)
            END
        END AS first_response
    FROM import_pings p
    JOIN import_statuses s ON s.id = p.id
    LEFT JOIN import_responses r ON r.ping_id = p.id
), shaped AS (
    SELECT a.*, coalesce(c.message_id, a.made_message_id) AS first_message,
           CASE WHEN a.mapped = 'responded' THEN coalesce(a.responded_at, a.first_response) END AS responded
    FROM answered a
    LEFT JOIN import_claims c ON c.ping_id = a.id
)
SELECT r.id, r.chat_id, r.listing_id, r.sender, r.receiver, r.first_message, r.message, r.mapped, r.created_at, r.expires_at,
       l.day, l.seq, r.first_response, r.responded,
       CASE r.mapped
           WHEN 'pending' THEN NULL
           WHEN 'expired' THEN r.expires_at
           WHEN 'withdrawn' THEN CASE WHEN r.st = 'pending' THEN r.next_at ELSE coalesce(r.updated_at, r.created_at) END
           ELSE coalesce(r.responded, r.first_response, r.updated_at, r.created_at)
       END,
       CASE WHEN r.mapped = 'responded' THEN coalesce(r.response_message, r.reply) END,
       r.st
FROM shaped r
JOIN import_slots l ON l.id = r.id
WHERE r.problem IS NULL
ORDER BY r.chat_id, r.id;

ANALYZE {s}.prep_pings;

-- Messages: seqs 1, 2, 3, ... by time in each chat, merged chats interleaved. A message an earlier run imported
-- keeps its seq; where new ones would take a seq already taken, they go after the last one (their rank among the
-- new ones is their rank less the kept ones before them). A ping's first message and its response point at the
-- ping, as PingActors' own do. The rows come out in the order of the table's key, the order the moves read
-- them in.
INSERT INTO {s}.prep_messages (chat_id, seq, message_id, sender, body, created_at, ping_id, source_id)
WITH existing AS (
    SELECT m.chat_id, m.message_id, m.seq
    FROM messages m
    WHERE m.chat_id IN (SELECT chat_id FROM import_targets)
), ranked AS (
    SELECT t.*, e.seq AS had_seq,
           row_number() OVER w AS rank,
           row_number() OVER w - count(e.seq) OVER w AS fresh_rank
    FROM import_timeline t
    LEFT JOIN existing e ON e.chat_id = t.chat_id AND e.message_id = t.message_id
    WINDOW w AS (PARTITION BY t.chat_id ORDER BY t.created_at, t.message_id ROWS UNBOUNDED PRECEDING)
), clashing AS (
    SELECT DISTINCT r.chat_id
    FROM ranked r
    JOIN messages k ON k.chat_id = r.chat_id AND k.seq = r.rank
    WHERE r.had_seq IS NULL
), tops AS (
    SELECT k.chat_id, max(k.seq) AS top
    FROM messages k
    JOIN clashing c ON c.chat_id = k.chat_id
    GROUP BY k.chat_id
)
SELECT r.chat_id, coalesce(r.had_seq, CASE WHEN t.chat_id IS NULL THEN r.rank ELSE t.top + r.fresh_rank END),
       r.message_id, r.sender, r.body, r.created_at,
       coalesce(r.opens, answer.ping_id), r.source_id
FROM ranked r
LEFT JOIN (
    SELECT a.message_id, a.ping_id
    FROM import_responses a
    JOIN import_statuses p ON p.id = a.ping_id AND p.status = 'responded'
) answer ON answer.message_id = r.message_id
LEFT JOIN tops t ON t.chat_id = r.chat_id;

ANALYZE {s}.prep_messages;

-- Chats: who is in them, their last seq and activity, each participant's own last message (read up to there),
-- and their latest ping; in the order of their ids, as the moves read them.
INSERT INTO {s}.prep_chats (
    chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at, owner_last_seq, sender_last_seq, last_ping_id)
SELECT c.chat_id, c.listing_id, c.owner, c.sender, least(c.created_at, m.first_at),
       greatest(m.last_seq, coalesce(t.last_seq, 0)), greatest(m.last_at, t.last_message_at),
       greatest(m.owner_last, coalesce(t.owner_last_seq, 0)), greatest(m.sender_last, coalesce(t.sender_last_seq, 0)),
       latest.ping_id
FROM import_targets c
JOIN (
    SELECT x.chat_id, min(x.created_at) AS first_at, max(x.seq) AS last_seq, max(x.created_at) AS last_at,
           coalesce(max(x.seq) FILTER (WHERE x.sender = y.owner), 0) AS owner_last,
           coalesce(max(x.seq) FILTER (WHERE x.sender = y.sender), 0) AS sender_last
    FROM {s}.prep_messages x
    JOIN import_targets y ON y.chat_id = x.chat_id
    GROUP BY x.chat_id
) m ON m.chat_id = c.chat_id
LEFT JOIN (
    SELECT DISTINCT ON (chat_id) chat_id, ping_id FROM {s}.prep_pings ORDER BY chat_id, created_at DESC, ping_id DESC
) latest ON latest.chat_id = c.chat_id
LEFT JOIN chats t ON t.chat_id = c.chat_id
ORDER BY c.chat_id;

-- What stays behind, and why.
INSERT INTO {s}.prep_report (source_table, source_key, reason, detail)
SELECT source_table, 'row ' || md5(p::text), 'missing-value', 'the ping has no id'
FROM {s}.stage_pings p
WHERE p.id IS NULL
UNION ALL
SELECT p.source_table, p.id::text, p.problem,
    CASE p.problem
        WHEN 'missing-value' THEN 'the ping lacks a time, a text, a sender or a receiver'
        WHEN 'invalid-username' THEN format('%s or %s breaks PingActors'' username rule (3 to 32 of a-z 0-9 _ . -, starting with a letter or digit)', quote_literal(p.sender), quote_literal(p.receiver))
        WHEN 'no-listing' THEN 'the ping names no listing; every PingActors ping is about one'
        WHEN 'ping-to-self' THEN format('%s pinged their own listing', p.sender)
        WHEN 'unknown-status' THEN format('status %s is none of pending, responded, declined, withdrawn, expired', quote_nullable(p.status))
        ELSE format('the ping names %s as receiver, but listing %s belongs to %s%s', p.receiver, p.listing_id, coalesce(p.owner, 'nobody PingActors accepts'),
                    CASE WHEN p.found_owner IS NOT NULL THEN ' in PingActors already' ELSE '' END)
    END
FROM import_pings p
WHERE p.problem IS NOT NULL
UNION ALL
SELECT 'chats', coalesce(c.id::text, 'row ' || md5(c::text)), c.problem,
    CASE c.problem
        WHEN 'missing-value' THEN 'the chat lacks an id or a participant'
        WHEN 'invalid-username' THEN format('%s or %s breaks PingActors'' username rule', quote_literal(c.participant_a), quote_literal(c.participant_b))
        WHEN 'no-listing' THEN 'the chat names no listing; every PingActors chat is about one'
        WHEN 'chat-with-oneself' THEN format('both participants are %s', c.participant_a)
        ELSE format('listing %s belongs to %s, who is not in this chat between %s and %s', c.listing_id,
                    coalesce(c.owner, 'nobody PingActors accepts'), c.participant_a, c.participant_b)
    END
FROM import_chats c
WHERE c.problem IS NOT NULL
UNION ALL
SELECT 'chats', c.id::text, 'empty-chat', 'the chat has no message and no ping to carry'
FROM import_chats c
WHERE c.problem IS NULL AND NOT EXISTS (SELECT 1 FROM {s}.prep_chats t WHERE t.chat_id = c.target)
UNION ALL
SELECT 'messages', coalesce(m.id::text, 'row ' || md5(m::text)), m.problem,
    CASE m.problem
        WHEN 'missing-value' THEN 'the message lacks an id, a time, a text or an author'
        WHEN 'chat-missing' THEN format('chat %s does not exist', m.chat_id)
        WHEN 'chat-not-imported' THEN format('its chat %s stays behind too (see chats)', m.chat_id)
        ELSE format('%s wrote it, but the chat is between %s and %s', m.sender, m.owner, m.chat_sender)
    END
FROM import_messages m
WHERE m.problem IS NOT NULL;
