/**
 * The order of a weekly digest: first what the channel's members did with a paper (liked, saved,
 * discussed), then the channel's relevance profile, then votes. Pure: the counts come from the
 * stores (pipeline/weekly-engagement.ts), the profile scores from the personal ranker.
 */
import { comparePapers, type Candidate } from './select-papers.js';
import type { Localizer } from './translate.js';

/** What a channel's members did with one paper up to a weekly digest's slot. */
export interface Engagement {
  /** People whose latest vote on it in the channel is 👍 … */
  likes: number;
  /** … or 👎. */
  dislikes: number;
  /** People who saved it to their reading list from the channel. */
  saves: number;
  /** Replies in the paper's discussion thread in the channel (0 without a thread). */
  replies: number;
}

export const NO_ENGAGEMENT: Engagement = { likes: 0, dislikes: 0, saves: 0, replies: 0 };

/**
 * One number per paper: a 👍 and a save count 1 each, a 👎 −1, a reply in its thread ½ — a
 * discussion is a few people talking, each reply a weaker signal than a deliberate click.
 */
export function engagementScore(e: Engagement): number {
  return e.likes - e.dislikes + e.saves + e.replies / 2;
}

/**
 * Best first: engagement score, then the profile's score (papers it ranked above those it did
 * not), then the channel's usual order (votes, date). `profile` maps paper id → score. Input
 * already in votes order (what the runner shares between channels) sorts in about linear time:
 * most papers of a week have no engagement, and the sort is stable.
 */
export function rankWeekly(candidates: Candidate[], engagement: ReadonlyMap<number, Engagement>, profile?: ReadonlyMap<number, number>): Candidate[] {
  const fallback = comparePapers('votes');
  const score = (c: Candidate): number => {
    const e = engagement.get(c.id);
    return e ? engagementScore(e) : 0;
  };
  if (!profile) {
    // Without a profile: the few papers with engagement around the many without, which keep their order.
    const up: Candidate[] = [];
    const none: Candidate[] = [];
    const down: Candidate[] = [];
    for (const c of candidates) {
      const s = score(c);
      (s > 0 ? up : s < 0 ? down : none).push(c);
    }
    const byScore = (a: Candidate, b: Candidate): number => score(b) - score(a) || fallback(a, b);
    if (!inOrder(none, fallback)) none.sort(fallback);
    return [...up.sort(byScore), ...none, ...down.sort(byScore)];
  }
  const rows = candidates.map((c) => ({ c, score: score(c), profile: profile.get(c.id) }));
  const byProfile = (x: number | undefined, y: number | undefined): number => {
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    return y - x;
  };
  rows.sort((a, b) => b.score - a.score || byProfile(a.profile, b.profile) || fallback(a.c, b.c));
  return rows.map((r) => r.c);
}

function inOrder(list: Candidate[], compare: (a: Candidate, b: Candidate) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/** The counts line of a weekly card ("5 👍, 2 saves, thread with 12 replies"); undefined when nobody did anything. */
export function engagementText(e: Engagement, loc: Localizer): string | undefined {
  const parts = [
    e.likes > 0 ? loc.t('weekly.likes', { count: e.likes }) : '',
    e.dislikes > 0 ? loc.t('weekly.dislikes', { count: e.dislikes }) : '',
    e.saves > 0 ? loc.t('weekly.saves', { count: e.saves }) : '',
    e.replies > 0 ? loc.t('weekly.replies', { count: e.replies }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(loc.t('weekly.separator')) : undefined;
}
