/**
 * After every ingest: new papers are matched against every active subscription, and each
 * subscriber (a user by direct message, or a channel) gets one message for the cycle listing
 * its matches, capped, in its language. A paper is recorded for a subscription only after the
 * message reached the platform, so a failed send is retried next cycle and nothing is sent twice
 * (except if the process dies between the send and the record). A subscriber who cannot be
 * reached (blocks DMs, left, channel gone) has its subscriptions paused with the reason.
 */
import { buildDigestModel } from '../core/build-digest.js';
import { ChannelUnavailableError, type ChatPoster, type Platform } from '../core/chat-poster.js';
import { matchSubscriptions } from '../core/match-subscriptions.js';
import type { PaperView } from '../core/paper-view.js';
import type { SourceLabeler } from '../core/source-label.js';
import type { Topic } from '../core/topic.js';
import { localDate } from '../core/zoned-time.js';
import type { PaperReader } from '../db/paper-reader.js';
import type { Subscription, SubscriptionStore } from '../db/subscription-store.js';
import { createTranslator } from '../i18n/translator.js';
import type { FailureLog, Logger } from '../log.js';
import { deliveryKeys } from './plan-digest.js';

export interface SubscriptionDeps {
  subscriptions: SubscriptionStore;
  reader: PaperReader;
  posterFor(platform: Platform): ChatPoster;
  log: Logger;
  now(): Date;
  timezone: string;
  /** Papers listed in one message; the rest are counted ("and N more"). */
  maxPerMessage: number;
  /** Kept across cycles, so a subscriber that keeps failing is logged once (a warn per cycle otherwise). */
  failures?: FailureLog;
  /** The human name of a source on cards; absent = a default from the name alone. */
  sourceLabel?: SourceLabeler;
}

interface Group {
  platform: Platform;
  scope: Subscription['scope'];
  target: string;
  locale: string;
  subs: { sub: Subscription; paperIds: number[] }[];
}

function groupMatches(subs: Subscription[], matches: Map<number, number[]>, deps: SubscriptionDeps, firstSeen: Map<number, string>): Group[] {
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

async function deliver(g: Group, deps: SubscriptionDeps, now: Date): Promise<'sent' | 'paused' | 'failed'> {
  const poster = deps.posterFor(g.platform);
  const loc = createTranslator(g.locale);
  const ids = [...new Set(g.subs.flatMap((s) => s.paperIds))];
  const papers = ids.slice(0, deps.maxPerMessage).map((id) => deps.reader.getById(id)).filter((p): p is PaperView => !!p);
  const cardOptions = deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {};
  const model = buildDigestModel(papers, loc, { date: localDate(now, deps.timezone), timeZone: deps.timezone, totalAvailable: ids.length, cardOptions });
  model.title = loc.t('subscription.digest_title');
  model.intro = loc.t('subscription.digest_intro', { topics: g.subs.map((s) => `“${s.sub.topic}”`).join(', '), count: ids.length });
  try {
    const channel = g.scope === 'me' ? await poster.openDirect(g.target) : g.target;
    const messages = poster.render(model, 'digest');
    const keys = deliveryKeys(messages.length);
    for (const [i, m] of messages.entries()) await poster.send(channel, m, { key: keys[i]! });
  } catch (err) {
    if (err instanceof ChannelUnavailableError) {
      deps.subscriptions.pauseTarget(g.platform, g.scope, g.target, err.reason, now.toISOString());
      deps.log.warn({ platform: g.platform, scope: g.scope, target: g.target, reason: err.reason }, 'subscriber unreachable; subscriptions paused');
      return 'paused';
    }
    const message = err instanceof Error ? err.message : String(err);
    const context = { platform: g.platform, scope: g.scope, target: g.target };
    if (deps.failures) deps.failures.failed(`${g.platform}:${g.scope}:${g.target}`, context, message, 'subscription message failed; will retry next cycle');
    else deps.log.warn({ ...context, err: message }, 'subscription message failed; will retry next cycle');
    return 'failed';
  }
  for (const s of g.subs) deps.subscriptions.recordMatches(s.sub.id, s.paperIds, now.toISOString(), now.toISOString());
  deps.failures?.succeeded(`${g.platform}:${g.scope}:${g.target}`, { platform: g.platform, scope: g.scope, target: g.target }, 'subscription message sent again');
  return 'sent';
}

/** One cycle: returns how many subscribers were sent a message, paused, or failed. */
export async function deliverSubscriptions(deps: SubscriptionDeps): Promise<{ sent: number; paused: number; failed: number }> {
  const result = { sent: 0, paused: 0, failed: 0 };
  const subs = deps.subscriptions.active();
  if (subs.length === 0) return result;
  const now = deps.now();
  const since = subs.reduce((min, s) => (s.cursorAt < min ? s.cursorAt : min), subs[0]!.cursorAt);
  const papers = deps.subscriptions.newPapers(since, now.toISOString());
  const matches = matchSubscriptions(
    subs.map((s) => ({ id: s.id, topic: JSON.parse(s.topicJson) as Topic })),
    papers,
  );
  const firstSeen = new Map(papers.map((p) => [p.id, p.firstSeenAt]));
  for (const g of groupMatches(subs, matches, deps, firstSeen)) result[await deliver(g, deps, now)]++;
  return result;
}
