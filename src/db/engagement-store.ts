/**
 * What a channel's members did with papers, for weekly digests (docs/adr/0021-weekly-digest.md):
 * 👍 and 👎 from the feedback events made in the channel (db/feedback-store.ts; a person's latest
 * event on a paper up to an instant counts, an undo counts as nothing). One query per channel
 * and week, over the channel's events of that week only (the feedback_by_channel index): a paper of
 * the week cannot have been clicked before it was stored, so earlier events need not be read.
 */
import type { Db } from './open-database.js';

export interface VoteCounts {
  likes: number;
  dislikes: number;
}

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
  return {
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
