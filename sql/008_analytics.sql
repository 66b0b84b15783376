-- Analytics: what the event workers fold the outbox into. Every figure is about pings by the UTC day they were
-- sent, so a response, a decline or an expiry counts on the day of the ping it closes, wherever it happened.
-- The workers and the rebuild both write here; the rebuild derives the same rows from the ping history.

-- Per user and day. A user is counted as the sender of the pings they sent and as the receiver of the pings
-- they received; the response figures are about received pings.
CREATE TABLE user_daily_stats
(
    username                 text    NOT NULL,
    day                      date    NOT NULL,
    pings_sent               integer NOT NULL DEFAULT 0,
    pings_received           integer NOT NULL DEFAULT 0,
    responded                integer NOT NULL DEFAULT 0,
    responded_within_day     integer NOT NULL DEFAULT 0,
    declined                 integer NOT NULL DEFAULT 0,
    withdrawn                integer NOT NULL DEFAULT 0,
    expired                  integer NOT NULL DEFAULT 0,
    response_seconds_sum     bigint  NOT NULL DEFAULT 0,

    CONSTRAINT pk_user_daily_stats PRIMARY KEY (username, day)
);

-- The response-time histogram of user_daily_stats, one bucket per whole minute that occurs: the median is
-- exact, and a bucket row exists only for a minute someone actually took.
CREATE TABLE user_daily_response_minutes
(
    username   text    NOT NULL,
    day        date    NOT NULL,
    minutes    integer NOT NULL,
    responses  integer NOT NULL,

    CONSTRAINT pk_user_daily_response_minutes PRIMARY KEY (username, day, minutes)
);

-- Per listing, over its whole life. pending = pings - responded - declined - withdrawn - expired.
CREATE TABLE listing_stats
(
    listing_id            uuid    NOT NULL,
    pings                 integer NOT NULL DEFAULT 0,
    responded             integer NOT NULL DEFAULT 0,
    declined              integer NOT NULL DEFAULT 0,
    withdrawn             integer NOT NULL DEFAULT 0,
    expired               integer NOT NULL DEFAULT 0,
    response_seconds_sum  bigint  NOT NULL DEFAULT 0,

    CONSTRAINT pk_listing_stats PRIMARY KEY (listing_id)
);

CREATE TABLE listing_response_minutes
(
    listing_id  uuid    NOT NULL,
    minutes     integer NOT NULL,
    responses   integer NOT NULL,

    CONSTRAINT pk_listing_response_minutes PRIMARY KEY (listing_id, minutes)
);
