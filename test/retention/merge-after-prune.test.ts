/**
 * Later observations merge into a pruned paper exactly as into a whole one: every scenario runs
 * on two stores, one pruned along the way, and compares everything derived plus the entries the
 * payloads stand for.
 */
import { describe, expect, it } from 'vitest';
import type { SourceEntry, SourceFormat } from '../../src/core/types.js';
import { DAY, derived, prunedCount, resolvedPayloads, setup } from './setup.js';

const at = (day: number): string => new Date(Date.UTC(2024, 9, 29, 10) + day * DAY).toISOString();

const arxiv: SourceEntry = {
  entryKey: 'arxiv:2410.21242',
  kind: 'paper',
  arxivId: '2410.21242',
  arxivVersion: 1,
  title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
  authors: ['Yung-Sung Chuang', 'Nour Jedidi', 'James Glass', 'Leslie Shing'],
  abstract: 'Building effective dense retrieval systems remains difficult when relevance supervision is not available.',
  categories: ['cs.IR', 'cs.CL'],
  publishedAt: '2024-10-28T04:00:00.000Z',
  announcedOn: '2024-10-29',
  announceType: 'new',
  links: { arxiv: 'https://arxiv.org/abs/2410.21242', pdf: 'https://arxiv.org/pdf/2410.21242' },
};
const hf: SourceEntry = {
  entryKey: 'arxiv:2410.21242',
  kind: 'paper',
  arxivId: '2410.21242',
  title: arxiv.title,
  authors: ['Yung-Sung Chuang'],
  announcedOn: '2024-10-30',
  votes: 3,
  thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.21242.png',
  links: { huggingface: 'https://huggingface.co/papers/2410.21242' },
};
const ko: SourceEntry = {
  ...hf,
  authors: arxiv.authors!,
  summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new', text: '실제로 검색된 문서에서 관련 문서를 고릅니다.' }] }],
};
const ja: SourceEntry = {
  entryKey: 'title:zero shot dense retrieval with embeddings from relevance feedback',
  kind: 'paper',
  title: arxiv.title,
  authors: ['Yung-Sung Chuang', 'Nour Jedidi'],
  summaries: [{ locale: 'ja', sections: [{ kind: 'abstract', text: '関連性フィードバックによる検索の研究です。' }] }],
};

type Ingest = [source: string, format: SourceFormat, entry: SourceEntry, day: number];
type Step = Ingest | ['prune', number];

/** Runs the steps on a store that prunes (30 days) where told and on one that never does; returns both. */
async function twins(steps: Step[]) {
  const pruned = setup();
  const whole = setup();
  const counts: unknown[] = [];
  for (const step of steps) {
    if (step.length === 2) {
      await pruned.prune(30, at(step[1]));
      continue;
    }
    const [source, format, entry, day] = step;
    const c = pruned.ingest.applyEntries(source, format, [entry], at(day));
    expect(whole.ingest.applyEntries(source, format, [entry], at(day))).toEqual(c);
    counts.push(c);
  }
  return { pruned, whole, counts, steps };
}

function expectSame(t: Awaited<ReturnType<typeof twins>>): void {
  expect(derived(t.pruned.db)).toEqual(derived(t.whole.db));
  expect(resolvedPayloads(t.pruned.db)).toEqual(resolvedPayloads(t.whole.db));
}

const INGESTS: Ingest[] = [
  ['arxiv', 'arxiv-rss', arxiv, 0],
  ['hf', 'hf-daily', hf, 1],
  ['ko', 'ko-digest', ko, 1],
  ['ja', 'ja-blog', ja, 2],
];
const SETTLED: Step[] = [...INGESTS, ['prune', 60]];

describe('after pruning, later observations', () => {
  it('start from a store where every observation of the paper is pruned', async () => {
    const s = setup();
    for (const [source, format, entry, day] of INGESTS) s.ingest.applyEntries(source, format, [entry], at(day));
    expect(await s.prune(30, at(60))).toMatchObject({ papers: 1, observations: 4 });
    expect(prunedCount(s.db)).toBe(4);
  });

  it('update the votes from a newer Hugging Face count, from the same or another source', async () => {
    const t = await twins([...SETTLED, ['hf', 'hf-daily', { ...hf, votes: 42 }, 61], ['hf mirror', 'hf-daily', { ...hf, votes: 50 }, 62]]);
    expect(t.counts.slice(-2)).toEqual([{ new: 0, updated: 1, unchanged: 0 }, { new: 0, updated: 1, unchanged: 0 }]);
    expect(t.pruned.reader.getByKey('arxiv:2410.21242')!.votes).toBe(50);
    expectSame(t);
  });

  it('take a new arXiv version but keep the first announcement date', async () => {
    const v2 = { ...arxiv, arxivVersion: 2, announceType: 'replace', announcedOn: '2024-12-10', abstract: 'A revised abstract.' };
    const t = await twins([...SETTLED, ['arxiv', 'arxiv-rss', v2, 61]]);
    const p = t.pruned.reader.getByKey('arxiv:2410.21242')!;
    expect([p.arxivVersion, p.announcedOn, p.abstract]).toEqual([2, '2024-10-29', 'A revised abstract.']);
    expectSame(t);
    // The v1 observation referenced the abstract, which v2 replaced: it now keeps its own inline.
    const v1 = t.pruned.db.prepare<[], { payload: string }>("SELECT payload FROM observations WHERE entry_key = 'arxiv:2410.21242v1'").get()!;
    expect(JSON.parse(v1.payload)).toMatchObject({ abstract: arxiv.abstract });
  });

  it('add a Korean summary from another source next to the pruned one', async () => {
    const other = { ...ko, summaries: [{ locale: 'ko', sections: [{ kind: 'tldr' as const, text: '다른 요약입니다.' }] }] };
    const t = await twins([...SETTLED, ['ko blog', 'ko-digest', other, 61]]);
    expect(t.pruned.reader.getByKey('arxiv:2410.21242')!.summaries.map((s) => [s.locale, s.source])).toEqual([['ja', 'ja'], ['ko', 'ko'], ['ko', 'ko blog']]);
    expectSame(t);
  });

  it('leave an unchanged re-ingest of a pruned entry unchanged, without touching the row', async () => {
    const t = await twins(SETTLED);
    const before = { ...derived(t.pruned.db), payloads: t.pruned.db.prepare('SELECT payload, pruned_at FROM observations').all() };
    for (const [source, format, entry] of INGESTS) {
      expect(t.pruned.ingest.applyEntries(source, format, [entry], at(61))).toEqual({ new: 0, updated: 0, unchanged: 1 });
    }
    expect({ ...derived(t.pruned.db), payloads: t.pruned.db.prepare('SELECT payload, pruned_at FROM observations').all() }).toEqual(before);
  });

  it('store a changed entry from the same source whole again', async () => {
    const changed = { ...ko, summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new' as const, text: '고친 요약입니다.' }] }] };
    const t = await twins([...SETTLED, ['ko', 'ko-digest', changed, 61]]);
    const row = t.pruned.db.prepare<[], { payload: string; pruned_at: string | null }>("SELECT payload, pruned_at FROM observations WHERE source = 'ko'").get()!;
    expect(row.pruned_at).toBeNull();
    expect(row.payload).toBe(JSON.stringify(changed));
    expectSame(t);
  });
});

describe('an id-less record adopted by its arXiv record', () => {
  it('brings its pruned observations along whole', async () => {
    const t = await twins([['ja', 'ja-blog', ja, 0], ['prune', 40], ['arxiv', 'arxiv-rss', arxiv, 41]]);
    const p = t.pruned.reader.getByKey(ja.entryKey)!;
    expect([p.key, p.summaries.map((s) => s.locale)]).toEqual(['arxiv:2410.21242', ['ja']]);
    expect(prunedCount(t.pruned.db)).toBe(0);
    expectSame(t);
  });

  it('merges correctly when both records were pruned before the adoption', async () => {
    // A close title with unknown authors stays apart until a new arXiv version carries the blog's exact title.
    const close = { ...arxiv, title: 'Zero-shot dense retrieval with embedding from relevance feedback' };
    const blog = { ...ja, authors: [] };
    const t = await twins([['arxiv', 'arxiv-rss', close, 0], ['ja', 'ja-blog', blog, 1], ['hf', 'hf-daily', hf, 1], ['prune', 40]]);
    expect(t.pruned.reader.counts().papers).toBe(2);
    expect(prunedCount(t.pruned.db)).toBe(3);
    const v2: Step = ['arxiv', 'arxiv-rss', { ...arxiv, arxivVersion: 2, announceType: 'replace', announcedOn: '2024-12-10' }, 41];
    const after = await twins([...t.steps, v2]);
    expect(after.pruned.reader.counts().papers).toBe(1);
    expect(after.pruned.reader.getByKey(ja.entryKey)!.summaries.map((s) => s.source)).toEqual(['ja']);
    expectSame(after);
  });
});
