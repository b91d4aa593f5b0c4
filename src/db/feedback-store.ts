/**
 * Feedback events (👍 / 👎 / undo) and the votes they add up to. Events are only ever appended;
 * a person's vote on a paper, for a profile, is their latest event there. A click delivered
 * twice (the same platform id) is recorded once.
 */
import type { ProfileRef } from '../core/personal-ranking/profile-ref.js';
import type { Db } from './open-database.js';

export interface FeedbackEvent {
  platform: 'discord' | 'slack' | 'cli';
  workspace: string;
  channel: string;
  actor: string;
  paperId: number;
  value: -1 | 0 | 1;
  origin: 'button' | 'reaction' | 'command' | 'cli';
  dedupeKey?: string;
  at: string;
}

export interface ProfileVote {
  paperId: number;
  /** Sum of the latest votes of everyone who voted on it in the profile. */
  value: number;
  up: number;
  down: number;
  lastAt: string;
}

const LATEST = `SELECT f.* FROM feedback_events f JOIN (
    SELECT max(id) AS id FROM feedback_events WHERE %WHERE% GROUP BY actor, paper_id
  ) latest ON latest.id = f.id`;

const TALLY = `SELECT paper_id AS paperId, sum(value) AS value, sum(value = 1) AS up, sum(value = -1) AS down, max(at) AS lastAt
  FROM (${LATEST}) GROUP BY paper_id HAVING up + down > 0 ORDER BY max(id)`;

export function createFeedbackStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO feedback_events (platform, workspace, channel, actor, paper_id, value, origin, dedupe_key, at)
     VALUES (@platform, @workspace, @channel, @actor, @paperId, @value, @origin, @dedupeKey, @at)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const channelVotes = db.prepare<[string, string], ProfileVote>(TALLY.replace('%WHERE%', 'platform = ? AND channel = ?'));
  const personVotes = db.prepare<[string, string, string], ProfileVote>(TALLY.replace('%WHERE%', 'platform = ? AND workspace = ? AND actor = ?'));
  const latestOf = db.prepare<[string, string, string, number], { value: number }>(
    'SELECT value FROM feedback_events WHERE platform = ? AND channel = ? AND actor = ? AND paper_id = ? ORDER BY id DESC LIMIT 1',
  );
  const version = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM feedback_events');
  const forget = db.prepare('DELETE FROM feedback_events WHERE platform = ? AND actor = ?');
  const forgetPaper = db.prepare('DELETE FROM feedback_events WHERE platform = ? AND actor = ? AND paper_id = ?');
  const clearChannel = db.prepare('DELETE FROM feedback_events WHERE platform = ? AND channel = ?');
  const clearChannelPaper = db.prepare('DELETE FROM feedback_events WHERE platform = ? AND channel = ? AND paper_id = ?');
  return {
    /** Records one event; false when the same click (dedupe key) was already recorded. */
    record(e: FeedbackEvent): boolean {
      return insert.run({ ...e, dedupeKey: e.dedupeKey ?? null }).changes > 0;
    },
    /** The person's current vote on a paper in a channel (0 when none or undone). */
    current(platform: string, channel: string, actor: string, paperId: number): number {
      return latestOf.get(platform, channel, actor, paperId)?.value ?? 0;
    },
    votes(ref: ProfileRef): ProfileVote[] {
      return ref.kind === 'channel' ? channelVotes.all(ref.platform, ref.channel) : personVotes.all(ref.platform, ref.workspace, ref.user);
    },
    /** Grows with every event: models built before it may be stale. */
    version(): number {
      return version.get()!.n;
    },
    /** Deletes every event a person made on a platform (their right to be forgotten); returns how many. */
    forgetPerson(platform: string, actor: string): number {
      return forget.run(platform, actor).changes;
    },
    forgetPersonPaper(platform: string, actor: string, paperId: number): number {
      return forgetPaper.run(platform, actor, paperId).changes;
    },
    /** Deletes every click made in a channel (`/papers interests channel clear`); returns how many. */
    clearChannel(platform: string, channel: string): number {
      return clearChannel.run(platform, channel).changes;
    },
    clearChannelPaper(platform: string, channel: string, paperId: number): number {
      return clearChannelPaper.run(platform, channel, paperId).changes;
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;
