-- A chat user's own language (set with `/papers settings language …`).
CREATE TABLE users (
  platform   TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  user_id    TEXT NOT NULL,
  locale     TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (platform, user_id)
) STRICT, WITHOUT ROWID;

-- Topic subscriptions: a user's own (delivered by direct message) or a channel's.
CREATE TABLE subscriptions (
  id            INTEGER PRIMARY KEY,
  platform      TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  scope         TEXT NOT NULL CHECK (scope IN ('me', 'channel')),
  target        TEXT NOT NULL,               -- user id (scope me) or channel id (scope channel)
  guild         TEXT,
  topic         TEXT NOT NULL,               -- canonical topic text
  topic_json    TEXT NOT NULL,               -- parsed topic
  locale        TEXT NOT NULL,               -- language of its messages
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  cursor_at     TEXT NOT NULL,               -- papers stored after this are matched next
  paused_reason TEXT,                        -- e.g. the user blocks DMs; nothing is sent while set
  paused_at     TEXT,
  UNIQUE (platform, scope, target, topic)
) STRICT;

-- Papers already sent for a subscription: never the same paper twice.
CREATE TABLE subscription_papers (
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  paper_id        INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  matched_at      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, paper_id)
) STRICT, WITHOUT ROWID;
