/**
 * The "liked" subscriptions' share of a subscription cycle (docs/adr/0018-liked-subscriptions.md):
 * each one's profile ranks a pool (the newest stored papers and the cycle's new ones, minus what
 * the profiles judged), and core/select-liked.ts picks the new papers it ranks high, within what
 * is left of the subscriber's local day's cap. Whose profile: a person's in the Discord server or
 * Slack workspace the subscription was made in (scope me), or the channel's (scope channel).
 */
import type { ProfileRef } from '../core/personal-ranking/profile-ref.js';
import type { RankCandidate, RankedPaper } from '../core/personal-ranking/rank-day.js';
import { LIKED_DEFAULT_CAP, LIKED_POLICY, selectLiked, topPlaces, type LikedPolicy } from '../core/select-liked.js';
import { localDate, zonedInstant } from '../core/zoned-time.js';
import type { Subscription, SubscriptionStore } from '../db/subscription-store.js';
import type { PersonalRanker } from './personal-ranker.js';

export interface LikedDeps {
  ranker: Pick<PersonalRanker, 'rankMany' | 'examples'>;
  docs: { byIds(ids: number[]): RankCandidate[]; newest(limit: number): RankCandidate[] };
  /** The zone whose local day a subscription's cap counts in. */
  zoneOf(sub: Subscription): string;
  /** Stored papers (newest first) the cycle's new papers are ranked among; default 500. */
  poolSize?: number;
  policy?: LikedPolicy;
}

/** What one liked subscription gets this cycle: papers best first, each with the model's reason. */
export type LikedPick = { paperIds: number[]; ranked: Map<number, RankedPaper> };

/** The profile a liked subscription ranks with. */
export function likedProfile(sub: Pick<Subscription, 'platform' | 'scope' | 'target' | 'guild'>): ProfileRef {
  return sub.scope === 'channel'
    ? { kind: 'channel', platform: sub.platform, channel: sub.target }
    : { kind: 'person', platform: sub.platform, workspace: sub.guild ?? '', user: sub.target };
}

/** The start of `now`'s local day in `zone`, as ISO. */
function dayStart(now: Date, zone: string): string {
  return zonedInstant(localDate(now, zone), '00:00', zone).toISOString();
}

/**
 * Picks each liked subscription's papers among `fresh` (sub id → new paper ids not yet sent).
 * A subscription that gets nothing this cycle is in `passed`: its cursor moves past the cycle, so
 * a paper is ranked for it once.
 */
export function likedMatches(subs: Subscription[], fresh: Map<number, number[]>, subscriptions: SubscriptionStore, deps: LikedDeps, now: Date): { picks: Map<number, LikedPick>; passed: number[] } {
  const picks = new Map<number, LikedPick>();
  const passed: number[] = [];
  const active = subs.filter((s) => (fresh.get(s.id)?.length ?? 0) > 0);
  passed.push(...subs.filter((s) => !active.includes(s)).map((s) => s.id));
  if (active.length === 0) return { picks, passed };
  const policy = deps.policy ?? LIKED_POLICY;
  const refs = active.map(likedProfile);
  const newIds = new Set(active.flatMap((s) => fresh.get(s.id)!));
  // Papers a profile judged are not candidates: they would take the top places they earned by being liked.
  const judged = new Set(refs.flatMap((r) => deps.ranker.examples(r).map((e) => e.doc.id)));
  const newest = deps.docs.newest(deps.poolSize ?? 500).filter((d) => !newIds.has(d.id) && !judged.has(d.id));
  const pool = [...deps.docs.byIds([...newIds]), ...newest];
  const rankings = deps.ranker.rankMany(refs, pool, topPlaces(pool.length, policy));
  active.forEach((sub, i) => {
    const ranked = rankings[i];
    const cap = sub.dailyCap ?? LIKED_DEFAULT_CAP;
    const remaining = ranked ? cap - subscriptions.sentSince(sub.id, dayStart(now, deps.zoneOf(sub))) : 0;
    const chosen = ranked ? selectLiked(ranked, new Set(fresh.get(sub.id)), remaining, policy) : [];
    if (chosen.length === 0) passed.push(sub.id);
    else picks.set(sub.id, { paperIds: chosen.map((r) => r.id), ranked: new Map(chosen.map((r) => [r.id, r])) });
  });
  return { picks, passed };
}
