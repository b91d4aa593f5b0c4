/**
 * Plans a cycle's subscription messages: new papers are matched against every active topic
 * subscription and ranked for every "liked" one (liked-matches.ts), and each subscriber (a user by direct message, or a channel) with matches gets
 * one message listing them, capped, in its language. The message is rendered and written to the
 * outbox together with the papers it covers (one transaction per subscriber), so what is sent
 * after a restart is exactly what was planned, and a paper is never planned twice.
 */
import { buildDigestModel } from '../core/build-digest.js';
import type { SourceLabeler } from '../core/source-label.js';
import type { ChatRenderer, Platform } from '../core/chat-poster.js';
import { matchSubscriptions } from '../core/match-subscriptions.js';
import type { PaperView } from '../core/paper-view.js';
import type { RankedPaper } from '../core/personal-ranking/rank-day.js';
import { rankReasonText } from '../core/rank-reason-text.js';
import type { Topic } from '../core/topic.js';
import { localDate } from '../core/zoned-time.js';
import type { PaperReader } from '../db/paper-reader.js';
import type { SubscriptionOutboxStore } from '../db/subscription-outbox-store.js';
import type { Subscription, SubscriptionStore } from '../db/subscription-store.js';
import { createTranslator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import { likedMatches, type LikedDeps, type LikedPick } from './liked-matches.js';
import { deliveryKeys } from './plan-digest.js';

export interface PlanSubscriptionDeps {
  subscriptions: SubscriptionStore;
  subscriptionOutbox: SubscriptionOutboxStore;
  reader: PaperReader;
  /** The renderer of the platform the message goes to (console when it has no token). */
  rendererFor(platform: Platform): ChatRenderer;
  timezone: string;
  /** Papers listed in one message; the rest are counted ("and N more"). */
  maxPerMessage: number;
  /** The human name of a source on cards; absent = a default from the name alone. */
  sourceLabel?: SourceLabeler;
  /** Ranking for "liked" subscriptions; absent = they get nothing (relevance not wired). */
  liked?: LikedDeps;
  log: Logger;
}

interface Group {
  platform: Platform;
  scope: Subscription['scope'];
  target: string;
  locale: string;
  /** `ranked`: a liked subscription's papers with the model's reasons. */
  subs: { sub: Subscription; paperIds: number[]; ranked?: Map<number, RankedPaper> }[];
}

/** Matched papers that arrived after the subscription's cursor and were never sent to it. */
function unsent(sub: Subscription, matched: number[], deps: PlanSubscriptionDeps, firstSeen: Map<number, string>): number[] {
  const candidates = matched.filter((id) => (firstSeen.get(id) ?? '') > sub.cursorAt);
  const sent = deps.subscriptions.alreadySent(sub.id, candidates);
  return candidates.filter((id) => !sent.has(id));
}

function groupMatches(subs: Subscription[], matches: Map<number, number[]>, liked: Map<number, LikedPick>, deps: PlanSubscriptionDeps, firstSeen: Map<number, string>): Group[] {
  const groups = new Map<string, Group>();
  for (const sub of subs) {
    const pick = liked.get(sub.id);
    const paperIds = pick ? pick.paperIds : sub.kind === 'topic' ? unsent(sub, matches.get(sub.id) ?? [], deps, firstSeen) : [];
    if (paperIds.length === 0) continue;
    const key = `${sub.platform}|${sub.scope}|${sub.target}`;
    const g = groups.get(key) ?? { platform: sub.platform, scope: sub.scope, target: sub.target, locale: sub.locale, subs: [] };
    g.subs.push({ sub, paperIds, ...(pick ? { ranked: pick.ranked } : {}) });
    groups.set(key, g);
  }
  return [...groups.values()];
}

function planGroup(g: Group, deps: PlanSubscriptionDeps, now: Date): number {
  const loc = createTranslator(g.locale);
  const ids = [...new Set(g.subs.flatMap((s) => s.paperIds))];
  const papers = ids.slice(0, deps.maxPerMessage).map((id) => deps.reader.getById(id)).filter((p): p is PaperView => !!p);
  const cardOptions = deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {};
  const model = buildDigestModel(papers, loc, { date: localDate(now, deps.timezone), timeZone: deps.timezone, totalAvailable: ids.length, cardOptions });
  const onlyLiked = g.subs.every((s) => s.sub.kind === 'liked');
  model.title = onlyLiked ? loc.t('subscription.liked_title', { scope: g.scope }) : loc.t('subscription.digest_title');
  const names = g.subs.map((s) => (s.sub.kind === 'liked' ? loc.t('subscription.liked_name', { scope: g.scope }) : `“${s.sub.topic}”`));
  model.intro = loc.t('subscription.digest_intro', { topics: [...new Set(names)].join(', '), count: ids.length });
  // Each paper a liked subscription picked says why, as ranked digest cards do.
  const reasons = new Map(g.subs.flatMap((s) => [...(s.ranked ?? new Map<number, RankedPaper>()).values()]).map((r) => [r.id, rankReasonText(r.reason, loc)]));
  model.papers.forEach((card, i) => {
    const reason = reasons.get(papers[i]!.id);
    if (reason) card.reason = reason;
  });
  const messages = deps.rendererFor(g.platform).render(model, 'digest');
  const keys = deliveryKeys(messages.length);
  return deps.subscriptionOutbox.plan({
    platform: g.platform,
    scope: g.scope,
    target: g.target,
    covers: g.subs.map((s) => ({ subscription: s.sub.id, papers: s.paperIds, cursorBefore: s.sub.cursorAt })),
    deliveries: messages.map((m, i) => ({ key: keys[i]!, body: m.body, ...(m.threadParent !== undefined ? { threadParent: m.threadParent } : {}), ...(m.paperIds ? { paperIds: m.paperIds } : {}) })),
    cursorAt: now.toISOString(),
    now: now.toISOString(),
  });
}

/** Plans one message per subscriber with new matches; returns how many were planned. */
export function planSubscriptionMessages(deps: PlanSubscriptionDeps, now: Date): number {
  const subs = deps.subscriptions.active();
  if (subs.length === 0) return 0;
  const since = subs.reduce((min, s) => (s.cursorAt < min ? s.cursorAt : min), subs[0]!.cursorAt);
  const papers = deps.subscriptions.newPapers(since, now.toISOString());
  const topics = subs.filter((s) => s.kind === 'topic');
  const matches = matchSubscriptions(
    topics.map((s) => ({ id: s.id, topic: JSON.parse(s.topicJson) as Topic })),
    papers,
  );
  const firstSeen = new Map(papers.map((p) => [p.id, p.firstSeenAt]));
  const liked = planLiked(subs, papers.map((p) => p.id), deps, firstSeen, now);
  let planned = 0;
  for (const g of groupMatches(subs, matches, liked, deps, firstSeen)) {
    try {
      planGroup(g, deps, now);
      planned++;
    } catch (err) {
      // One subscriber's failure (a subscription removed meanwhile, say) never stops the others; its papers wait for the next cycle.
      deps.log.error({ platform: g.platform, scope: g.scope, target: g.target, err }, 'subscription message could not be planned');
    }
  }
  return planned;
}

/** The liked subscriptions' picks; those that get nothing this cycle move past it. */
function planLiked(subs: Subscription[], paperIds: number[], deps: PlanSubscriptionDeps, firstSeen: Map<number, string>, now: Date): Map<number, LikedPick> {
  const liked = subs.filter((s) => s.kind === 'liked');
  if (liked.length === 0 || !deps.liked) return new Map<number, LikedPick>();
  const fresh = new Map(liked.map((s) => [s.id, unsent(s, paperIds, deps, firstSeen)]));
  try {
    const { picks, passed } = likedMatches(liked, fresh, deps.subscriptions, deps.liked, now);
    deps.subscriptions.advanceCursors(passed, now.toISOString());
    return picks;
  } catch (err) {
    // Ranking failed (a bug, a database error): topic subscriptions are still served; the liked ones try again next cycle.
    deps.log.error({ err }, 'liked subscriptions could not be ranked');
    return new Map<number, LikedPick>();
  }
}
