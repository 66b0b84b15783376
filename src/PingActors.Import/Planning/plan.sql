-- What an import would do, from the session's dry run ({s}) and what PingActors holds already: one row
-- (what, how many) per line of the plan.
SELECT 'listings.total', count(*) FROM {s}.prep_listings
UNION ALL SELECT 'listings.new', count(*) FROM {s}.prep_listings l WHERE NOT EXISTS (SELECT 1 FROM pingactors_import.listings k WHERE k.listing_id = l.listing_id)
UNION ALL SELECT 'listings.held', count(*) FROM {s}.prep_listings WHERE found_owner IS NOT NULL
UNION ALL SELECT 'chats.total', count(*) FROM {s}.prep_chats
UNION ALL SELECT 'chats.new', count(*) FROM {s}.prep_chats e WHERE NOT EXISTS (SELECT 1 FROM chats t WHERE t.chat_id = e.chat_id)
UNION ALL SELECT 'chats.merged', count(*) FROM (
    SELECT CASE WHEN coalesce(l.found_owner, l.owner) = c.participant_a THEN c.chat_id_b ELSE c.chat_id_a END
    FROM {s}.stage_chats c JOIN {s}.prep_listings l ON l.listing_id = c.listing_id
    WHERE coalesce(l.found_owner, l.owner) IN (c.participant_a, c.participant_b) AND c.participant_a <> c.participant_b
    GROUP BY 1 HAVING count(*) > 1) merged
UNION ALL SELECT 'pings.total', count(*) FROM {s}.prep_pings
UNION ALL SELECT 'pings.new', count(*) FROM {s}.prep_pings e WHERE NOT EXISTS (SELECT 1 FROM pings t WHERE t.ping_id = e.ping_id)
UNION ALL SELECT 'pings.changed', count(*) FROM {s}.prep_pings e JOIN pings t ON t.ping_id = e.ping_id
    WHERE (t.message, t.status, t.expires_at, t.first_response_at, t.responded_at, t.closed_at, t.response_message)
          IS DISTINCT FROM (e.message, e.status, e.expires_at, e.first_response_at, e.responded_at, e.closed_at, e.response_message)
UNION ALL SELECT 'pings.status.' || status, count(*) FROM {s}.prep_pings GROUP BY status
UNION ALL SELECT 'pings.expired-on-import', count(*) FROM {s}.prep_pings WHERE source_status = 'pending' AND status = 'expired'
UNION ALL SELECT 'pings.withdrawn-by-newer', count(*) FROM {s}.prep_pings WHERE source_status = 'pending' AND status = 'withdrawn'
UNION ALL SELECT 'pings.today', count(*) FROM {s}.prep_pings WHERE allowance_day = @today
UNION ALL SELECT 'messages.total', count(*) FROM {s}.prep_messages
UNION ALL SELECT 'messages.new', count(*) FROM {s}.prep_messages e WHERE NOT EXISTS (SELECT 1 FROM messages t WHERE t.chat_id = e.chat_id AND t.seq = e.seq)
UNION ALL SELECT 'messages.made', count(*) FROM {s}.prep_messages WHERE source_id IS NULL
UNION ALL SELECT 'users.limit', count(*) FROM {s}.prep_users WHERE daily_limit IS NOT NULL
UNION ALL SELECT 'users.cooldown', count(*) FROM {s}.prep_users WHERE cooldown_until IS NOT NULL;
