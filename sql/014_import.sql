-- The import from the seed's design (or the older one it replaced): its bookkeeping, its staging area and the
-- functions its set-based moves use, in a schema of their own. Nothing here is on PingActors' write path.
--
-- The import reads the source into the stage_* tables, derives PingActors' rows into the prep_* tables, and
-- moves those into chats, pings and messages in chunks. Each chunk commits together with the run's checkpoint,
-- so an import killed mid-way resumes at the next chunk. Staging and prepared rows are scratch (unlogged): a
-- server crash empties them, and the import then derives them again; every move is "make the target what the
-- source says", so repeating one changes nothing.

CREATE SCHEMA pingactors_import;

-- One row per run of the import: the source, the moment it treats as now, and how far it has come.
CREATE TABLE pingactors_import.runs
(
    run_id         integer     GENERATED ALWAYS AS IDENTITY,
    source_design  text        NOT NULL,
    source         text        NOT NULL, -- host, port and database, never a password
    as_of          timestamptz NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz NULL,
    phase          text        NOT NULL,
    checkpoint     text        NULL,     -- the last key the current phase has moved
    chunks_done    integer     NOT NULL DEFAULT 0,
    counts         jsonb       NOT NULL DEFAULT '{}',

    CONSTRAINT pk_import_runs PRIMARY KEY (run_id)
);

-- The source rows a run could not bring across, and why. Never dropped silently: the command also writes them
-- to a file and says so in its exit code.
CREATE TABLE pingactors_import.report
(
    run_id        integer NOT NULL,
    source_table  text    NOT NULL,
    source_key    text    NOT NULL,
    reason        text    NOT NULL,
    detail        text    NOT NULL,

    CONSTRAINT pk_import_report PRIMARY KEY (run_id, source_table, source_key, reason)
);

-- The listings the import registered (or found registered) and their owners: a later run keeps the owner.
CREATE TABLE pingactors_import.listings
(
    listing_id  uuid        NOT NULL,
    owner       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    run_id      integer     NOT NULL,

    CONSTRAINT pk_import_listings PRIMARY KEY (listing_id)
);

-- The user settings (own daily limit, cooldown) the import wrote into grain storage: a later run changes them
-- only where the source changed.
CREATE TABLE pingactors_import.user_settings
(
    username        text        NOT NULL,
    daily_limit     integer     NULL,
    cooldown_until  timestamptz NULL,
    run_id          integer     NOT NULL,

    CONSTRAINT pk_import_user_settings PRIMARY KEY (username)
);

-- Staging: the source's rows as read, in one shape whichever design they come from, with what the import works
-- out for each row on its way in (chat ids as ChatId.For derives them, whether names follow PingActors' rule):
-- per row in .NET it costs a fraction of what the same hashing and matching cost in SQL.
CREATE UNLOGGED TABLE pingactors_import.stage_pings
(
    source_table           text        NOT NULL,
    id                     uuid        NULL,
    sender                 text        NULL,
    receiver               text        NULL,
    listing_id             uuid        NULL,
    message                text        NULL,
    status                 text        NULL,
    created_at             timestamptz NULL,
    updated_at             timestamptz NULL,
    response_time_minutes  integer     NULL,
    first_response_at      timestamptz NULL,
    responded_at           timestamptz NULL,
    response_message       text        NULL,
    message_id             uuid        NULL,
    chat_id                uuid        NULL, -- the chat of (listing, sender)
    made_message_id        uuid        NULL, -- the id of the message made for the ping if the source lost its own
    sender_valid           boolean     NOT NULL,
    receiver_valid         boolean     NOT NULL
);

CREATE UNLOGGED TABLE pingactors_import.stage_chats
(
    id             uuid        NULL,
    listing_id     uuid        NULL,
    participant_a  text        NULL,
    participant_b  text        NULL,
    created_at     timestamptz NULL,
    chat_id_a      uuid        NULL, -- the chat if participant A is the sender (B owns the listing)
    chat_id_b      uuid        NULL, -- the chat if participant B is the sender
    a_valid        boolean     NOT NULL,
    b_valid        boolean     NOT NULL
);

CREATE UNLOGGED TABLE pingactors_import.stage_messages
(
    id          uuid        NULL,
    chat_id     uuid        NULL,
    sender      text        NULL,
    body        text        NULL,
    created_at  timestamptz NULL
);

-- One row per user the source keeps limits for: their limit, the design's default, their cooldown, and what
-- they spent today by the source's own count.
CREATE UNLOGGED TABLE pingactors_import.stage_limits
(
    username        text        NULL,
    daily_limit     integer     NULL,
    default_limit   integer     NULL,
    cooldown_until  timestamptz NULL,
    spent_today     integer     NULL,
    username_valid  boolean     NOT NULL
);

-- Prepared: PingActors' rows, derived from the staging tables in one consistent pass.
CREATE UNLOGGED TABLE pingactors_import.prep_listings
(
    listing_id   uuid        NOT NULL PRIMARY KEY,
    owner        text        NOT NULL,
    created_at   timestamptz NOT NULL,
    found_owner  text        NULL -- the owner PingActors already has for the listing, where that is someone else
);

CREATE UNLOGGED TABLE pingactors_import.prep_chats
(
    chat_id          uuid        NOT NULL PRIMARY KEY,
    listing_id       uuid        NOT NULL,
    owner            text        NOT NULL,
    sender           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    last_seq         bigint      NOT NULL,
    last_message_at  timestamptz NOT NULL,
    owner_last_seq   bigint      NOT NULL,
    sender_last_seq  bigint      NOT NULL,
    last_ping_id     uuid        NULL
);

CREATE UNLOGGED TABLE pingactors_import.prep_pings
(
    ping_id            uuid        NOT NULL PRIMARY KEY,
    chat_id            uuid        NOT NULL,
    listing_id         uuid        NOT NULL,
    sender             text        NOT NULL,
    receiver           text        NOT NULL,
    message_id         uuid        NOT NULL,
    message            text        NOT NULL,
    status             text        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    allowance_day      date        NOT NULL,
    allowance_seq      integer     NOT NULL,
    first_response_at  timestamptz NULL,
    responded_at       timestamptz NULL,
    closed_at          timestamptz NULL,
    response_message   text        NULL,
    source_status      text        NOT NULL
);

CREATE INDEX ix_prep_pings_chat ON pingactors_import.prep_pings (chat_id);

CREATE UNLOGGED TABLE pingactors_import.prep_messages
(
    chat_id     uuid        NOT NULL,
    seq         bigint      NOT NULL,
    message_id  uuid        NOT NULL,
    sender      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    ping_id     uuid        NULL,
    source_id   uuid        NULL, -- null for a ping's message the source lost, made from the ping's text

    PRIMARY KEY (chat_id, seq)
);

CREATE UNLOGGED TABLE pingactors_import.prep_users
(
    username        text        NOT NULL PRIMARY KEY,
    daily_limit     integer     NULL,
    cooldown_until  timestamptz NULL
);

CREATE UNLOGGED TABLE pingactors_import.prep_report
(
    source_table  text NOT NULL,
    source_key    text NOT NULL,
    reason        text NOT NULL,
    detail        text NOT NULL
);
