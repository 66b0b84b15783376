-- Fewer indexes on the write path: every ping pays for each one.
--
-- A chat's id is derived from its (listing, sender) pair, so the primary key already allows one chat per pair;
-- the separate unique key on the pair was a second index nothing read.
ALTER TABLE chats DROP CONSTRAINT uq_chats_listing_sender;

-- A sender's pings are numbered per allowance day, in the order they were sent, so the unique
-- (sender, allowance_day, allowance_seq) key already lists them newest first.
DROP INDEX ix_pings_sender;

-- Per-listing figures come from the analytics aggregates, not from scanning a listing's pings.
DROP INDEX ix_pings_listing;
