/**
 * Which of a cycle's new papers a "liked" subscription gets (docs/adr/0018-liked-subscriptions.md).
 * The profile ranks a pool: the newest stored papers plus the cycle's new ones, so a cycle of three
 * papers meets the same bar as a cycle of three hundred (scores are standardized over the pool).
 * A new paper is sent when it places in the pool's top share, its score is at least a minimum
 * (a z-score), and the model gives a reason for it that a reader would accept (what the card
 * shows): a liked paper it is like, a liked author, or at least two of the profile's words. The
 * last gate is absolute: z-scores over a pool where most papers score nothing make any one shared
 * common word look exceptional. Best first, at most what is left of the day's cap.
 */
import type { RankedPaper } from './personal-ranking/rank-day.js';

export interface LikedPolicy {
  /** Share of the ranked pool a paper must place in (0.1 = the best tenth). */
  topShare: number;
  /** Lowest blended score (standardized over the pool: 1 = one deviation above its mean). */
  minScore: number;
}

export const LIKED_POLICY: LikedPolicy = { topShare: 0.1, minScore: 1 };

/** The default daily cap when neither the command nor the config names one. */
export const LIKED_DEFAULT_CAP = 5;
/** The highest daily cap a subscription may ask for. */
export const LIKED_MAX_CAP = 25;

/** How many places of a ranked pool of `size` papers count as its top part (at least one). */
export function topPlaces(size: number, policy: LikedPolicy = LIKED_POLICY): number {
  return Math.max(1, Math.ceil(size * policy.topShare));
}

/** Words of the profile a paper must share when it is like no liked paper and has no liked author. */
export const MIN_REASON_TERMS = 2;

const hasReason = (r: RankedPaper): boolean => r.reason.like !== undefined || r.reason.author !== undefined || r.reason.terms.length >= MIN_REASON_TERMS;

/**
 * `ranked`: the pool ranked by the profile, best first. `fresh`: the cycle's new papers not yet
 * sent to this subscription. `remaining`: what is left of today's cap. Returns the papers to send,
 * best first.
 */
export function selectLiked(ranked: readonly RankedPaper[], fresh: ReadonlySet<number>, remaining: number, policy: LikedPolicy = LIKED_POLICY): RankedPaper[] {
  if (remaining <= 0 || fresh.size === 0) return [];
  const picked: RankedPaper[] = [];
  for (const r of ranked.slice(0, topPlaces(ranked.length, policy))) {
    if (picked.length >= remaining) break;
    if (fresh.has(r.id) && r.score >= policy.minScore && hasReason(r)) picked.push(r);
  }
  return picked;
}
