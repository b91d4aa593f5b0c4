import { describe, expect, it } from 'vitest';
import { channelSpec, paper, setupDigests } from './digest-setup.js';

const SLOT = '2024-10-30T00:00:00Z';

function threadSetup() {
  const t = setupDigests();
  t.channels.syncFromConfig(
    [channelSpec('111111111111111111', {}, { layout: 'thread' }), channelSpec('222222222222222222')],
    t.clock.now().toISOString(),
  );
  t.store(paper(1), paper(2), paper(3));
  t.clock.set(SLOT);
  return t;
}

describe('digest delivery', () => {
  it('posts a thread layout as a header and one reply per paper under it', async () => {
    const t = threadSetup();
    await t.runner.tick();
    const mine = t.poster.sent.filter((s) => s.channel === '111111111111111111');
    expect(mine).toHaveLength(4);
    expect(mine.slice(1).every((s) => s.threadOf === mine[0]!.messageId)).toBe(true);
  });

  it('isolates a channel that fails permanently and marks it failing with the reason', async () => {
    const t = threadSetup();
    t.poster.failNext({ permanent: 'missing_access' });
    const report = await t.runner.tick();
    expect(report.results.find((r) => r.channel === '111111111111111111')?.outcome).toBe('failed');
    expect(report.results.find((r) => r.channel === '222222222222222222')?.outcome).toBe('sent');
    expect(t.channels.find('111111111111111111')?.failingReason).toBe('missing_access');
    expect(t.poster.sent.filter((s) => s.channel === '222222222222222222')).toHaveLength(1);
  });

  it('clears the failing mark when the channel works again the next day', async () => {
    const t = threadSetup();
    t.poster.failNext({ permanent: 'missing_access' });
    await t.runner.tick();
    t.store(paper(9));
    t.clock.set('2024-10-31T00:00:00Z');
    await t.runner.tick();
    expect(t.channels.find('111111111111111111')?.failingReason).toBeNull();
  });

  it('gives the papers of a failed digest to the next one once the channel works again', async () => {
    const t = threadSetup();
    t.poster.failNext({ permanent: 'missing_access' });
    await t.runner.tick();
    t.clock.set('2024-10-31T00:00:00Z');
    await t.runner.tick();
    const mine = t.poster.sent.filter((s) => s.channel === '111111111111111111');
    expect(mine.map((s) => s.text).join('\n')).toContain('Paper number 1 on retrieval');
    expect(mine).toHaveLength(4);
  });

  it('resumes after a transient error where it stopped, sending nothing twice', async () => {
    const t = threadSetup();
    t.poster.failNext({ transient: 'HTTP 503' });
    await t.runner.tick();
    t.clock.set('2024-10-30T00:01:00Z');
    await t.runner.tick();
    const keys = t.poster.sent.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(t.poster.sent.filter((s) => s.channel === '111111111111111111')).toHaveLength(4);
    expect(t.digests.get(1, '2024-10-30')?.state).toBe('sent');
  });

  it('after a crash mid-send, finds the message already posted instead of posting it again', async () => {
    const t = threadSetup();
    await t.runner.tick();
    // Rewind: the process died after the platform accepted message 2 but before it was marked sent.
    const digest = t.digests.get(1, '2024-10-30')!;
    const d2 = t.digests.deliveries(digest.id)[2]!;
    t.db.prepare("UPDATE deliveries SET state = 'sending', claimed_by = 'dead-host:42', message_id = NULL WHERE id = ?").run(d2.id);
    t.db.prepare("UPDATE deliveries SET state = 'planned', message_id = NULL WHERE digest_id = ? AND seq = 3").run(digest.id);
    t.db.prepare("UPDATE digests SET state = 'planned' WHERE id = ?").run(digest.id);
    const sentBefore = t.poster.sent.length;
    t.poster.sent.splice(t.poster.sent.findIndex((s) => s.key === t.digests.deliveries(digest.id)[3]!.key), 1);
    await t.runner.tick();
    expect(t.poster.findSentCalls).toEqual([d2.key]);
    const mine = t.poster.sent.filter((s) => s.channel === '111111111111111111').map((s) => s.key);
    expect(mine).toHaveLength(4);
    expect(new Set(mine).size).toBe(4);
    expect(t.poster.sent.length).toBe(sentBefore);
    expect(t.digests.get(1, '2024-10-30')?.state).toBe('sent');
  });

  it('re-sends a message whose crashed attempt never reached the platform', async () => {
    const t = threadSetup();
    await t.runner.tick();
    const digest = t.digests.get(1, '2024-10-30')!;
    const last = t.digests.deliveries(digest.id).at(-1)!;
    t.db.prepare("UPDATE deliveries SET state = 'sending', claimed_by = 'dead-host:42', message_id = NULL WHERE id = ?").run(last.id);
    t.db.prepare("UPDATE digests SET state = 'planned' WHERE id = ?").run(digest.id);
    t.poster.sent.splice(t.poster.sent.findIndex((s) => s.key === last.key), 1);
    await t.runner.tick();
    expect(t.poster.sent.filter((s) => s.key === last.key)).toHaveLength(1);
  });

  it('leaves a message claimed by a live process alone', async () => {
    const t = threadSetup();
    await t.runner.tick();
    const digest = t.digests.get(1, '2024-10-30')!;
    const last = t.digests.deliveries(digest.id).at(-1)!;
    t.db.prepare("UPDATE deliveries SET state = 'sending', claimed_by = 'test-host:1', message_id = NULL WHERE id = ?").run(last.id);
    t.db.prepare("UPDATE digests SET state = 'planned' WHERE id = ?").run(digest.id);
    const before = t.poster.sent.length;
    // The setup's isAbandoned says 'test-host:1' is alive: its send may still be in flight.
    await t.runner.tick();
    expect(t.poster.sent.length).toBe(before);
    expect(t.poster.findSentCalls).toEqual([]);
    expect(t.digests.get(1, '2024-10-30')?.state).toBe('planned');
  });
});
