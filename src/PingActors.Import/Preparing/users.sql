-- User settings and today's allowance. Parameters: @as_of, @today (the allowance day of @as_of), @limits_table
-- (the source table's name, for the report).
--
-- A limit that is the source's default is no setting of the user's: they follow PingActors' default. A cooldown
-- still running comes across; one that is over does not. A user whose settings an earlier run wrote is kept in
-- view, so settings the source has dropped since are cleared.
INSERT INTO {s}.prep_users (username, daily_limit, cooldown_until)
SELECT l.username,
       CASE WHEN l.daily_limit <> l.default_limit THEN l.daily_limit END,
       CASE WHEN l.cooldown_until > @as_of THEN l.cooldown_until END
FROM (SELECT DISTINCT ON (username) * FROM {s}.stage_limits WHERE username IS NOT NULL ORDER BY username) l
LEFT JOIN pingactors_import.user_settings k ON k.username = l.username
WHERE l.username_valid AND coalesce(l.daily_limit, 0) >= 0
  AND (l.daily_limit <> l.default_limit OR l.cooldown_until > @as_of OR k.username IS NOT NULL);

INSERT INTO {s}.prep_report (source_table, source_key, reason, detail)
SELECT @limits_table, coalesce(l.username, 'row ' || md5(l::text)),
       CASE WHEN NOT l.username_valid THEN 'invalid-username' ELSE 'invalid-limit' END,
       CASE WHEN NOT l.username_valid
            THEN format('%s breaks PingActors'' username rule', quote_nullable(l.username))
            ELSE format('a daily limit of %s', l.daily_limit)
       END
FROM {s}.stage_limits l
WHERE NOT l.username_valid OR l.daily_limit < 0;

-- PingActors counts today's pings from the pings themselves. Where the source's own count for today differs
-- (pings that stay behind, a counter that drifted), the count cannot come across as it was: say so.
INSERT INTO {s}.prep_report (source_table, source_key, reason, detail)
SELECT @limits_table, l.username, 'allowance-not-carried',
       format('the source counts %s pings today; PingActors counts the %s of today''s pings that come across', l.spent_today, coalesce(t.sent, 0))
FROM {s}.stage_limits l
LEFT JOIN (SELECT sender, count(*) AS sent FROM {s}.prep_pings WHERE allowance_day = @today GROUP BY sender) t ON t.sender = l.username
WHERE l.username_valid AND coalesce(l.spent_today, 0) <> coalesce(t.sent, 0);
