-- Reading list (docs/adr/0019-reading-list-and-export.md): the papers a person saved with ⭐ or
-- `/papers save`, to read later and to export. A save is state, not a vote: one row per person and
-- paper, deleted by unsave. A person is a platform user within one Discord server or Slack
-- workspace ('' outside one), as in feedback_events, so two servers never share a list.
CREATE TABLE saved_papers (
  platform   TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'cli')),
  workspace  TEXT NOT NULL,
  actor      TEXT NOT NULL,
  paper_id   INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  channel    TEXT NOT NULL DEFAULT '', -- where it was saved ('' for a DM or the command line): a weekly digest counts a channel's saves
  origin     TEXT NOT NULL CHECK (origin IN ('button', 'command', 'cli')),
  saved_at   TEXT NOT NULL,
  PRIMARY KEY (platform, workspace, actor, paper_id)
) STRICT, WITHOUT ROWID;
-- The list, newest first, reads this index in order.
CREATE INDEX saved_papers_newest ON saved_papers (platform, workspace, actor, saved_at DESC, paper_id DESC);
CREATE INDEX saved_papers_by_paper ON saved_papers (paper_id);
-- A channel's saves of a week (weekly digests, docs/adr/0021-weekly-digest.md).
CREATE INDEX saved_papers_by_channel ON saved_papers (platform, channel, saved_at) WHERE channel <> '';
