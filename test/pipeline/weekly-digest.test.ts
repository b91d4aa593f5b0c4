/**
 * Weekly digests through the digest runner on a simulated clock: posted at the channel's weekday
 * and time, once per ISO week however often the clock ticks, beside the daily digest for
 * `cadence: both`, ranked by the channel's 👍 with the counts on the cards, missed past the
 * catch-up window, and resumed from the outbox after a crash.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/zoned-time.js';
import { createFeedbackStore } from '../../src/db/feedback-store.js';
import { channelSpec, paper, setupDigests } from './digest-setup.js';

const WEEKLY = { cadence: 'weekly' as const, weekly: { weekday: 'mon' as const, time: '09:00' } };

type Setup = ReturnType<typeof setupDigests>;
const open: Setup[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.db.close();
});

function setup(settings: object, startAt = '2024-10-27T12:00:00Z', file?: string): Setup {
  const t = setupDigests(file, startAt);
  open.push(t);
  t.channels.syncFromConfig([channelSpec('100000000000000001', { timezone: 'Asia/Seoul' }, settings)], startAt);
  return t;
}

/** A week of papers (one a day, Monday 28 October to Sunday 3 November in Seoul), votes rising with n. */
function storeWeek(t: Setup): number[] {
  const ids: number[] = [];
  for (let n = 1; n <= 7; n++) {
    t.clock.set(`${addDays('2024-10-27', n)}T03:00:00Z`);
    t.store(paper(n, n * 10));
    ids.push(t.db.prepare('SELECT id FROM papers WHERE key = ?').pluck().get(`arxiv:2410.${20000 + n}`) as number);
  }
  return ids;
}

function like(t: Setup, paperId: number, actor: string, value: 1 | -1 = 1, at = '2024-11-02T00:00:00Z') {
  createFeedbackStore(t.db).record({ platform: 'discord', workspace: 'g', channel: '100000000000000001', actor, paperId, value, origin: 'button', at });
}

describe('weekly digests', () => {
  it('posts a weekly channel’s digest at its weekday and time, once per ISO week, and no daily digest', async () => {
    const t = setup(WEEKLY);
    storeWeek(t);
    // Monday 4 November 08:59 in Seoul: not yet.
    expect((await t.runner.tick()).results).toEqual([]);
    t.clock.set('2024-11-03T23:59:00Z');
    expect((await t.runner.tick()).results).toEqual([]);
    t.clock.set('2024-11-04T00:00:00Z');
    const [first, again] = await Promise.all([t.runner.tick(), t.runner.tick()]);
    expect(first.results).toEqual([{ channel: '100000000000000001', date: '2024-W45', kind: 'weekly', outcome: 'sent' }]);
    expect(again).toBe(first);
    t.clock.set('2024-11-04T05:00:00Z');
    expect((await t.runner.tick()).results).toEqual([]);
    expect(t.poster.sent).toHaveLength(1);
    expect(t.poster.sent[0]!.text).toMatch(/^📰 Weekly Papers — Oct 28, 2024 – Nov 4, 2024\n7 new papers this week/);
    const row = t.digests.getWeekly(t.channels.list()[0]!.id, '2024-W45')!;
    expect([row.kind, row.period, row.local_date, row.state, row.paper_count]).toEqual(['weekly', '2024-W45', '2024-11-04', 'sent', 7]);
    expect(t.db.prepare("SELECT count(*) FROM digests WHERE kind = 'daily'").pluck().get()).toBe(0);
  });

  it('ranks the week by the channel’s 👍 first, then votes, and says so on each card', async () => {
    const t = setup(WEEKLY);
    const ids = storeWeek(t);
    // Paper 2 (20 votes): three 👍 and a 👎; paper 5: one 👍 taken back by the same person.
    for (const actor of ['a', 'b', 'c']) like(t, ids[1]!, actor);
    like(t, ids[1]!, 'd', -1);
    like(t, ids[4]!, 'a');
    like(t, ids[4]!, 'a', -1, '2024-11-02T01:00:00Z');
    // A 👍 after the slot does not count for this week.
    like(t, ids[0]!, 'late', 1, '2024-11-04T00:00:01Z');
    t.clock.set('2024-11-04T00:00:00Z');
    await t.runner.tick();
    const text = t.poster.sent[0]!.text;
    const order = [...text.matchAll(/Paper number (\d)/g)].map((m) => Number(m[1]));
    // Paper 2 (net +2) first; then by votes (7 … 3, 1); paper 5 (net −1) last.
    expect(order).toEqual([2, 7, 6, 4, 3, 1, 5]);
    expect(text).toContain('3 👍, 1 👎');
    expect(text).toContain('→ 1 👎');
    expect(text).not.toContain('→ 1 👍');
  });

  it('posts both the daily and the weekly digest on the same date for cadence both, with the week’s papers even if the daily one had them', async () => {
    const t = setup({ cadence: 'both', weekly: { weekday: 'mon', time: '09:00' } }, '2024-11-02T12:00:00Z');
    t.clock.set('2024-11-03T03:00:00Z');
    t.store(paper(1), paper(2));
    t.clock.set('2024-11-04T00:00:00Z');
    const report = await t.runner.tick();
    expect(report.results.map((r) => [r.date, r.kind ?? 'daily', r.outcome]).sort()).toEqual([
      ['2024-11-04', 'daily', 'sent'],
      ['2024-W45', 'weekly', 'sent'],
    ]);
    const texts = t.poster.sent.map((s) => s.text.split('\n')[0]);
    expect(texts.sort()).toEqual(['📰 Daily Papers — Monday, November 4, 2024', '📰 Weekly Papers — Oct 28, 2024 – Nov 4, 2024']);
    for (const s of t.poster.sent) expect(s.text).toContain('Paper number 1');
  });

  it('records a weekly digest missed when the bot comes back past the catch-up window, and posts the next week', async () => {
    const t = setup(WEEKLY);
    storeWeek(t);
    t.clock.set('2024-11-04T07:00:00Z');
    const report = await t.runner.tick();
    expect(report.missed).toEqual([{ channel: '100000000000000001', date: '2024-W45', kind: 'weekly' }]);
    expect(t.poster.sent).toEqual([]);
    t.clock.set('2024-11-11T00:00:00Z');
    expect((await t.runner.tick()).results).toEqual([{ channel: '100000000000000001', date: '2024-W46', kind: 'weekly', outcome: 'sent' }]);
  });

  it('resumes a weekly digest planned before a crash from the outbox, without planning it again', async () => {
    const t = setup({ ...WEEKLY, layout: 'thread' });
    storeWeek(t);
    t.clock.set('2024-11-04T00:00:00Z');
    t.poster.failNext({ transient: 'socket hang up' });
    expect((await t.runner.tick()).results[0]).toMatchObject({ date: '2024-W45', outcome: 'pending' });
    const planned = t.db.prepare('SELECT count(*) FROM deliveries').pluck().get();
    t.clock.set('2024-11-04T00:01:00Z');
    expect((await t.runner.tick()).results).toEqual([{ channel: '100000000000000001', date: '2024-W45', kind: 'weekly', outcome: 'sent' }]);
    expect(t.db.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBe(planned);
    expect(t.db.prepare("SELECT count(*) FROM digests WHERE kind = 'weekly'").pluck().get()).toBe(1);
  });
});
