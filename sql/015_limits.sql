-- Smart rate limits.
--
-- A ping records what the sender's allowance held right after it was admitted (bucket_tokens), so a sender's
-- grain rebuilds its token bucket from the latest ping instead of writing state per ping; and the rule by which the
-- policy in shadow would have refused it (shadow_refusal), so the shadow summary can say how many of the pings it
-- would have refused were answered after all.
ALTER TABLE pings
    ADD COLUMN bucket_tokens  real NULL,
    ADD COLUMN shadow_refusal text NULL;

-- The shadow summary reads the pings a candidate would have refused, by time; none exist while no candidate runs.
CREATE INDEX ix_pings_shadow_refusal ON pings (created_at) WHERE shadow_refusal IS NOT NULL;

-- An owner's grain reads whom the owner declined recently (they may not ping that owner for a while).
CREATE INDEX ix_pings_receiver_declined ON pings (receiver, closed_at) WHERE status = 'declined';

-- The policies in force, one row per change (append-only: the history of every change, who made it and when).
-- Each silo reads the newest row every few seconds; with none, the configured defaults apply.
CREATE TABLE limit_policies
(
    version                    bigint      NOT NULL,
    enforced                   jsonb       NOT NULL,
    candidate                  jsonb       NULL,
    candidate_rollout_percent  integer     NOT NULL,
    changed_at                 timestamptz NOT NULL,
    changed_by                 text        NOT NULL,

    CONSTRAINT pk_limit_policies PRIMARY KEY (version),
    CONSTRAINT ck_limit_policies_rollout CHECK (candidate_rollout_percent BETWEEN 0 AND 100)
);
