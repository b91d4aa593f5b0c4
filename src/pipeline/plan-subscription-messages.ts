/**
 * Plans a cycle's subscription messages: new papers are matched against every active
 * subscription, and each subscriber (a user by direct message, or a channel) with matches gets
 * one message listing them, capped, in its language. The message is rendered and written to the
 * outbox together with the papers it covers (one transaction per subscriber), so what is sent
 * after a restart is exactly what was planned, and a paper is never planned twice.
 */
import { buildDigestModel } from '../core/build-digest.js';
import type { SourceLabeler } from '../core/source-label.js';
import type { ChatRenderer, Platform } from '../core/chat-poster.js';
import { matchSubscriptions } from '../core/match-subscriptions.js';
import type { PaperView } from '../core/paper-view.js';
import type { Topic } from '../core/topic.js';
import { localDate } from '../core/zoned-time.js';
import type { PaperReader } from '../db/paper-reader.js';
import type { SubscriptionOutboxStore } from '../db/subscription-outbox-store.js';
import type { Subscription, SubscriptionStore } from '../db/subscription-store.js';
import { createTranslator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
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
  log: Logger;
}

interface Group {
  platform: Platform;
  scope: Subscription['scope'];
  target: string;
  locale: string;
  subs: { sub: Subscription; paperIds: number[] }[];
}

function groupMatches(subs: Subscription[], matches: Map<number, number[]>, deps: PlanSubscriptionDeps, firstSeen: Map<number, string>): Group[] {
  const groups = new Map<string, Group>();
  for (const sub of subs) {
    const candidates = (matches.get(sub.id) ?? []).filter((id) => (firstSeen.get(id) ?? '') > sub.cursorAt);
    const sent = deps.subscriptions.alreadySent(sub.id, candidates);
    const paperIds = candidates.filter((id) => !sent.has(id));
    if (paperIds.length === 0) continue;
    const key = `${sub.platform}|${sub.scope}|${sub.target}`;
    const g = groups.get(key) ?? { platform: sub.platform, scope: sub.scope, target: sub.target, locale: sub.locale, subs: [] };
    g.subs.push({ sub, paperIds });
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
  model.title = loc.t('subscription.digest_title');
  model.intro = loc.t('subscription.digest_intro', { topics: g.subs.map((s) => `“${s.sub.topic}”`).join(', '), count: ids.length });
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
  const matches = matchSubscriptions(
    subs.map((s) => ({ id: s.id, topic: JSON.parse(s.topicJson) as Topic })),
    papers,
  );
  const firstSeen = new Map(papers.map((p) => [p.id, p.firstSeenAt]));
  let planned = 0;
  for (const g of groupMatches(subs, matches, deps, firstSeen)) {
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
