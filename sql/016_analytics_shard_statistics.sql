-- The event workers' claim joins the 16 analytics shards to the events waiting past their watermarks. Never analyzed,
-- the shards look to the planner like a table of a thousand-odd rows, and probing the events' shard index once for
-- each of those looks dearer than hashing the whole outbox: each claim would then read every event there is. The
-- table always holds its 16 rows, so statistics taken once stay true; autovacuum keeps them so afterwards.
ANALYZE analytics_shards;
