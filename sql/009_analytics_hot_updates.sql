-- The workers add into aggregate rows that already exist far more often than they create them (a user's row
-- for today takes every ping they send or receive). Leaving room on each page lets PostgreSQL make those
-- updates heap-only (HOT): no counter is indexed, so the new row version needs no new index entry and the
-- old one is reclaimed page by page without waiting for vacuum.
ALTER TABLE user_daily_stats SET (fillfactor = 70);
ALTER TABLE user_daily_response_minutes SET (fillfactor = 70);
ALTER TABLE listing_stats SET (fillfactor = 70);
ALTER TABLE listing_response_minutes SET (fillfactor = 70);
