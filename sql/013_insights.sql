-- Insights: the running sums the predictions are made from (will this owner answer, how soon, when is the best
-- time to ping). The event workers fold them from the outbox with the other aggregates, and the rebuild derives
-- them from the history like the others; nothing here is read from the ping history at request time.
--
-- A database that already holds pings starts these sums empty: run the rebuild once after upgrading
-- (`rebuild-analytics`, or POST /v1/admin/analytics/rebuild) so the predictions cover the pings before it.

-- Per listing owner, over their whole history as a receiver. Response times enter as the log of the centre of
-- their bin on the response-time grid (ResponseTimeGrid), in units of 1/10,000: integers, so the rebuild and the
-- workers add up to exactly the same figures.
CREATE TABLE owner_insights
(
    username          text   NOT NULL,
    received          integer NOT NULL DEFAULT 0,
    responded         integer NOT NULL DEFAULT 0,
    declined          integer NOT NULL DEFAULT 0,
    withdrawn         integer NOT NULL DEFAULT 0,
    expired           integer NOT NULL DEFAULT 0,
    log_time_sum      bigint  NOT NULL DEFAULT 0, -- sum of ln(seconds) x 10^4 over responses
    log_time_sq_sum   bigint  NOT NULL DEFAULT 0, -- sum of (ln(seconds) x 10^4)^2 over responses

    CONSTRAINT pk_owner_insights PRIMARY KEY (username)
) WITH (fillfactor = 70);

-- When each owner acts (a chat message of theirs, a decline), by UTC hour of the week: 0 is Monday 00:00-01:00.
CREATE TABLE owner_activity_hours
(
    username      text     NOT NULL,
    hour_of_week  smallint NOT NULL,
    actions       integer  NOT NULL,

    CONSTRAINT pk_owner_activity_hours PRIMARY KEY (username, hour_of_week),
    CONSTRAINT ck_owner_activity_hours_hour CHECK (hour_of_week BETWEEN 0 AND 167)
) WITH (fillfactor = 70);

-- The population's time to a response, for the Kaplan-Meier curves: per segment (the UTC quarter of the day the
-- ping was sent, 0-3) and bin of the response-time grid, the responses that came in that bin and the pings
-- censored in it (withdrawn then). Declined and expired pings can no longer be answered: they stay in the risk
-- set to the end, in the bin 32767.
CREATE TABLE response_time_bins
(
    segment    smallint NOT NULL,
    bin        smallint NOT NULL,
    responses  integer  NOT NULL,
    censored   integer  NOT NULL,

    CONSTRAINT pk_response_time_bins PRIMARY KEY (segment, bin)
) WITH (fillfactor = 70);

-- Pings still pending, by the 10-minute slot they were sent in (Unix seconds / 600): the curves count each as
-- censored at its current age. A slot whose pings are all settled reads 0; the refit job deletes those rows.
CREATE TABLE insight_pending
(
    slot     bigint  NOT NULL,
    pending  integer NOT NULL,

    CONSTRAINT pk_insight_pending PRIMARY KEY (slot)
) WITH (fillfactor = 70);

-- The population model as the periodic refit job last fitted it (the empirical-Bayes prior, the response-time
-- shrinkage, the Kaplan-Meier curves, the hour-of-week profile): every process reads the latest fit, and its id
-- is the model version the insight endpoints report.
CREATE TABLE insight_fits
(
    fit_id     bigint      GENERATED ALWAYS AS IDENTITY,
    fitted_at  timestamptz NOT NULL,
    model      jsonb       NOT NULL,

    CONSTRAINT pk_insight_fits PRIMARY KEY (fit_id)
);
