-- Subscriptions of a second kind (docs/adr/0018-liked-subscriptions.md): 'liked' sends the new
-- papers a relevance profile ranks high (the person's, in the workspace it was made in, for
-- scope 'me'; the channel's for scope 'channel'), at most daily_cap a local day. Its topic is
-- a key ('liked:<workspace>'), so one person can have one per Discord server or Slack workspace;
-- its topic_json is '{}'. Topic subscriptions keep kind 'topic' and no cap.
ALTER TABLE subscriptions ADD COLUMN kind TEXT NOT NULL DEFAULT 'topic' CHECK (kind IN ('topic', 'liked'));
ALTER TABLE subscriptions ADD COLUMN daily_cap INTEGER CHECK (daily_cap IS NULL OR daily_cap BETWEEN 1 AND 25);

-- The cap counts a subscription's papers planned since the start of the subscriber's local day.
CREATE INDEX subscription_papers_by_time ON subscription_papers (subscription_id, matched_at);
