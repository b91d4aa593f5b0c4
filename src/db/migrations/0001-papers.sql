-- One row per paper (key arxiv:<id> or title:<normalized title> until an arXiv record adopts it)
-- or per article (key url:<canonical url>). Every column is derived from the observations below.
CREATE TABLE papers (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('paper', 'article')),
  arxiv_id      TEXT UNIQUE,
  arxiv_version INTEGER,
  url           TEXT,
  title         TEXT NOT NULL,
  title_norm    TEXT NOT NULL,
  authors       TEXT NOT NULL DEFAULT '[]',   -- JSON array of names
  abstract      TEXT,
  categories    TEXT NOT NULL DEFAULT '[]',   -- JSON array
  published_at  TEXT,
  announced_on  TEXT,                         -- YYYY-MM-DD of arXiv's first announcement
  featured_on   TEXT,                         -- YYYY-MM-DD first featured by Hugging Face or a digest
  votes         INTEGER,
  thumbnail     TEXT,
  links         TEXT NOT NULL DEFAULT '{}',   -- JSON object name -> URL
  first_seen_at TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX papers_title_norm ON papers (title_norm);
CREATE INDEX papers_announced_on ON papers (announced_on);
CREATE INDEX papers_featured_on ON papers (featured_on);

-- One row per (source, entry) as the source gave it: provenance, idempotency (same hash = nothing
-- to do) and the input of the merge.
CREATE TABLE observations (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,
  format        TEXT NOT NULL,
  entry_key     TEXT NOT NULL,
  paper_id      INTEGER NOT NULL REFERENCES papers (id),
  payload       TEXT NOT NULL,                -- JSON SourceEntry
  hash          TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  changed_at    TEXT NOT NULL,
  UNIQUE (source, entry_key)
) STRICT;
CREATE INDEX observations_paper ON observations (paper_id);

-- Localized summaries, one per (paper, locale, source). origin 'source' rows are derived from
-- observations; 'generated' rows come from the optional summarizer and survive re-merges.
CREATE TABLE summaries (
  paper_id   INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  locale     TEXT NOT NULL,
  source     TEXT NOT NULL,
  origin     TEXT NOT NULL CHECK (origin IN ('source', 'generated')),
  title      TEXT,
  sections   TEXT NOT NULL,                   -- JSON array of {kind, text}
  updated_at TEXT NOT NULL,
  PRIMARY KEY (paper_id, locale, source)
) STRICT;

-- Keys that used to name a paper (a title: record adopted by its arXiv record).
CREATE TABLE paper_aliases (
  key      TEXT PRIMARY KEY,
  paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE
) STRICT;

-- The last ingest of each source, for `status`.
CREATE TABLE source_status (
  source          TEXT PRIMARY KEY,
  format          TEXT,
  last_run_at     TEXT NOT NULL,
  last_success_at TEXT,
  last_error      TEXT,
  last_error_at   TEXT,
  entries         INTEGER NOT NULL DEFAULT 0,
  new             INTEGER NOT NULL DEFAULT 0,
  updated         INTEGER NOT NULL DEFAULT 0,
  unchanged       INTEGER NOT NULL DEFAULT 0,
  errors          TEXT NOT NULL DEFAULT '[]'  -- JSON array of {message, place}
) STRICT;

-- Full-text index, rowid = papers.id. The application pre-tokenizes (CJK bigrams, see
-- src/core/search-text.ts); unicode61 + porter then split and stem the Latin words.
CREATE VIRTUAL TABLE paper_search USING fts5 (
  title, authors, summaries, abstract,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
