import { describe, expect, it } from 'vitest';
import { generateEntries } from '../../bench/generate.js';
import { DAY, derived, FIXTURE_SOURCES, paperIds, prunedCount, resolvedPayloads, setup } from './setup.js';

const T0 = '2024-10-30T10:00:00.000Z';
const T1 = '2024-10-31T10:00:00.000Z';
const LATER = '2025-03-30T10:00:00.000Z';

async function fixtureStore() {
  const s = setup();
  await s.ingestSources(FIXTURE_SOURCES.slice(0, 2), T0);
  await s.ingestSources(FIXTURE_SOURCES.slice(2), T1);
  s.ingest.applyEntries('generated', 'arxiv-rss', generateEntries(1, 0, 50), T1);
  return s;
}

/** Recomputes every paper at the instant it was last written, so an unchanged merge gives identical rows. */
function recomputeAll(s: ReturnType<typeof setup>): void {
  for (const p of paperIds(s.db)) s.writer.recompute(p.id, p.updated_at);
}

describe('pruning raw entries', () => {
  it('changes nothing visible: rows, source summaries, search entries and show are identical after a recompute', async () => {
    const s = await fixtureStore();
    recomputeAll(s);
    const before = derived(s.db);
    const entries = resolvedPayloads(s.db);
    const shows = paperIds(s.db).map((p) => s.reader.getById(p.id));
    // One paper has all four: arXiv, Hugging Face, the Korean digest and the Japanese blog.
    expect(shows.find((p) => p?.arxivId === '2410.22304')?.sources.map((x) => x.source).sort()).toEqual(['arxiv cs.AI', 'hf', 'ja', 'ko']);

    const bytes = s.retention.payloadTotals().bytes;
    const report = await s.prune(30, LATER, 7);
    expect(report.papers).toBe(paperIds(s.db).length);
    expect(report.observations).toBe(prunedCount(s.db));
    expect(s.retention.payloadTotals().bytes).toBe(bytes - report.bytesSaved);
    expect(report.bytesSaved / bytes).toBeGreaterThan(0.5);

    expect(derived(s.db)).toEqual(before);
    expect(resolvedPayloads(s.db)).toEqual(entries);
    const payloads = s.db.prepare('SELECT payload FROM observations ORDER BY id').all();
    recomputeAll(s);
    expect(derived(s.db)).toEqual(before);
    expect(paperIds(s.db).map((p) => s.reader.getById(p.id))).toEqual(shows);
    // The record did not change, so neither did any pruned payload.
    expect(s.db.prepare('SELECT payload FROM observations ORDER BY id').all()).toEqual(payloads);
  });

  it('references the record for what it holds, e.g. a Korean digest entry keeps little but its key', async () => {
    const s = await fixtureStore();
    await s.prune(30, LATER);
    const row = s.db.prepare<[], { payload: string }>(
      "SELECT o.payload FROM observations o JOIN papers p ON p.id = o.paper_id WHERE o.source = 'ko' AND p.arxiv_id = '2410.21242'",
    ).get()!;
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    expect(payload.$summaries).toEqual(['ko']);
    expect(payload.$record).toEqual(expect.arrayContaining(['arxivId', 'title', 'announcedOn', 'votes', 'thumbnail']));
    expect(payload).not.toHaveProperty('summaries');
  });

  it('is idempotent and only touches papers settled for N days', async () => {
    const s = await fixtureStore();
    // One paper changes 10 days before the prune: a new Hugging Face count.
    const recent = new Date(new Date(LATER).getTime() - 10 * DAY).toISOString();
    s.ingest.applyEntries('hf2', 'hf-daily', [{ entryKey: 'arxiv:2410.22304', kind: 'paper', arxivId: '2410.22304', title: 'Flow-DPO', votes: 99 }], recent);
    const first = await s.prune(30, LATER);
    const recentPaper = s.db.prepare<[], { paper_id: number }>("SELECT paper_id FROM observations WHERE source = 'hf2'").get()!.paper_id;
    const unpruned = s.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM observations WHERE paper_id = ? AND pruned_at IS NULL');
    expect(unpruned.get(recentPaper)!.n).toBe(s.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM observations WHERE paper_id = ?').get(recentPaper)!.n);
    expect(first.papers).toBe(paperIds(s.db).length - 1);

    const payloads = s.db.prepare('SELECT payload, pruned_at FROM observations ORDER BY id').all();
    expect(await s.prune(30, LATER)).toMatchObject({ papers: 0, observations: 0, bytesSaved: 0 });
    expect(s.db.prepare('SELECT payload, pruned_at FROM observations ORDER BY id').all()).toEqual(payloads);
    // Once it has settled too, it is pruned.
    const muchLater = new Date(new Date(LATER).getTime() + 30 * DAY).toISOString();
    expect(await s.prune(30, muchLater)).toMatchObject({ papers: 1 });
    expect(unpruned.get(recentPaper)!.n).toBe(0);
  });
});
