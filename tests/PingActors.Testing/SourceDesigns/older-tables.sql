-- The older design's history tables: pings, chats and messages. Both source designs have them. The seed's
-- functions write into them without defining them (its document only adds tables beside them), so the seed's
-- schema is these three plus the document's own objects (seed.sql).
--
-- Reconstructed: the seed document never shows these tables. Their columns are the ones its functions write
-- (send_ping_optimized inserts sender_username, receiver_username, listing_id, message, status, created_at,
-- response_time_minutes and ping_count into pings; chats get listing_id, participant_a, participant_b and
-- created_at, with updated_at on conflict; messages chat_id, sender_username, text and created_at) and the
-- uuid ids its RETURNING clauses read back. Its consolidated pings_optimized lists what pings lacked (chat_id,
-- message_id, first_response_at, responded_at, response_message): those lived elsewhere, the response in the
-- chat's messages and its delay in response_time_minutes, set by a trigger (older.sql). The ON CONFLICT of the
-- seed's chat upsert needs the unique (listing_id, participant_a, participant_b) key. There are no foreign
-- keys: the older design wrote these rows in separate calls, and the orphans that lets in (a message whose chat
-- is missing, a ping without its message) are part of what an import must cope with. listing_id may be null:
-- the seed's pings_optimized is the first to require it.

CREATE TABLE pings (
  id UUID DEFAULT gen_random_uuid() PRIMARY KEY,
  sender_username TEXT NOT NULL,
  receiver_username TEXT NOT NULL,
  listing_id UUID,
  message TEXT NOT NULL,
  status TEXT DEFAULT 'pending',
  response_time_minutes INTEGER,
  ping_count INTEGER DEFAULT 1,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_pings_sender_created ON pings(sender_username, created_at);
CREATE INDEX idx_pings_receiver_created ON pings(receiver_username, created_at);

CREATE TABLE chats (
  id UUID DEFAULT gen_random_uuid() PRIMARY KEY,
  listing_id UUID,
  participant_a TEXT NOT NULL,
  participant_b TEXT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE,
  UNIQUE (listing_id, participant_a, participant_b)
);

CREATE TABLE messages (
  id UUID DEFAULT gen_random_uuid() PRIMARY KEY,
  chat_id UUID NOT NULL,
  sender_username TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_messages_chat_created ON messages(chat_id, created_at);
