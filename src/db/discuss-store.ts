/**
 * Discussion threads (paper × channel → thread) and the questions asked in them
 * (docs/adr/0020-discuss-threads.md). The thread row outlives its paper: a question in the
 * thread of a paper that was removed is answered with that, not ignored.
 */
import type { Platform } from '../core/chat-poster.js';
import type { Db } from './open-database.js';

export interface DiscussThread {
  platform: Platform;
  channel: string;
  paperKey: string;
  title: string;
  thread: string;
  createdBy: string;
  createdAt: string;
}

interface Row {
  platform: Platform;
  channel: string;
  paper_key: string;
  title: string;
  thread: string;
  created_by: string;
  created_at: string;
}

const toThread = (r: Row): DiscussThread => ({
  platform: r.platform,
  channel: r.channel,
  paperKey: r.paper_key,
  title: r.title,
  thread: r.thread,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** A person's message in a thread (the bot's own are never recorded). */
export interface DiscussReply {
  platform: Platform;
  thread: string;
  /** Discord: the message id; Slack: `<channel>:<ts>`. */
  messageId: string;
  actor: string;
  at: string;
}

export function createDiscussStore(db: Db) {
  const byPaper = db.prepare<[Platform, string, string], Row>('SELECT * FROM discuss_threads WHERE platform = ? AND channel = ? AND paper_key = ?');
  const byThread = db.prepare<[Platform, string], Row>('SELECT * FROM discuss_threads WHERE platform = ? AND thread = ?');
  // A thread that was deleted on the platform is replaced by a new one for the same paper and channel.
  const save = db.prepare(
    `INSERT INTO discuss_threads (platform, channel, paper_key, title, thread, created_by, created_at)
     VALUES (@platform, @channel, @paperKey, @title, @thread, @createdBy, @createdAt)
     ON CONFLICT (platform, channel, paper_key) DO UPDATE SET
       title = excluded.title, thread = excluded.thread, created_by = excluded.created_by, created_at = excluded.created_at`,
  );
  const ask = db.prepare('INSERT INTO discuss_questions (platform, workspace, actor, paper_key, at) VALUES (?, ?, ?, ?, ?)');
  // The limit looks back one hour: older rows of the same person are dropped as they ask again, so the table stays small.
  const forget = db.prepare('DELETE FROM discuss_questions WHERE platform = ? AND workspace = ? AND actor = ? AND at < ?');
  const asked = db.prepare<[Platform, string, string, string], { at: string }>(
    'SELECT at FROM discuss_questions WHERE platform = ? AND workspace = ? AND actor = ? AND at > ? ORDER BY at',
  );

  // Only in a known thread; the same message again (a retried event) changes nothing.
  const reply = db.prepare(
    `INSERT INTO discuss_replies (platform, message_id, thread, actor, at)
     SELECT @platform, @messageId, @thread, @actor, @at
     WHERE EXISTS (SELECT 1 FROM discuss_threads WHERE platform = @platform AND thread = @thread)
     ON CONFLICT (platform, message_id) DO NOTHING`,
  );
  const unreply = db.prepare('DELETE FROM discuss_replies WHERE platform = ? AND message_id = ?');

  return {
    /** The thread recorded for a paper in a channel, if any. */
    threadFor(platform: Platform, channel: string, paperKey: string): DiscussThread | undefined {
      const row = byPaper.get(platform, channel, paperKey);
      return row ? toThread(row) : undefined;
    },
    /** The discussion a thread belongs to; undefined for any other thread. */
    byThread(platform: Platform, thread: string): DiscussThread | undefined {
      const row = byThread.get(platform, thread);
      return row ? toThread(row) : undefined;
    },
    save(t: DiscussThread): void {
      save.run(t);
    },
    recordQuestion(platform: Platform, workspace: string, actor: string, paperKey: string, at: string): void {
      db.transaction(() => {
        forget.run(platform, workspace, actor, new Date(new Date(at).getTime() - 86_400_000).toISOString());
        ask.run(platform, workspace, actor, paperKey, at);
      })();
    },
    /** Records a reply if `thread` is a discussion thread; true when it was new. */
    recordReply(r: DiscussReply): boolean {
      return reply.run(r).changes > 0;
    },
    /** A deleted message no longer counts; true when it did. */
    forgetReply(platform: Platform, messageId: string): boolean {
      return unreply.run(platform, messageId).changes > 0;
    },
    /** When this person asked, oldest first, after `since` (ISO). */
    questionsSince(platform: Platform, workspace: string, actor: string, since: string): string[] {
      return asked.all(platform, workspace, actor, since).map((r) => r.at);
    },
  };
}

export type DiscussStore = ReturnType<typeof createDiscussStore>;
