-- Replies in discussion threads (docs/adr/0020-discuss-threads.md), for the weekly digest's
-- "thread with N replies" (docs/adr/0021-weekly-digest.md). One row per person's message in a
-- thread that discuss_threads knows; the bot's messages (its opening card, its answers) are not
-- recorded, nor is any message's text. `message_id` is unique per platform, so an event delivered
-- twice (a Slack retry, a gateway resume) counts once; a deleted message's row is deleted.
CREATE TABLE discuss_replies (
  platform    TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  message_id  TEXT NOT NULL,      -- Discord: the message id; Slack: '<channel>:<ts>'
  thread      TEXT NOT NULL,      -- as discuss_threads.thread
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,      -- when the bot received it (its clock), ISO
  PRIMARY KEY (platform, message_id)
) STRICT;
CREATE INDEX discuss_replies_by_thread ON discuss_replies (platform, thread, at);
