-- Every listing id the source mentions becomes a listing, owned by whom the data says: the receiver most of its
-- pings name (ties go to the one named first), or for a listing with chats but no pings, participant B of its
-- first chat (the seed's call order is sender, then receiver). A listing registered by an earlier run keeps its
-- owner. Only rows PingActors could import vote: both names valid, a listing, not to oneself.
TRUNCATE {s}.prep_listings, {s}.prep_chats, {s}.prep_pings, {s}.prep_messages, {s}.prep_users, {s}.prep_report;

INSERT INTO {s}.prep_listings (listing_id, owner, created_at)
WITH votes AS (
    SELECT listing_id, receiver AS owner, count(*) AS pings, min(created_at) AS first_at
    FROM {s}.stage_pings
    WHERE id IS NOT NULL AND listing_id IS NOT NULL AND created_at IS NOT NULL AND sender <> receiver AND sender_valid AND receiver_valid
    GROUP BY listing_id, receiver
), by_pings AS (
    SELECT DISTINCT ON (listing_id) listing_id, owner
    FROM votes
    ORDER BY listing_id, pings DESC, first_at, owner
), by_chats AS (
    SELECT DISTINCT ON (listing_id) listing_id, participant_b AS owner
    FROM {s}.stage_chats
    WHERE id IS NOT NULL AND listing_id IS NOT NULL AND participant_a <> participant_b AND a_valid AND b_valid
    ORDER BY listing_id, created_at, id
), owners AS (
    SELECT listing_id, owner FROM by_pings
    UNION ALL
    SELECT c.listing_id, c.owner FROM by_chats c WHERE NOT EXISTS (SELECT 1 FROM by_pings p WHERE p.listing_id = c.listing_id)
), first_seen AS (
    SELECT listing_id, min(created_at) AS at
    FROM (SELECT listing_id, created_at FROM {s}.stage_pings UNION ALL SELECT listing_id, created_at FROM {s}.stage_chats) seen
    WHERE listing_id IS NOT NULL
    GROUP BY listing_id
)
SELECT o.listing_id, coalesce(k.owner, o.owner), coalesce(k.created_at, f.at, @as_of)
FROM owners o
LEFT JOIN pingactors_import.listings k ON k.listing_id = o.listing_id
LEFT JOIN first_seen f ON f.listing_id = o.listing_id;

ANALYZE {s}.prep_listings;
