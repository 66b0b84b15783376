-- The design the seed replaced, beyond the history tables it shares with it (older-tables.sql).
--
-- Reconstructed from the seed document's list of what was wrong with it: "Multiple Database Calls: 3-4
-- operations per ping", "Redundant Storage: Data duplicated across tables", "Complex Triggers", "No Caching:
-- Real-time calculations", and from its migration path, which copies ping_limits into ping_limits_cache. So:
--   * ping_limits holds each sender's limit and cooldown, but no count: the day's count is computed on the fly
--     from pings (check_ping_limit), which is the real-time calculation the seed's cache replaced;
--   * a ping is several calls: check_ping_limit, then INSERT into pings, the chat upsert (as the seed's), and
--     INSERT into messages, each its own statement;
--   * analytics are kept by triggers in user_ping_stats and listing_ping_stats, redundant copies of what the
--     pings say, which the seed replaced with its analytics_jobs queue;
--   * a receiver's first message in a chat answers the sender's pending ping there: a trigger on messages sets
--     the ping's status and response_time_minutes (the seed's pings_optimized later stores the response itself).

CREATE TABLE ping_limits (
  username TEXT PRIMARY KEY,
  daily_limit INTEGER NOT NULL DEFAULT 50,
  cooldown_until TIMESTAMP WITH TIME ZONE,
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Whether the sender may ping now: their limit and cooldown, and today's count computed from pings.
CREATE FUNCTION check_ping_limit(username_param TEXT)
RETURNS BOOLEAN AS $$
DECLARE
  user_limit RECORD;
  sent_today INTEGER;
BEGIN
  SELECT * INTO user_limit FROM ping_limits WHERE username = username_param;
  IF user_limit IS NULL THEN
    INSERT INTO ping_limits (username) VALUES (username_param) RETURNING * INTO user_limit;
  END IF;

  IF user_limit.cooldown_until > NOW() THEN
    RETURN FALSE;
  END IF;

  SELECT count(*) INTO sent_today
  FROM pings
  WHERE sender_username = username_param AND created_at >= CURRENT_DATE;

  RETURN sent_today < user_limit.daily_limit;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE user_ping_stats (
  username TEXT NOT NULL,
  day DATE NOT NULL,
  pings_sent INTEGER NOT NULL DEFAULT 0,
  pings_received INTEGER NOT NULL DEFAULT 0,
  pings_responded INTEGER NOT NULL DEFAULT 0,
  total_response_minutes BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (username, day)
);

CREATE TABLE listing_ping_stats (
  listing_id UUID PRIMARY KEY,
  pings INTEGER NOT NULL DEFAULT 0,
  pings_responded INTEGER NOT NULL DEFAULT 0,
  total_response_minutes BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION pings_count_sent() RETURNS TRIGGER AS $$
BEGIN
  INSERT INTO user_ping_stats (username, day, pings_sent) VALUES (NEW.sender_username, NEW.created_at::date, 1)
  ON CONFLICT (username, day) DO UPDATE SET pings_sent = user_ping_stats.pings_sent + 1;
  INSERT INTO user_ping_stats (username, day, pings_received) VALUES (NEW.receiver_username, NEW.created_at::date, 1)
  ON CONFLICT (username, day) DO UPDATE SET pings_received = user_ping_stats.pings_received + 1;
  IF NEW.listing_id IS NOT NULL THEN
    INSERT INTO listing_ping_stats (listing_id, pings) VALUES (NEW.listing_id, 1)
    ON CONFLICT (listing_id) DO UPDATE SET pings = listing_ping_stats.pings + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pings_after_insert AFTER INSERT ON pings FOR EACH ROW EXECUTE FUNCTION pings_count_sent();

CREATE FUNCTION pings_count_response() RETURNS TRIGGER AS $$
BEGIN
  IF NEW.status = 'responded' AND OLD.status IS DISTINCT FROM 'responded' THEN
    UPDATE user_ping_stats
    SET pings_responded = pings_responded + 1,
        total_response_minutes = total_response_minutes + coalesce(NEW.response_time_minutes, 0)
    WHERE username = NEW.receiver_username AND day = NEW.created_at::date;
    UPDATE listing_ping_stats
    SET pings_responded = pings_responded + 1,
        total_response_minutes = total_response_minutes + coalesce(NEW.response_time_minutes, 0)
    WHERE listing_id = NEW.listing_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pings_after_update AFTER UPDATE OF status ON pings FOR EACH ROW EXECUTE FUNCTION pings_count_response();

-- The receiver's first message after a pending ping answers it.
CREATE FUNCTION messages_answer_ping() RETURNS TRIGGER AS $$
BEGIN
  UPDATE pings p
  SET status = 'responded',
      response_time_minutes = floor(extract(epoch FROM NEW.created_at - p.created_at) / 60)::integer,
      updated_at = NEW.created_at
  FROM chats c
  WHERE c.id = NEW.chat_id
    AND p.listing_id = c.listing_id
    AND p.receiver_username = NEW.sender_username
    AND p.sender_username IN (c.participant_a, c.participant_b)
    AND p.sender_username <> NEW.sender_username
    AND p.status = 'pending'
    AND p.created_at <= NEW.created_at;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER messages_after_insert AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION messages_answer_ping();
