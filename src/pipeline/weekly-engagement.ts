/**
 * "Engagement counts per paper for a channel and a week", from several providers: 👍/👎 from the
 * feedback events (db/engagement-store.ts) always; saves to reading lists and replies in discussion
 * threads when their stores are wired (main.ts, buildWeeklyEngagement). A provider not given counts 0.
 */
import type { Channel } from '../core/channel.js';
import { NO_ENGAGEMENT, type Engagement } from '../core/weekly-ranking.js';

/** Counts per paper id (absent = 0) for one channel, from what happened up to `until` (ISO instant). */
export type EngagementCounter<K extends keyof Engagement> = (
  channel: Pick<Channel, 'platform' | 'channel'>,
  paperIds: number[],
  until: string,
) => ReadonlyMap<number, Partial<Pick<Engagement, K>>>;

export interface EngagementProviders {
  /** 👍 and 👎 made in the channel (feedback_events). */
  votes: EngagementCounter<'likes' | 'dislikes'>;
  /** People who saved the paper from this channel; absent until the reading list is wired. */
  saves?: EngagementCounter<'saves'>;
  /** Replies in the paper's discussion thread in this channel; absent until threads are wired. */
  replies?: EngagementCounter<'replies'>;
}

/** The counts a weekly digest ranks by: every paper of `paperIds` has an entry. */
export type WeeklyEngagement = (channel: Pick<Channel, 'platform' | 'channel'>, paperIds: number[], until: string) => Map<number, Engagement>;

export function combineEngagement(p: EngagementProviders): WeeklyEngagement {
  return (channel, paperIds, until) => {
    const parts = [p.votes, p.saves, p.replies].flatMap((count) => (count ? [count(channel, paperIds, until)] : []));
    return new Map(
      paperIds.map((id) => {
        const e: Engagement = { ...NO_ENGAGEMENT };
        for (const part of parts) Object.assign(e, part.get(id));
        return [id, e];
      }),
    );
  };
}
