-- The older design's statistics as its triggers leave them, computed in one pass: the generated rows are
-- written with the triggers off (row by row, they would make generating a million pings slow).
INSERT INTO user_ping_stats (username, day, pings_sent, pings_received, pings_responded, total_response_minutes)
SELECT username, day, sum(sent), sum(received), sum(responded), sum(minutes)
FROM (
    SELECT sender_username AS username, created_at::date AS day, 1 AS sent, 0 AS received, 0 AS responded, 0::bigint AS minutes
    FROM pings
    UNION ALL
    SELECT receiver_username, created_at::date, 0, 1, (status = 'responded')::int,
           CASE WHEN status = 'responded' THEN coalesce(response_time_minutes, 0) ELSE 0 END
    FROM pings
) figures
GROUP BY username, day;

INSERT INTO listing_ping_stats (listing_id, pings, pings_responded, total_response_minutes)
SELECT listing_id, count(*), count(*) FILTER (WHERE status = 'responded'),
       coalesce(sum(response_time_minutes) FILTER (WHERE status = 'responded'), 0)
FROM pings
WHERE listing_id IS NOT NULL
GROUP BY listing_id;
