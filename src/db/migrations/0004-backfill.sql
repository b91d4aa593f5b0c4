-- URLs fetched by `paperboy backfill`, per source. A URL recorded here is never fetched again
-- for that source, so an interrupted backfill resumes where it stopped. A row is written in the
-- same transaction as the entries it brought.
CREATE TABLE backfill_fetches (
  source     TEXT NOT NULL,
  url        TEXT NOT NULL,
  day        TEXT NOT NULL,               -- YYYY-MM-DD the URL stands for
  entries    INTEGER NOT NULL,
  total      INTEGER,                     -- arXiv API: opensearch:totalResults of the day's search
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (source, url)
) STRICT, WITHOUT ROWID;
