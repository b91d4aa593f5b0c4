/**
 * "Engagement counts per paper for a channel and a week", from several providers: 👍/👎 from the
 * feedback events (db/engagement-store.ts) always; saves to reading lists and replies in discussion
 * threads (wired in main.ts, buildWeeklyEngagement). A provider not given counts 0.
 */
import type { Channel } from '../core/channel.js';
import { NO_ENGAGEMENT, type Engagement } from '../core/weekly-ranking.js';

/** A weekly digest's week: what happened after `from` and up to `until` (ISO instants) counts. */
export interface EngagementWindow {
  from: string;
  until: string;
}

/**
 * Counts per paper id (absent = 0) for one channel, from what happened within the window. `paperIds`
 * are the week's papers; a provider may also return others (callers look up only what they need).
 */
export type EngagementCounter<K extends keyof Engagement> = (
  channel: Pick<Channel, 'platform' | 'channel'>,
  paperIds: readonly number[],
  window: EngagementWindow,
) => ReadonlyMap<number, Partial<Pick<Engagement, K>>>;

export interface EngagementProviders {
  /** 👍 and 👎 made in the channel (feedback_events). */
  votes: EngagementCounter<'likes' | 'dislikes'>;
  /** People who saved the paper from this channel (saved_papers). */
  saves?: EngagementCounter<'saves'>;
  /** Replies in the paper's discussion thread in this channel (discuss_replies). */
  replies?: EngagementCounter<'replies'>;
}

/** The counts a weekly digest ranks by; a paper nobody did anything with is absent (others may be present). */
export type WeeklyEngagement = (channel: Pick<Channel, 'platform' | 'channel'>, paperIds: readonly number[], window: EngagementWindow) => Map<number, Engagement>;

export function combineEngagement(p: EngagementProviders): WeeklyEngagement {
  return (channel, paperIds, window) => {
    const out = new Map<number, Engagement>();
    for (const count of [p.votes, p.saves, p.replies]) {
      if (!count) continue;
      for (const [id, part] of count(channel, paperIds, window)) out.set(id, { ...(out.get(id) ?? NO_ENGAGEMENT), ...part });
    }
    return out;
  };
}
