-- Weekly digests (docs/adr/0021-weekly-digest.md). A digest is daily or weekly and is keyed by
-- (channel, kind, period): period is the local date of a daily digest and the ISO week
-- (2024-W44) of a weekly one, so a second run, a restart or a second process posts each day and
-- each week once, and a channel with both cadences can have both on the same date. local_date
-- stays the slot's local date for both kinds.
--
-- SQLite cannot change a UNIQUE constraint in place: the table is rebuilt with its rows and ids.
-- The migration runner turns foreign keys off around migrations (so dropping the old table does
-- not cascade into the outbox and channel_papers) and runs foreign_key_check before committing.
CREATE TABLE digests_new (
  id           INTEGER PRIMARY KEY,
  channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL DEFAULT 'daily' CHECK (kind IN ('daily', 'weekly')),
  period       TEXT NOT NULL,                -- daily: YYYY-MM-DD; weekly: YYYY-Www
  local_date   TEXT NOT NULL,
  slot_at      TEXT NOT NULL,                -- the scheduled instant (UTC)
  window_start TEXT NOT NULL,                -- papers first stored after this …
  window_end   TEXT NOT NULL,                -- … and up to this
  state        TEXT NOT NULL CHECK (state IN ('planned', 'sent', 'failed', 'empty', 'missed')),
  paper_count  INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  finished_at  TEXT,
  error        TEXT,
  UNIQUE (channel_id, kind, period)
) STRICT;
INSERT INTO digests_new (id, channel_id, kind, period, local_date, slot_at, window_start, window_end, state, paper_count, created_at, finished_at, error)
  SELECT id, channel_id, 'daily', local_date, local_date, slot_at, window_start, window_end, state, paper_count, created_at, finished_at, error FROM digests;
DROP TABLE digests;
ALTER TABLE digests_new RENAME TO digests;
CREATE INDEX digests_unfinished ON digests (state) WHERE state = 'planned';
