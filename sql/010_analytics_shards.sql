-- The workers no longer mark each event they apply (a second row version per event, and its WAL, on the busiest
-- table). The events are split into 16 shards by chat, and each shard keeps a watermark: the last event applied,
-- in the order of the transactions that wrote them. A worker locks some shards (skipping those another worker
-- holds), applies the events past their watermarks that were written by transactions already finished, and
-- moves the watermarks in the same transaction as the aggregates. An event is processed exactly when it is at or
-- below its shard's watermark.
--
-- Ordering by writing transaction is what makes a watermark safe: an event id is taken before its transaction
-- commits, so ids commit out of order, but every transaction below a snapshot's xmin has finished, so no event
-- can appear later below a watermark taken from such a snapshot.

ALTER TABLE events ADD COLUMN tx xid8;
ALTER TABLE events ADD COLUMN shard smallint GENERATED ALWAYS AS (get_byte(uuid_send(chat_id), 15) % 16) STORED;

-- Events already processed sort below every watermark; those still waiting sort above it.
UPDATE events SET tx = CASE WHEN processed_at IS NULL THEN pg_current_xact_id() ELSE '0'::xid8 END;

ALTER TABLE events ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
ALTER TABLE events ALTER COLUMN tx SET NOT NULL;

DROP INDEX ix_events_unprocessed;
ALTER TABLE events DROP COLUMN processed_at;

CREATE INDEX ix_events_shard_order ON events (shard, tx, event_id);

CREATE TABLE analytics_shards
(
    shard          smallint    NOT NULL,
    last_tx        xid8        NOT NULL,
    last_event_id  uuid        NOT NULL,
    applied_at     timestamptz NOT NULL, -- when a worker last took the shard: the least recently taken go first

    CONSTRAINT pk_analytics_shards PRIMARY KEY (shard)
);

INSERT INTO analytics_shards (shard, last_tx, last_event_id, applied_at)
SELECT shard, '0'::xid8, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid, '-infinity'
FROM generate_series(0, 15) AS shard;

-- The events no worker has applied yet.
CREATE VIEW unprocessed_events AS
SELECT e.*
FROM analytics_shards s
JOIN events e ON e.shard = s.shard AND (e.tx, e.event_id) > (s.last_tx, s.last_event_id);
