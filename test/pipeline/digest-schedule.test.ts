import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelSpec, paper, setupDigests } from './digest-setup.js';

const SEOUL_0900_OCT30 = '2024-10-30T00:00:00Z';

describe('digest schedule', () => {
  it('posts nothing before the first slot, then one digest with the papers that arrived', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.store(paper(1), paper(2));
    expect((await t.runner.tick()).results).toEqual([]);
    t.clock.set('2024-10-30T00:00:30Z');
    const report = await t.runner.tick();
    expect(report.results).toEqual([{ channel: '111111111111111111', date: '2024-10-30', outcome: 'sent' }]);
    expect(t.poster.sent).toHaveLength(1);
    expect(t.poster.sent[0]!.text).toContain('Paper number 2 on retrieval');
    expect(t.poster.sent[0]!.text).toContain('Paper number 1 on retrieval');
  });

  it('does not post the archive that a source brings along the first time (a folder of old digest days) as news', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    // One batch: two papers of today's digest and, from the archive, three from two weeks ago with far more votes.
    t.store(paper(1, 5, { announcedOn: '2024-10-29' }), paper(2, 4, { announcedOn: '2024-10-29' }), ...[3, 4, 5].map((n) => paper(n, 500, { announcedOn: '2024-10-15' })));
    t.clock.set('2024-10-30T00:00:00Z');
    await t.runner.tick();
    expect(t.poster.sent).toHaveLength(1);
    const text = t.poster.sent[0]!.text;
    expect(text).toContain('Paper number 1 on retrieval');
    expect(text).toContain('Paper number 2 on retrieval');
    for (const n of [3, 4, 5]) expect(text).not.toContain(`Paper number ${n} on retrieval`);
    // Stored all the same, dated on their own day.
    const firstSeen = t.db.prepare("SELECT first_seen_at FROM papers WHERE arxiv_id = '2410.20003'").pluck().get();
    expect(firstSeen).toBe('2024-10-15T23:59:59.999Z');
  });

  it('never sends the same paper twice to a channel, and the next day has only what arrived since', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.store(paper(1));
    t.clock.set('2024-10-30T00:01:00Z');
    await t.runner.tick();
    t.clock.set('2024-10-30T10:00:00Z');
    t.store(paper(1, 50), paper(2)); // paper 1 again (more votes), paper 2 new
    t.clock.set('2024-10-31T00:01:00Z');
    await t.runner.tick();
    expect(t.poster.sent).toHaveLength(2);
    expect(t.poster.sent[1]!.text).toContain('Paper number 2');
    expect(t.poster.sent[1]!.text).not.toContain('Paper number 1 ');
  });

  it('sends one digest per local date however often the clock ticks', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.store(paper(1));
    for (const at of ['2024-10-30T00:00:00Z', '2024-10-30T00:01:00Z', '2024-10-30T05:00:00Z', '2024-10-30T14:59:00Z']) {
      t.clock.set(at);
      await Promise.all([t.runner.tick(), t.runner.tick()]);
    }
    expect(t.poster.sent).toHaveLength(1);
  });

  it('sends one digest when two processes share the database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-two-')), 'db.sqlite');
    const a = setupDigests(file);
    a.channels.syncFromConfig([channelSpec('111111111111111111')], a.clock.now().toISOString());
    a.store(paper(1));
    const b = setupDigests(file);
    a.clock.set(SEOUL_0900_OCT30);
    b.clock.set(SEOUL_0900_OCT30);
    await Promise.all([a.runner.tick(), b.runner.tick()]);
    expect(a.poster.sent.length + b.poster.sent.length).toBe(1);
  });

  it('posts each channel at its own local time and in its own time zone', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig(
      [channelSpec('111111111111111111'), channelSpec('222222222222222222', { timezone: 'Europe/Berlin', time: '08:30' })],
      t.clock.now().toISOString(),
    );
    t.store(paper(1));
    t.clock.set('2024-10-30T00:00:00Z'); // 09:00 Seoul, 01:00 Berlin
    await t.runner.tick();
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['111111111111111111']);
    t.clock.set('2024-10-30T07:30:00Z'); // 08:30 Berlin (CET after the Oct 27 change)
    await t.runner.tick();
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['111111111111111111', '222222222222222222']);
  });

  it('catches up a digest missed while the bot was down, within the window', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.store(paper(1));
    t.clock.set('2024-10-30T05:00:00Z'); // down at 09:00, back at 14:00 Seoul: 5 h late, window 6 h
    const report = await t.runner.tick();
    expect(report.results[0]?.outcome).toBe('sent');
    expect(t.digests.get(1, '2024-10-30')?.state).toBe('sent');
  });

  it('records a digest missed beyond the catch-up window instead of skipping it silently', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.store(paper(1));
    t.clock.set('2024-10-30T07:00:00Z'); // 16:00 Seoul: 7 h late
    const report = await t.runner.tick();
    expect(report.missed).toEqual([{ channel: '111111111111111111', date: '2024-10-30' }]);
    expect(t.poster.sent).toHaveLength(0);
    expect(t.digests.get(1, '2024-10-30')?.state).toBe('missed');
    // The papers are not lost: the next day's digest has them.
    t.clock.set('2024-10-31T00:00:00Z');
    await t.runner.tick();
    expect(t.poster.sent[0]!.text).toContain('Paper number 1');
  });

  it('ingests just before planning a digest', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.clock.set(SEOUL_0900_OCT30);
    t.arrive(paper(7));
    await t.runner.tick();
    expect(t.poster.sent[0]!.text).toContain('Paper number 7');
  });

  it('prepares due digests (summaries in their languages) after the ingest, and a failing preparation stops nothing', async () => {
    const seen: string[][] = [];
    const t = setupDigests(':memory:', '2024-10-29T12:00:00Z', async (channels) => {
      seen.push(channels.map((c) => c.locale));
      throw new Error('model down');
    });
    t.channels.syncFromConfig([channelSpec('111111111111111111', { locale: 'ja' })], t.clock.now().toISOString());
    t.clock.set(SEOUL_0900_OCT30);
    t.arrive(paper(7));
    await t.runner.tick();
    expect(seen).toEqual([['ja']]);
    expect(t.poster.sent[0]!.text).toContain('Paper number 7');
  });

  it('does not flood a new channel with history: the first digest looks back one day', async () => {
    const t = setupDigests(':memory:', '2024-10-20T00:00:00Z');
    t.store(paper(1)); // ten days before the channel exists
    t.clock.set('2024-10-29T12:00:00Z');
    t.store(paper(2));
    t.channels.syncFromConfig([channelSpec('111111111111111111')], t.clock.now().toISOString());
    t.clock.set(SEOUL_0900_OCT30);
    await t.runner.tick();
    expect(t.poster.sent[0]!.text).toContain('Paper number 2');
    expect(t.poster.sent[0]!.text).not.toContain('Paper number 1 ');
  });

  it('posts a localized notice on a day with nothing new, or nothing when the channel says silent', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig(
      [channelSpec('111111111111111111', { locale: 'ko' }), channelSpec('222222222222222222', {}, { emptyDay: 'silent' })],
      t.clock.now().toISOString(),
    );
    t.clock.set(SEOUL_0900_OCT30);
    await t.runner.tick();
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['111111111111111111']);
    expect(t.poster.sent[0]!.text).toMatch(/[가-힣]/);
    expect(t.digests.get(2, '2024-10-30')?.state).toBe('empty');
  });

  it('caps the digest, orders by votes and says how many more there were', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111', {}, { maxPapers: 2 })], t.clock.now().toISOString());
    t.store(paper(1, 5), paper(2, 50), paper(3, 20), paper(4, 1));
    t.clock.set(SEOUL_0900_OCT30);
    await t.runner.tick();
    const text = t.poster.sent[0]!.text;
    expect(text.indexOf('Paper number 2 ')).toBeLessThan(text.indexOf('Paper number 3 '));
    expect(text).not.toContain('Paper number 1 ');
    expect(text).toMatch(/2 more/);
  });

  it('filters by category and keyword', async () => {
    const t = setupDigests();
    t.channels.syncFromConfig([channelSpec('111111111111111111', {}, { categories: ['cs.RO'], keywords: ['robot'] })], t.clock.now().toISOString());
    t.store(paper(1), paper(2, 1, { categories: ['cs.RO'], title: 'A robot that reads' }), paper(3, 1, { categories: ['cs.RO'], title: 'Grasping' }));
    t.clock.set(SEOUL_0900_OCT30);
    await t.runner.tick();
    expect(t.poster.sent[0]!.text).toContain('A robot that reads');
    expect(t.poster.sent[0]!.text).not.toContain('Grasping');
    expect(t.poster.sent[0]!.text).not.toContain('Paper number 1 ');
  });
});
