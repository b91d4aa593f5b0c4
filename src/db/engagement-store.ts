/**
 * What a channel's members did with papers, for weekly digests (docs/adr/0021-weekly-digest.md):
 * 👍 and 👎 from the feedback events made in the channel (db/feedback-store.ts; a person's latest
 * event on a paper up to an instant counts, an undo counts as nothing). One query per channel
 * and week, over the channel's events of that week only (the feedback_by_channel index): a paper of
 * the week cannot have been clicked before it was stored, so earlier events need not be read.
 * Saves from saved_papers; replies from discuss_replies in the channel's discussion threads.
 */
import type { Db } from './open-database.js';

export interface VoteCounts {
  likes: number;
  dislikes: number;
}

/**
 * The channel's threads (by discuss_threads' key), each thread's replies of the week
 * (discuss_replies_by_thread: CROSS JOIN keeps that order, which the planner would otherwise turn
 * round without statistics) and the paper each thread is about: its key, or a key it used to have
 * (paper_aliases), as paper_reader resolves it. A thread whose paper is gone counts for nothing.
 */
export const REPLIES_SQL = `SELECT p.paperId, count(*) AS replies FROM (
     SELECT t.platform, t.thread, coalesce(
       (SELECT id FROM papers WHERE key = t.paper_key), (SELECT paper_id FROM paper_aliases WHERE key = t.paper_key)) AS paperId
     FROM discuss_threads t WHERE t.platform = @platform AND t.channel = @channel
   ) p CROSS JOIN discuss_replies r ON r.platform = p.platform AND r.thread = p.thread AND r.at > @from AND r.at <= @until
   WHERE p.paperId IS NOT NULL
   GROUP BY p.paperId`;

export function createEngagementStore(db: Db) {
  const votes = db.prepare<{ platform: string; channel: string; from: string; until: string }, { paperId: number; likes: number; dislikes: number }>(
    `SELECT f.paper_id AS paperId, sum(f.value = 1) AS likes, sum(f.value = -1) AS dislikes
     FROM feedback_events f JOIN (
       SELECT max(id) AS id FROM feedback_events
       WHERE platform = @platform AND channel = @channel AND at > @from AND at <= @until
       GROUP BY actor, paper_id
     ) latest ON latest.id = f.id
     GROUP BY f.paper_id`,
  );
  const saves = db.prepare<{ platform: string; channel: string; from: string; until: string }, { paperId: number; saves: number }>(
    `SELECT paper_id AS paperId, count(*) AS saves FROM saved_papers
     WHERE platform = @platform AND channel = @channel AND channel <> '' AND saved_at > @from AND saved_at <= @until
     GROUP BY paper_id`,
  );
  const replies = db.prepare<{ platform: string; channel: string; from: string; until: string }, { paperId: number; replies: number }>(REPLIES_SQL);
  return {
    /**
     * Replies by people in each paper's discussion thread in this channel within (from, until].
     * Papers without a thread or without replies are absent.
     */
    replies(where: { platform: string; channel: string }, window: { from: string; until: string }): Map<number, number> {
      return new Map(replies.all({ platform: where.platform, channel: where.channel, from: window.from, until: window.until }).map((r) => [r.paperId, r.replies]));
    },
    /**
     * People who saved each paper (⭐, `/papers save`) from this channel within (from, until] and
     * still have it saved (an unsave deletes the row). Papers nobody saved are absent.
     */
    saves(where: { platform: string; channel: string }, window: { from: string; until: string }): Map<number, number> {
      return new Map(saves.all({ platform: where.platform, channel: where.channel, from: window.from, until: window.until }).map((r) => [r.paperId, r.saves]));
    },
    /**
     * 👍 / 👎 counts per paper from the channel's clicks within (from, until] (ISO instants; the
     * week of a weekly digest). Papers nobody voted on (or whose votes were all undone) are absent.
     */
    votes(where: { platform: string; channel: string }, window: { from: string; until: string }): Map<number, VoteCounts> {
      const rows = votes.all({ platform: where.platform, channel: where.channel, from: window.from, until: window.until });
      return new Map(rows.filter((r) => r.likes + r.dislikes > 0).map((r) => [r.paperId, { likes: r.likes, dislikes: r.dislikes }]));
    },
  };
}

export type EngagementStore = ReturnType<typeof createEngagementStore>;
