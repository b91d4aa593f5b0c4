-- Discussion threads (docs/adr/0020-discuss-threads.md): one thread per paper and channel, so a
-- second Discuss click reopens the same one. Keyed by the paper's key, not its row id: a merge
-- that replaces the row keeps the old key as an alias (paper_reader.getByKey follows it), and a
-- paper removed from the store leaves the row behind, so a question in its thread can be told
-- "this paper is gone" instead of being ignored. `title` is kept for exactly that answer.
CREATE TABLE discuss_threads (
  platform    TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel     TEXT NOT NULL,      -- the channel the click counts for (a digest thread's parent channel)
  paper_key   TEXT NOT NULL,
  title       TEXT NOT NULL,
  thread      TEXT NOT NULL,      -- Discord: the thread's channel id; Slack: '<channel>:<thread_ts>'
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (platform, channel, paper_key)
) STRICT;
CREATE UNIQUE INDEX discuss_threads_by_thread ON discuss_threads (platform, thread);

-- Questions asked in those threads, for the per-person rate limit (`discuss.questionsPerHour`).
CREATE TABLE discuss_questions (
  id         INTEGER PRIMARY KEY,
  platform   TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  workspace  TEXT NOT NULL,       -- Discord guild, Slack team ('' when unknown)
  actor      TEXT NOT NULL,
  paper_key  TEXT NOT NULL,
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX discuss_questions_by_actor ON discuss_questions (platform, workspace, actor, at);
