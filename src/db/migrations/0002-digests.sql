-- Chat channels that receive daily digests: from config (origin 'config') or, later, commands.
CREATE TABLE channels (
  id             INTEGER PRIMARY KEY,
  platform       TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel        TEXT NOT NULL,
  guild          TEXT,
  locale         TEXT NOT NULL,
  time           TEXT NOT NULL,              -- HH:MM local
  timezone       TEXT NOT NULL,
  settings       TEXT NOT NULL DEFAULT '{}', -- JSON: filters, maxPapers, order, layout, emptyDay, summaries
  origin         TEXT NOT NULL DEFAULT 'config' CHECK (origin IN ('config', 'command')),
  added_at       TEXT NOT NULL,
  failing_reason TEXT,                       -- set by a permanent platform error, cleared by a success
  failing_since  TEXT,
  UNIQUE (platform, channel)
) STRICT;

-- One digest per channel per local date: the unique key is what makes a second run, a restart
-- or a second process a no-op.
CREATE TABLE digests (
  id           INTEGER PRIMARY KEY,
  channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  local_date   TEXT NOT NULL,
  slot_at      TEXT NOT NULL,                -- the scheduled instant (UTC)
  window_start TEXT NOT NULL,                -- papers first stored after this …
  window_end   TEXT NOT NULL,                -- … and up to this
  state        TEXT NOT NULL CHECK (state IN ('planned', 'sent', 'failed', 'empty', 'missed')),
  paper_count  INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  finished_at  TEXT,
  error        TEXT,
  UNIQUE (channel_id, local_date)
) STRICT;

-- The outbox: every message of a digest is written here before it is sent and marked after.
CREATE TABLE deliveries (
  id            INTEGER PRIMARY KEY,
  digest_id     INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  key           TEXT NOT NULL UNIQUE,        -- Discord nonce / Slack metadata marker
  body          TEXT NOT NULL,               -- JSON: the exact platform request body
  thread_parent INTEGER,                     -- seq of the message whose thread this goes in
  state         TEXT NOT NULL CHECK (state IN ('planned', 'sending', 'sent', 'failed')),
  claimed_by    TEXT,                        -- host:pid of the process sending it
  claimed_at    TEXT,
  message_id    TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  sent_at       TEXT,
  UNIQUE (digest_id, seq)
) STRICT;
CREATE INDEX deliveries_unsent ON deliveries (state) WHERE state IN ('planned', 'sending');

-- Which papers a channel has been sent: never the same paper twice to one channel.
CREATE TABLE channel_papers (
  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  paper_id   INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  digest_id  INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
  PRIMARY KEY (channel_id, paper_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX papers_first_seen_at ON papers (first_seen_at);
