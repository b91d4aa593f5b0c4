-- The papers each outbox message shows (JSON array of paper ids), so a reaction on a posted
-- message can be read as a vote on its paper (docs/adr/0014-personal-ranking.md); and the
-- platform message id indexed, to find that message from a reaction event.
ALTER TABLE deliveries ADD COLUMN paper_ids TEXT;
CREATE INDEX deliveries_by_message ON deliveries (message_id) WHERE message_id IS NOT NULL;
