-- Personal ranking (docs/adr/0014-personal-ranking.md). Feedback is stored as events, append-only:
-- who judged which paper, where and when. Profiles and models are derived from these rows and
-- from the seeds below, and can be dropped and rebuilt at any time.
CREATE TABLE feedback_events (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'cli')),
  workspace   TEXT NOT NULL,            -- Discord server (guild) id, Slack team id; '' outside one
  channel     TEXT NOT NULL,            -- channel the click was made in; '' for a DM or a command outside channels
  actor       TEXT NOT NULL,            -- the person's platform user id ('cli' for scripts)
  paper_id    INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  value       INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),   -- 👍 1, 👎 -1, undo 0; the latest per person and paper wins
  origin      TEXT NOT NULL CHECK (origin IN ('button', 'reaction', 'command', 'cli')),
  dedupe_key  TEXT UNIQUE,              -- the platform's id of the click: a retried delivery records once
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_by_channel ON feedback_events (platform, channel, actor, paper_id, id);
CREATE INDEX feedback_by_person ON feedback_events (platform, workspace, actor, paper_id, id);
CREATE INDEX feedback_by_paper ON feedback_events (paper_id);

-- Examples a profile starts from: an imported library (BibTeX, RIS, CSL-JSON, a list of ids) or
-- `interests add`. An entry that matches no stored paper keeps the title and abstract it came with.
CREATE TABLE interest_seeds (
  id        INTEGER PRIMARY KEY,
  owner     TEXT NOT NULL,              -- 'channel:<platform>:<channel id>' or 'person:<platform>:<user id>'
  ref       TEXT NOT NULL,              -- 'arxiv:<id>', 'doi:<doi>' or 'title:<folded title>'
  paper_id  INTEGER REFERENCES papers (id) ON DELETE SET NULL,
  title     TEXT NOT NULL,
  abstract  TEXT,
  authors   TEXT NOT NULL DEFAULT '[]', -- JSON array
  value     INTEGER NOT NULL DEFAULT 1 CHECK (value IN (-1, 1)),
  origin    TEXT NOT NULL,              -- 'import', 'add'
  added_at  TEXT NOT NULL,
  UNIQUE (owner, ref)
) STRICT;
CREATE INDEX interest_seeds_by_paper ON interest_seeds (paper_id);
