-- Optional embeddings (docs/adr/0015-embeddings.md): one vector per paper and embedding model,
-- as little-endian Float32 values. text_hash is the SHA-256 of the text that was embedded (title
-- and abstract, or the summaries when there is no abstract), so a paper is embedded again only
-- when that text changes. A cache: dropping the table loses nothing that cannot be recomputed.
CREATE TABLE paper_embeddings (
  paper_id    INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  model       TEXT NOT NULL,
  dims        INTEGER NOT NULL CHECK (dims > 0),
  vector      BLOB NOT NULL CHECK (length(vector) = 4 * dims),
  text_hash   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (paper_id, model)
) STRICT, WITHOUT ROWID;
