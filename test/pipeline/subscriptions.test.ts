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
  const deps = {
    subscriptions, subscriptionOutbox: stores.subscriptionOutbox, outbox: stores.outbox, reader: stores.reader, posterFor: () => poster,
    log: silentLogger(), now: () => now, timezone: 'Asia/Seoul', maxPerMessage: 2, concurrency: 4,
    owner: 'here:1', isAbandoned: (owner: string) => owner.startsWith('gone:'),
  };
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

  it('plans the message and its papers in the outbox before sending; after a lost answer the next cycle finds the message instead of sending it again', async () => {
    const t = setup();
    t.subscribe('robot', 'me', 'user-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    const send = t.poster.send.bind(t.poster);
    // The platform posts the message, but its answer never arrives.
    t.poster.send = async (...args) => {
      await send(...args);
      throw new Error('socket hang up');
    };
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 0, paused: 0, failed: 1 });
    const [message] = t.stores.subscriptionOutbox.unfinished();
    expect(message).toMatchObject({ platform: 'discord', scope: 'me', target: 'user-1', conversation: 'dm-user-1', state: 'planned' });
    const [delivery] = t.stores.subscriptionOutbox.deliveries(message!.id);
    expect(delivery).toMatchObject({ state: 'sending', claimed_by: null, attempts: 1, digest_id: null, subscription_message_id: message!.id });
    expect(t.subscriptions.alreadySent(t.subscriptions.active()[0]!.id, [1, 2]).size).toBe(1);

    t.poster.send = send;
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(t.poster.findSentCalls).toEqual([delivery!.key]);
    expect(t.poster.sent.map((s) => [s.channel, s.key])).toEqual([['dm-user-1', delivery!.key]]);
    expect(t.stores.subscriptionOutbox.get(message!.id)?.state).toBe('sent');
    expect(t.stores.outbox.get(delivery!.id)).toMatchObject({ state: 'sent', message_id: t.poster.sent[0]!.messageId });
  });

  it("resumes a message claimed by a process that died, looking in the subscriber's DM conversation first", async () => {
    const t = setup();
    t.subscribe('robot', 'me', 'user-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    const stopped = { ...t.deps, stopping: () => true };
    await deliverSubscriptions({ ...stopped, stopping: () => false, concurrency: 0 });
    const [message] = t.stores.subscriptionOutbox.unfinished();
    t.stores.subscriptionOutbox.setConversation(message!.id, 'dm-user-1');
    const [delivery] = t.stores.subscriptionOutbox.deliveries(message!.id);
    expect(t.stores.outbox.claim(delivery!.id, 'gone:42', '2024-10-30T01:00:00Z', () => false)).toEqual({ recovering: false });
    expect(await deliverSubscriptions(stopped)).toEqual({ sent: 0, paused: 0, failed: 0 });
    expect(t.poster.sent).toEqual([]);

    t.advance('2024-10-30T02:00:00Z');
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(t.poster.findSentCalls).toEqual([delivery!.key]);
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['dm-user-1']);
    expect(t.stores.outbox.get(delivery!.id)?.attempts).toBe(2);
  });

  it('gives the papers of a paused subscriber back, so they are sent once it is resumed', async () => {
    const t = setup();
    t.subscribe('robot', 'me', 'user-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    t.poster.failNext({ permanent: 'cannot_dm' });
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 0, paused: 1, failed: 0 });
    const [sub] = t.subscriptions.list('discord', 'me', 'user-1');
    expect(sub).toMatchObject({ pausedReason: 'cannot_dm', cursorAt: '2024-10-30T00:00:00.000Z' });
    expect(t.subscriptions.alreadySent(sub!.id, [1]).size).toBe(0);
    t.stores.db.prepare('UPDATE subscriptions SET paused_reason = NULL').run();
    t.advance('2024-10-30T02:00:00Z');
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(t.poster.sent[0]!.text).toContain('Robot arms');
  });

  it("opens a user's DM channel once, not every cycle", async () => {
    const t = setup();
    const opened: string[] = [];
    const open = t.poster.openDirect.bind(t.poster);
    t.poster.openDirect = async (user) => {
      opened.push(user);
      return open(user);
    };
    t.subscribe('robot', 'me', 'user-1');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    await deliverSubscriptions(t.deps);
    t.advance('2024-10-30T02:00:00Z');
    t.ingest([2, 1, { title: 'Robot legs' }]);
    await deliverSubscriptions(t.deps);
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['dm-user-1', 'dm-user-1']);
    expect(opened).toEqual(['user-1']);
  });

  it('a subscriber whose message cannot be planned does not stop the others', async () => {
    const t = setup();
    t.subscribe('robot', 'channel', 'chan-1');
    t.subscribe('robot', 'channel', 'chan-2');
    t.advance('2024-10-30T01:00:00Z');
    t.ingest([1, 1, { title: 'Robot arms' }]);
    // chan-1's subscription disappears between matching and planning (its papers row would violate the foreign key).
    const doomed = t.subscriptions.list('discord', 'channel', 'chan-1')[0]!.id;
    const active = t.subscriptions.active.bind(t.subscriptions);
    t.subscriptions.active = () => {
      const list = active();
      t.stores.db.pragma('foreign_keys = OFF');
      t.stores.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(doomed);
      t.stores.db.pragma('foreign_keys = ON');
      return list;
    };
    expect(await deliverSubscriptions(t.deps)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['chan-2']);
  });
});
