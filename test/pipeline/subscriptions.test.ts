import { describe, expect, it } from 'vitest';
import { parseTopic, topicKey } from '../../src/core/topic.js';
import { createSubscriptionStore } from '../../src/db/subscription-store.js';
import { pino } from 'pino';
import { createFailureLog, silentLogger } from '../../src/log.js';
import { openStores } from '../../src/main.js';
import { deliverSubscriptions } from '../../src/pipeline/deliver-subscriptions.js';
import { createRecordingPoster } from '../fakes/recording-poster.js';
import { paper } from './digest-setup.js';

function setup() {
  const stores = openStores(':memory:');
  const subscriptions = createSubscriptionStore(stores.db);
  const poster = createRecordingPoster();
  let now = new Date('2024-10-30T00:00:00Z');
  const deps = { subscriptions, reader: stores.reader, posterFor: () => poster, log: silentLogger(), now: () => now, timezone: 'Asia/Seoul', maxPerMessage: 2 };
  const subscribe = (text: string, scope: 'me' | 'channel', target: string, locale = 'en') => {
    const topic = parseTopic(text);
    subscriptions.add({ platform: 'discord', scope, target, topic: topicKey(topic), topicJson: JSON.stringify(topic), locale, createdBy: 'u1', now: now.toISOString() });
  };
  const ingest = (...entries: Parameters<typeof paper>[]) => stores.ingest.applyEntries('arxiv', 'arxiv-rss', entries.map((e) => paper(...e)), now.toISOString());
  const advance = (iso: string) => (now = new Date(iso));
  return { stores, subscriptions, poster, deps, subscribe, ingest, advance };
}

describe('subscription delivery', () => {
  it('sends each subscriber one message per cycle with its matches, capped with "and N more"', async () => {
    const t = setup();
    t.subscribe('robot', 'me', 'user-1');
    t.subscribe('cat:cs.RO', 'me', 'user-1');
    t.subscribe('retrieval -survey', 'channel', 'chan-1', 'ko');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot learning', categories: ['cs.RO'] }], [2, 1, { title: 'Robots at home', categories: ['cs.RO'] }], [3, 1, { title: 'Robotic hands', categories: ['cs.RO'] }], [4, 1, { title: 'A survey of retrieval' }]);
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 2, paused: 0, failed: 0 });
    const dm = t.poster.sent.filter((s) => s.channel === 'dm-user-1');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.text).toContain('Robot learning');
    expect(dm[0]!.text).toMatch(/1 more/);
    const channel = t.poster.sent.filter((s) => s.channel === 'chan-1');
    expect(channel[0]!.text).toMatch(/[가-힣]/);
    expect(channel[0]!.text).not.toContain('A survey of retrieval');
  });

  it('never sends the same paper twice, and only papers that arrived after the subscription', async () => {
    const t = setup();
    t.ingest([1, 1, { title: 'Old robot paper' }]);
    t.advance('2024-10-30T00:30:00Z');
    t.subscribe('robot', 'me', 'user-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([2, 1, { title: 'New robot paper' }]);
    await deliverSubscriptions(t.deps);
    t.advance('2024-10-30T02:00:00Z');
    t.ingest([2, 9, { title: 'New robot paper' }]);
    await deliverSubscriptions(t.deps);
    expect(t.poster.sent).toHaveLength(1);
    expect(t.poster.sent[0]!.text).not.toContain('Old robot paper');
  });

  it('retries next cycle after a transient failure, sending the paper once', async () => {
    const t = setup();
    t.subscribe('robot', 'channel', 'chan-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    t.poster.failNext({ transient: 'HTTP 503' });
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 0, paused: 0, failed: 1 });
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 0, paused: 0, failed: 0 });
    expect(t.poster.sent).toHaveLength(1);
  });

  it('logs a subscriber that keeps failing once, then its recovery', async () => {
    const t = setup();
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
    const deps = { ...t.deps, log, failures: createFailureLog(log, 'warn') };
    t.subscribe('robot', 'channel', 'chan-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    for (let i = 0; i < 3; i++) t.poster.failNext({ transient: 'HTTP 503' });
    for (let i = 0; i < 4; i++) await deliverSubscriptions(deps);
    expect(t.poster.sent).toHaveLength(1);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'subscription message failed; will retry next cycle'],
      [20, 'subscription message failed; will retry next cycle (again)'],
      [20, 'subscription message failed; will retry next cycle (again)'],
      [30, 'subscription message sent again'],
    ]);
    expect(lines[0]).toMatchObject({ platform: 'discord', scope: 'channel', target: 'chan-1', err: 'HTTP 503' });
  });

  it('pauses the subscriptions of a user who cannot be messaged, and nothing else breaks', async () => {
    const t = setup();
    t.subscribe('robot', 'me', 'user-1');
    t.subscribe('robot', 'channel', 'chan-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    t.poster.failNext({ permanent: 'cannot_dm' });
    const result = await deliverSubscriptions(t.deps);
    expect(result.paused).toBe(1);
    expect(result.sent).toBe(1);
    expect(t.subscriptions.list('discord', 'me', 'user-1')[0]?.pausedReason).toBe('cannot_dm');
    expect(t.subscriptions.active().map((s) => s.target)).toEqual(['chan-1']);
  });
});
