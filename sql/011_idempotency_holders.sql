-- Who is running a claimed idempotency key: the API process (holder) and the one attempt of it (attempt).
--
-- A process knows which keys it is running right now, so a claim it holds but is not running is dead (its
-- answer or release could not be written, say, because the database was down) and it takes it over at once
-- instead of waiting out the lease. Answers, releases and deletions name their attempt, so one that lands late
-- (written by the background retry once the database answers again) never touches a later attempt's claim.
ALTER TABLE idempotency_keys
    ADD COLUMN holder  uuid NULL,
    ADD COLUMN attempt uuid NULL;
