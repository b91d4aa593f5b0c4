-- What the last ingest saw of each source, for the label cards credit it with when the config
-- no longer names it (core/source-label.ts): its format, its URL (NULL for a file or folder,
-- whose path is never shown) and the source's own title (a feed's <title>, a digest's heading).
CREATE TABLE source_facts (
  source     TEXT PRIMARY KEY,
  format     TEXT NOT NULL,
  url        TEXT,
  title      TEXT,
  updated_at TEXT NOT NULL
) STRICT;

-- Sources ingested before this table existed keep at least their format.
INSERT INTO source_facts (source, format, updated_at)
  SELECT source, format, last_run_at FROM source_status WHERE format IS NOT NULL;
