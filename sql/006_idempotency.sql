-- Idempotency keys of the HTTP API, scoped to (user, route, key) and kept for 24 hours.
--
-- The first request with a key claims the row (locked_until is its lease); a repeat with the same body
-- replays the stored answer, a repeat while the lease holds is told the first is still running, and a repeat
-- with another body is refused. request_id is fixed when the row is first made: the ids a request derives
-- from it (a ping's id) are the same on every attempt, so a request that failed part-way can run again and
-- create nothing twice.
CREATE TABLE idempotency_keys
(
    username      text        NOT NULL,
    route         text        NOT NULL,
    key           text        NOT NULL,
    request_hash  bytea       NOT NULL,
    request_id    uuid        NOT NULL,
    created_at    timestamptz NOT NULL,
    locked_until  timestamptz NULL,
    status_code   integer     NULL,
    content_type  text        NULL,
    response_body bytea       NULL,
    location      text        NULL,
    retry_after   text        NULL,

    CONSTRAINT pk_idempotency_keys PRIMARY KEY (username, route, key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
