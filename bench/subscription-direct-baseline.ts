/**
 * The subscription delivery as it was before the outbox (commit 3c0b5cf,
 * src/pipeline/deliver-subscriptions.ts), kept only as the benchmark's baseline: each subscriber's
 * message is rendered and sent at once, one subscriber after another, and its papers recorded
 * after the platform accepted it. Not crash-safe (a death between send and record repeats it).
 */
import { buildDigestModel } from '../src/core/build-digest.js';
import type { ChatPoster, Platform } from '../src/core/chat-poster.js';
import { matchSubscriptions } from '../src/core/match-subscriptions.js';
import type { PaperView } from '../src/core/paper-view.js';
import type { Topic } from '../src/core/topic.js';
import type { PaperReader } from '../src/db/paper-reader.js';
import type { SubscriptionStore } from '../src/db/subscription-store.js';
import { createTranslator } from '../src/i18n/translator.js';
import { deliveryKeys } from '../src/pipeline/plan-digest.js';

export interface BaselineDeps {
  subscriptions: SubscriptionStore;
  reader: PaperReader;
  posterFor(platform: Platform): ChatPoster;
  now: Date;
  maxPerMessage: number;
}

export async function deliverDirect(deps: BaselineDeps): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  const subs = deps.subscriptions.active();
  const since = subs.reduce((min, s) => (s.cursorAt < min ? s.cursorAt : min), subs[0]!.cursorAt);
  const papers = deps.subscriptions.newPapers(since, deps.now.toISOString());
  const matches = matchSubscriptions(subs.map((s) => ({ id: s.id, topic: JSON.parse(s.topicJson) as Topic })), papers);
  const firstSeen = new Map(papers.map((p) => [p.id, p.firstSeenAt]));
  // One subscription per subscriber in the benchmark, so each subscription is its own group.
  for (const sub of subs) {
    const candidates = (matches.get(sub.id) ?? []).filter((id) => (firstSeen.get(id) ?? '') > sub.cursorAt);
    const sent = deps.subscriptions.alreadySent(sub.id, candidates);
    const ids = candidates.filter((id) => !sent.has(id));
    if (ids.length === 0) continue;
    const poster = deps.posterFor(sub.platform);
    const loc = createTranslator(sub.locale);
    const list = ids.slice(0, deps.maxPerMessage).map((id) => deps.reader.getById(id)).filter((p): p is PaperView => !!p);
    const model = buildDigestModel(list, loc, { date: '2024-10-30', timeZone: 'UTC', totalAvailable: ids.length });
    model.title = loc.t('subscription.digest_title');
    model.intro = loc.t('subscription.digest_intro', { topics: `“${sub.topic}”`, count: ids.length });
    try {
      const channel = sub.scope === 'me' ? await poster.openDirect(sub.target) : sub.target;
      const messages = poster.render(model, 'digest');
      const keys = deliveryKeys(messages.length);
      for (const [i, m] of messages.entries()) await poster.send(channel, m, { key: keys[i]! });
      deps.subscriptions.recordMatches(sub.id, ids, deps.now.toISOString(), deps.now.toISOString());
      result.sent++;
    } catch {
      result.failed++;
    }
  }
  return result;
}
