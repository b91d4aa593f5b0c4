/**
 * An empty day is told truthfully: a weekend (arXiv announced nothing), a plain day with nothing
 * new, a day whose papers the channel's filters all dropped, and — never told "nothing new" — a
 * day on which none of the channel's sources could be read: the digest waits, retries the ingest
 * within the catch-up window, posts once the sources are back, and is held at the window's end.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { channelSpec, paper, setupDigests } from './digest-setup.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

// Channels at 09:00 UTC: 04:00 in New York, so Saturday's and Sunday's windows hold only the
// Friday and Saturday evenings, on which arXiv announces nothing.
const utc = (channel: string, locale = 'en', settings = {}) => channelSpec(channel, { timezone: 'UTC', locale }, settings);
const THURSDAY = '2026-12-03T12:00:00Z';
const at = (day: string, time = '09:00:30') => `2026-12-${day}T${time}Z`;

/** A bot whose channels got Friday's digest (papers 1–2), on the simulated clock. */
async function afterFriday(channels = [utc('100000000000000001'), utc('100000000000000002', 'ko'), utc('100000000000000003', 'ja')]) {
  const { log, lines } = capturingLogger();
  const t = setupDigests(':memory:', THURSDAY, undefined, log);
  t.channels.syncFromConfig(channels, t.clock.now().toISOString());
  t.arrive(paper(1), paper(2));
  t.clock.set(at('04'));
  await t.runner.tick();
  expect(t.poster.sent).toHaveLength(channels.length);
  t.poster.sent.length = 0;
  return { ...t, lines };
}

describe('an empty day', () => {
  it('says arXiv does not announce on weekends on Saturday and Sunday, in each language', async () => {
    const t = await afterFriday();
    t.clock.set(at('05'));
    await t.runner.tick();
    expect(t.poster.sent.map((m) => m.text.split('\n').at(-1))).toEqual([
      'No new papers today — arXiv does not announce on weekends.',
      '오늘은 새 논문이 없습니다. arXiv는 주말에는 새 논문을 발표하지 않습니다.',
      '本日は新着論文がありません。arXivは土日には新しい論文を公開しません。',
    ]);
    t.clock.set(at('06'));
    await t.runner.tick();
    expect(t.poster.sent.slice(3).map((m) => m.text)).toEqual([
      expect.stringContaining('arXiv does not announce on weekends'),
      expect.stringContaining('주말에는'),
      expect.stringContaining('土日には'),
    ]);
  });

  it('says only "no new papers since the last digest" on a weekday with nothing new and the sources read', async () => {
    const t = await afterFriday([utc('100000000000000001')]);
    t.clock.set(at('05'));
    await t.runner.tick();
    t.clock.set(at('06'));
    await t.runner.tick();
    // Monday's window holds Sunday evening's announcement: an empty Monday is not a weekend.
    t.clock.set(at('07'));
    await t.runner.tick();
    const monday = t.poster.sent.at(-1)!.text;
    expect(monday).toContain('No new papers since the last digest.');
    expect(monday).not.toContain('weekend');
  });

  it('says none of the day’s papers matched the channel’s filters, with how many there were', async () => {
    const t = await afterFriday([utc('100000000000000001', 'en', { categories: ['cs.CV'] }), utc('100000000000000002', 'ja', { keywords: ['diffusion'] })]);
    t.arrive(...Array.from({ length: 12 }, (_, i) => paper(10 + i)));
    t.clock.set(at('08'));
    await t.runner.tick();
    expect(t.poster.sent.map((m) => m.text.split('\n').at(-1))).toEqual([
      'None of today’s 12 new papers matched this channel’s filters.',
      '本日の新着論文12件のうち、このチャンネルのフィルターに合う論文はありませんでした。',
    ]);
  });
});

describe('a day whose sources could not be read', () => {
  it('posts nothing, retries the ingest every 15 minutes, and posts the papers once the sources are back', async () => {
    const t = await afterFriday([utc('100000000000000001')]);
    t.failSources(true);
    t.arrive(paper(30), paper(31));
    t.clock.set(at('08'));
    const first = await t.runner.tick();
    expect(first.waiting).toEqual([{ channel: '100000000000000001', date: '2026-12-08' }]);
    expect(first.results).toEqual([]);
    expect(t.poster.sent).toEqual([]);
    expect(t.digests.get(1, '2026-12-08')).toBeUndefined();
    expect(t.holds.activeFor(1)).toMatchObject({ state: 'retrying', sources: ['arxiv'], attempts: 1, reason: expect.stringContaining('ECONNREFUSED') });

    // Before the retry interval: no ingest, no attempt.
    t.clock.set(at('08', '09:10:00'));
    expect((await t.runner.tick()).waiting).toEqual([]);
    expect(t.status.get('arxiv')!.lastRunAt).toBe(at('08').replace('Z', '.000Z'));
    t.clock.set(at('08', '09:16:00'));
    expect((await t.runner.tick()).waiting).toHaveLength(1);
    expect(t.holds.activeFor(1)!.attempts).toBe(2);

    t.failSources(false);
    t.clock.set(at('08', '09:31:00'));
    const recovered = await t.runner.tick();
    expect(recovered.results).toEqual([{ channel: '100000000000000001', date: '2026-12-08', outcome: 'sent' }]);
    expect(t.poster.sent).toHaveLength(1);
    expect(t.poster.sent[0]!.text).toContain('Paper number 30 on retrieval');
    expect(t.poster.sent[0]!.text).toContain('Paper number 31 on retrieval');
    expect(t.holds.activeFor(1)).toBeUndefined();
    expect(t.lines.filter((l) => l.level === 30 && String(l.msg).startsWith('digest waiting'))).toHaveLength(1);
    expect(t.lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it('holds the digest at the end of the catch-up window with one warning, and the next digest has every paper', async () => {
    const t = await afterFriday([utc('100000000000000001')]);
    t.failSources(true);
    t.arrive(paper(40));
    for (let minutes = 0; minutes < 6 * 60; minutes += 15) {
      t.clock.set(new Date(Date.parse(at('08', '09:00:30')) + minutes * 60_000).toISOString());
      await t.runner.tick();
    }
    expect(t.poster.sent).toEqual([]);
    t.clock.set(at('08', '15:01:00'));
    const end = await t.runner.tick();
    expect(end.held).toEqual([{ channel: '100000000000000001', date: '2026-12-08' }]);
    expect(end.missed).toEqual([]);
    expect(t.holds.activeFor(1)).toMatchObject({ state: 'held', sources: ['arxiv'], attempts: 24 });
    // Held once: later ticks neither warn again nor retry.
    t.clock.set(at('08', '18:00:00'));
    expect(await t.runner.tick()).toMatchObject({ held: [], waiting: [], results: [] });
    const warnings = t.lines.filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringContaining('digest held'), channel: '100000000000000001', date: '2026-12-08', sources: ['arxiv'] })]);
    expect(t.poster.sent).toEqual([]);

    t.failSources(false);
    t.arrive(paper(41));
    t.clock.set(at('09'));
    await t.runner.tick();
    expect(t.poster.sent).toHaveLength(1);
    expect(t.poster.sent[0]!.text).toContain('Paper number 40 on retrieval');
    expect(t.poster.sent[0]!.text).toContain('Paper number 41 on retrieval');
    expect(t.holds.activeFor(1)).toBeUndefined();
  });

  it('refuses to post on request when no source could be read, rather than post "nothing new"', async () => {
    const t = await afterFriday([utc('100000000000000001')]);
    t.failSources(true);
    t.clock.set(at('08'));
    await t.runner.tick();
    const channel = t.channels.list()[0]!;
    await expect(t.runner.postNow(channel, { date: '2026-12-09', at: t.clock.now() })).rejects.toThrow(/no source of the channel could be read \(arxiv: fetch failed/);
    expect(t.poster.sent).toEqual([]);
  });
});
