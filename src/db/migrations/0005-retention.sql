-- Retention of raw source entries (docs/adr/0007-retention.md): when an observation's payload was
-- pruned to references into its paper's record; NULL = the payload is the whole entry.
ALTER TABLE observations ADD COLUMN pruned_at TEXT;
-- The prune pass starts from the observations not pruned yet (after a while: the recent ones).
CREATE INDEX observations_unpruned ON observations (paper_id) WHERE pruned_at IS NULL;
