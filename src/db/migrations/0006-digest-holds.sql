-- A digest waiting for its sources: every source its channel draws from failed to load, so the
-- bot retries the ingest within the catch-up window instead of posting "nothing new". `held` is
-- final: the window ended with nothing read, no digest was posted for that date, and the next
-- digest's window still starts where the last posted one ended (nothing is lost).
CREATE TABLE digest_holds (
  channel_id      INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  local_date      TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('retrying', 'held')),
  sources         TEXT NOT NULL,              -- JSON: names of the sources that could not be read
  reason          TEXT NOT NULL,              -- the first of their last errors
  first_at        TEXT NOT NULL,
  last_attempt_at TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (channel_id, local_date)
) STRICT;
