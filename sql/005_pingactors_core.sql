-- PingActors history: chats, pings, messages and the event outbox.
--
-- Grain state (allowance overrides, cooldowns, listings, read cursors) lives in OrleansStorage. Everything
-- that grows with use lives here, append-mostly, written by the silos' group commit: one transaction carries
-- the rows of many concurrent pings, and each row set of one grain turn is all-or-nothing.

-- One chat per (listing, sender). chat_id is derived from that pair, and the unique key holds it to one.
CREATE TABLE chats
(
    chat_id          uuid        NOT NULL,
    listing_id       uuid        NOT NULL,
    owner            text        NOT NULL,
    sender           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    last_seq         bigint      NOT NULL,
    last_message_at  timestamptz NOT NULL,
    -- seq of each participant's own latest message: everything up to it counts as read by them.
    owner_last_seq   bigint      NOT NULL DEFAULT 0,
    sender_last_seq  bigint      NOT NULL DEFAULT 0,
    last_ping_id     uuid        NULL,

    CONSTRAINT pk_chats PRIMARY KEY (chat_id),
    CONSTRAINT uq_chats_listing_sender UNIQUE (listing_id, sender),
    CONSTRAINT ck_chats_participants CHECK (owner <> sender)
);

CREATE INDEX ix_chats_owner_activity ON chats (owner, last_message_at DESC, chat_id DESC);
CREATE INDEX ix_chats_sender_activity ON chats (sender, last_message_at DESC, chat_id DESC);

CREATE TABLE pings
(
    ping_id            uuid        NOT NULL,
    chat_id            uuid        NOT NULL,
    listing_id         uuid        NOT NULL,
    sender             text        NOT NULL,
    receiver           text        NOT NULL,
    message_id         uuid        NOT NULL,
    message            text        NOT NULL,
    status             text        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    -- The sender's allowance day (in the reset time zone) and the ping's place in it. The unique key makes
    -- the database refuse a second ping in the same slot, so even two activations of one user grain (a
    -- split brain) cannot admit more than the limit.
    allowance_day      date        NOT NULL,
    allowance_seq      integer     NOT NULL,
    first_response_at  timestamptz NULL,
    responded_at       timestamptz NULL,
    closed_at          timestamptz NULL,
    response_message   text        NULL,

    CONSTRAINT pk_pings PRIMARY KEY (ping_id),
    CONSTRAINT uq_pings_allowance UNIQUE (sender, allowance_day, allowance_seq),
    CONSTRAINT ck_pings_status CHECK (status IN ('pending', 'responded', 'declined', 'withdrawn', 'expired')),
    CONSTRAINT ck_pings_allowance_seq CHECK (allowance_seq > 0)
);

CREATE INDEX ix_pings_sender ON pings (sender, created_at DESC, ping_id DESC);
CREATE INDEX ix_pings_receiver ON pings (receiver, created_at DESC, ping_id DESC);
CREATE INDEX ix_pings_listing ON pings (listing_id, created_at DESC, ping_id DESC);
CREATE INDEX ix_pings_pending_expiry ON pings (expires_at) WHERE status = 'pending';

-- seq is gap-free per chat: the chat grain assigns it, and the primary key refuses a duplicate.
CREATE TABLE messages
(
    chat_id            uuid        NOT NULL,
    seq                bigint      NOT NULL,
    message_id         uuid        NOT NULL,
    sender             text        NOT NULL,
    body               text        NOT NULL,
    created_at         timestamptz NOT NULL,
    client_message_id  text        NULL,
    ping_id            uuid        NULL,

    CONSTRAINT pk_messages PRIMARY KEY (chat_id, seq),
    CONSTRAINT ck_messages_seq CHECK (seq > 0)
);

CREATE UNIQUE INDEX ux_messages_client_message_id ON messages (chat_id, sender, client_message_id)
    WHERE client_message_id IS NOT NULL;

-- Transactional outbox: every state change writes its event in the same transaction as the change.
CREATE TABLE events
(
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    chat_id          uuid        NOT NULL,
    listing_id       uuid        NOT NULL,
    ping_id          uuid        NULL,
    sender           text        NOT NULL,
    receiver         text        NOT NULL,
    actor            text        NULL, -- null for an expiry: nobody acted
    ping_created_at  timestamptz NULL,
    message_seq      bigint      NULL,
    processed_at     timestamptz NULL,

    CONSTRAINT pk_events PRIMARY KEY (event_id),
    CONSTRAINT ck_events_type CHECK (event_type IN
        ('ping.sent', 'ping.responded', 'ping.declined', 'ping.withdrawn', 'ping.expired', 'message.posted'))
);

CREATE INDEX ix_events_unprocessed ON events (event_id) WHERE processed_at IS NULL;

-- Raises when a guarded statement matched fewer rows than the grain expected: its view was stale (a second
-- activation got there first). The whole batch rolls back, and the writer retries its writes one by one so
-- only the stale one fails.
CREATE FUNCTION pingactors_expect_rows(actual bigint, expected bigint, what text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF actual <> expected THEN
        RAISE EXCEPTION 'stale %: % of % rows matched', what, actual, expected USING ERRCODE = 'PA001';
    END IF;
    RETURN actual;
END
$$;
