-- The stream: every user's notifications, replayable from the outbox.
--
-- Each event gets a position (seq) in the order the batches that wrote them committed, and the one user it is
-- for (recipient). A client resumes "after seq s" by reading that user's events past s, and no event can ever
-- commit later with a seq below one that a reader has already seen:
--
-- The group-commit statement takes the stream clock (a single row) as its last step and numbers the batch's events
-- from it. Its row lock is held until the batch commits, so the next batch gets its numbers only once this one has
-- committed: batches commit in seq order, and any snapshot that sees seq s also sees every lower one. One row
-- update per batch, not per ping.

CREATE TABLE stream_clock
(
    one  boolean NOT NULL DEFAULT true,
    seq  bigint  NOT NULL,

    CONSTRAINT pk_stream_clock PRIMARY KEY (one),
    CONSTRAINT ck_stream_clock_one_row CHECK (one)
);

-- The highest position pruning has deleted (Analytics:EventRetention). A client resuming from below it may have
-- missed an event that no longer exists, so its stream starts with a resync item.
CREATE TABLE stream_horizon
(
    one          boolean NOT NULL DEFAULT true,
    pruned_seq   bigint  NOT NULL,

    CONSTRAINT pk_stream_horizon PRIMARY KEY (one),
    CONSTRAINT ck_stream_horizon_one_row CHECK (one)
);

INSERT INTO stream_horizon (pruned_seq) VALUES (0);

-- A user's limit changes carry no chat: the chat columns become optional for them (and only for them). Such
-- events have no shard (it derives from the chat), so the analytics workers never read them.
ALTER TABLE events ALTER COLUMN chat_id DROP NOT NULL;
ALTER TABLE events ALTER COLUMN listing_id DROP NOT NULL;
ALTER TABLE events ALTER COLUMN sender DROP NOT NULL;
ALTER TABLE events ALTER COLUMN receiver DROP NOT NULL;

ALTER TABLE events ADD COLUMN recipient text;
ALTER TABLE events ADD COLUMN seq bigint;

-- Events written before the stream existed: who each is for (the rule of History/StreamRecipients), and positions
-- in the order the analytics workers apply them (the order of the transactions that wrote them).
UPDATE events e
SET recipient = CASE
        WHEN e.event_type IN ('ping.sent', 'ping.withdrawn') THEN e.receiver
        WHEN e.event_type = 'message.posted' AND e.actor = e.sender THEN e.receiver
        ELSE e.sender
    END,
    seq = o.position
FROM (SELECT event_id, row_number() OVER (ORDER BY tx, event_id) AS position FROM events) o
WHERE o.event_id = e.event_id;

INSERT INTO stream_clock (seq) SELECT coalesce(max(seq), 0) FROM events;

ALTER TABLE events ALTER COLUMN recipient SET NOT NULL;
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;

ALTER TABLE events DROP CONSTRAINT ck_events_type;
ALTER TABLE events ADD CONSTRAINT ck_events_type CHECK (event_type IN
    ('ping.sent', 'ping.responded', 'ping.declined', 'ping.withdrawn', 'ping.expired', 'message.posted',
     'chat.read', 'limits.changed'));
ALTER TABLE events ADD CONSTRAINT ck_events_chat CHECK (event_type = 'limits.changed'
    OR (chat_id IS NOT NULL AND listing_id IS NOT NULL AND sender IS NOT NULL AND receiver IS NOT NULL));

-- The view lists every column of events as it was when it was made: it gains the new ones.
CREATE OR REPLACE VIEW unprocessed_events AS
SELECT e.*
FROM analytics_shards s
JOIN events e ON e.shard = s.shard AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id);

-- Replay and the stream's gap checks: one user's events by position.
CREATE INDEX ix_events_recipient_seq ON events (recipient, seq);

-- Read cursors move from grain storage into the chat's row, written with their chat.read event. Chats that exist
-- now may still have theirs in grain storage: they are flagged (a constant default costs no rewrite), their grain
-- folds the stored cursors in when it loads the chat, and its next write of the row clears the flag.
ALTER TABLE chats ADD COLUMN owner_read_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN sender_read_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN legacy_cursors boolean NOT NULL DEFAULT true;
ALTER TABLE chats ALTER COLUMN legacy_cursors SET DEFAULT false;

-- What an admin set for a user, and the trust tier they earned (Limits), each change written with its
-- limits.changed event. A user whose settings are still in grain storage (set before this script) has a row flagged
-- legacy: their grain reads the stored settings once it activates, and the next change writes them here.
CREATE TABLE user_limits
(
    username         text        NOT NULL,
    daily_limit      integer     NULL,
    cooldown_until   timestamptz NULL,
    tier             text        NOT NULL DEFAULT 'standard',
    tier_changed_at  timestamptz NULL,
    changed_at       timestamptz NOT NULL,
    legacy           boolean     NOT NULL DEFAULT false,

    CONSTRAINT pk_user_limits PRIMARY KEY (username),
    CONSTRAINT ck_user_limits_daily_limit CHECK (daily_limit >= 0),
    CONSTRAINT ck_user_limits_tier CHECK (tier IN ('standard', 'trusted', 'restricted'))
);

INSERT INTO user_limits (username, changed_at, legacy)
SELECT DISTINCT grainidextensionstring, now(), true
FROM orleansstorage
WHERE graintypestring = 'user' AND grainidextensionstring IS NOT NULL;

-- Single-use tickets for GET /v1/stream?ticket=... (a browser's EventSource cannot send Authorization). Only a
-- hash of each ticket is kept; using one marks it, so it works once, on any API node.
CREATE TABLE stream_tickets
(
    ticket_hash  bytea       NOT NULL,
    username     text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz NULL,

    CONSTRAINT pk_stream_tickets PRIMARY KEY (ticket_hash)
);

CREATE INDEX ix_stream_tickets_expiry ON stream_tickets (expires_at);
