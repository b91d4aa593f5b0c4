-- Subscription messages go through the digests' outbox (docs/adr/0006): one row per subscriber
-- (a user's direct messages or a channel) per cycle, planned in the same transaction as its
-- outbox deliveries and the subscription_papers it covers.
CREATE TABLE subscription_messages (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  scope        TEXT NOT NULL CHECK (scope IN ('me', 'channel')),
  target       TEXT NOT NULL,               -- user id (scope me) or channel id (scope channel)
  conversation TEXT,                        -- where it is posted: the DM channel once opened, else the channel
  state        TEXT NOT NULL CHECK (state IN ('planned', 'sent', 'failed', 'paused')),
  covers       TEXT NOT NULL,               -- JSON [{subscription, papers, cursorBefore}]: given back on failure
  created_at   TEXT NOT NULL,
  finished_at  TEXT,
  error        TEXT
) STRICT;
CREATE INDEX subscription_messages_planned ON subscription_messages (state) WHERE state = 'planned';

-- A user's direct-message channel with the bot (stable on both platforms): opened once, not every
-- cycle (Slack's conversations.open is a Tier 3 method, about 50 calls a minute).
CREATE TABLE direct_channels (
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  user_id  TEXT NOT NULL,
  channel  TEXT NOT NULL,
  PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;

-- deliveries now belong to a digest or to a subscription message (exactly one of the two).
CREATE TABLE deliveries_new (
  id                      INTEGER PRIMARY KEY,
  digest_id               INTEGER REFERENCES digests (id) ON DELETE CASCADE,
  subscription_message_id INTEGER REFERENCES subscription_messages (id) ON DELETE CASCADE,
  seq                     INTEGER NOT NULL,
  key                     TEXT NOT NULL UNIQUE,        -- Discord nonce / Slack metadata marker
  body                    TEXT NOT NULL,               -- JSON: the exact platform request body
  thread_parent           INTEGER,                     -- seq of the message whose thread this goes in
  state                   TEXT NOT NULL CHECK (state IN ('planned', 'sending', 'sent', 'failed')),
  claimed_by              TEXT,                        -- host:pid of the process sending it
  claimed_at              TEXT,
  message_id              TEXT,
  attempts                INTEGER NOT NULL DEFAULT 0,
  last_error              TEXT,
  sent_at                 TEXT,
  CHECK ((digest_id IS NULL) <> (subscription_message_id IS NULL)),
  UNIQUE (digest_id, seq),
  UNIQUE (subscription_message_id, seq)
) STRICT;
INSERT INTO deliveries_new (id, digest_id, seq, key, body, thread_parent, state, claimed_by, claimed_at, message_id, attempts, last_error, sent_at)
  SELECT id, digest_id, seq, key, body, thread_parent, state, claimed_by, claimed_at, message_id, attempts, last_error, sent_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_unsent ON deliveries (state) WHERE state IN ('planned', 'sending');
