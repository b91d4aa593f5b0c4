import { describe, expect, it } from 'vitest';
import { mergeObservations, type Observation } from './merge-paper.js';
import { isPrunedPayload, jsonEqual, prunePayload, resolvePayload, type StoredPayload } from './prune-entry.js';
import type { SourceEntry } from './types.js';

const arxiv: SourceEntry = {
  entryKey: 'arxiv:2410.22304',
  kind: 'paper',
  arxivId: '2410.22304',
  arxivVersion: 1,
  title: 'Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning',
  authors: ['Yihe Deng', 'Paul Mineiro'],
  abstract: 'Mathematical reasoning is a crucial capability for LLMs.',
  categories: ['cs.CL', 'cs.AI'],
  publishedAt: '2024-10-29T04:00:00.000Z',
  announcedOn: '2024-10-30',
  announceType: 'new',
  links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
};
const hf: SourceEntry = {
  entryKey: 'arxiv:2410.22304',
  kind: 'paper',
  arxivId: '2410.22304',
  title: arxiv.title,
  authors: ['Yihe Deng'],
  abstract: 'The Hugging Face copy of the abstract.',
  announcedOn: '2024-10-31',
  votes: 11,
  thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.22304.png',
  links: { huggingface: 'https://huggingface.co/papers/2410.22304' },
};
const ko: SourceEntry = {
  entryKey: 'arxiv:2410.22304',
  kind: 'paper',
  arxivId: '2410.22304',
  title: arxiv.title,
  authors: ['Yihe Deng', 'Paul Mineiro'],
  announcedOn: '2024-10-31',
  votes: 11,
  summaries: [
    { locale: 'ko', title: '플로우 DPO', sections: [{ kind: 'whats_new', text: '두 개의 LLM이 번갈아 답을 씁니다.' }] },
    { locale: 'en', sections: [{ kind: 'tldr', text: 'Two LLMs take turns.' }] },
  ],
};
const ja: SourceEntry = {
  entryKey: 'title:flow dpo',
  kind: 'paper',
  title: arxiv.title,
  announcedOn: '2024-11-02',
  summaries: [{ locale: 'ja', sections: [{ kind: 'abstract', text: 'オンライン学習で数学的推論を改善します。' }] }],
};

const observations: Observation[] = [
  { source: 'arxiv cs.AI', format: 'arxiv-rss', seenAt: '2024-10-30T05:00:00.000Z', entry: arxiv },
  { source: 'hf', format: 'hf-daily', seenAt: '2024-10-31T05:00:00.000Z', entry: hf },
  { source: 'ko', format: 'ko-digest', seenAt: '2024-10-31T06:00:00.000Z', entry: ko },
  { source: 'ja', format: 'ja-blog', seenAt: '2024-11-02T06:00:00.000Z', entry: ja },
];
const record = mergeObservations(observations);
const payload = (e: SourceEntry): StoredPayload => JSON.parse(JSON.stringify(e)) as StoredPayload;
const prune = (o: Observation, r = record) => prunePayload(payload(o.entry), o, r);

describe('prunePayload and resolvePayload', () => {
  it('give back exactly the entry that was pruned, for every source format, and the same merge', () => {
    const resolved = observations.map((o) => {
      const pruned = JSON.parse(JSON.stringify(prune(o))) as StoredPayload;
      const entry = resolvePayload(pruned, o, record);
      expect(entry).toEqual(payload(o.entry));
      return { ...o, entry };
    });
    expect(mergeObservations(resolved)).toEqual(record);
  });

  it('references every field the record holds as the entry had it and keeps the rest', () => {
    expect(prune(observations[0]!)).toEqual({
      $record: ['arxivId', 'arxivVersion', 'title', 'authors', 'abstract', 'categories', 'publishedAt', 'announcedOn'],
      entryKey: arxiv.entryKey,
      kind: 'paper',
      announceType: 'new',
      // The record's links are the union of arXiv's and Hugging Face's.
      links: arxiv.links,
    });
    const pruned = prune(observations[1]!);
    // Hugging Face's day is the record's featuredOn; its own abstract and short author list stay.
    expect(pruned.$record).toEqual(['arxivId', 'title', 'announcedOn', 'votes', 'thumbnail']);
    expect(pruned).toMatchObject({ abstract: hf.abstract, authors: ['Yihe Deng'], links: hf.links });
  });

  it('references summaries by locale, in order, only when all equal what the record keeps for that source', () => {
    expect(prune(observations[2]!)).toMatchObject({ $summaries: ['ko', 'en'] });
    expect(prune(observations[2]!)).not.toHaveProperty('summaries');
    const withEmpty = { ...ko, summaries: [{ locale: 'ko', sections: [{ kind: 'tldr' as const, text: '요약' }, { kind: 'excerpt' as const, text: ' ' }] }] };
    const o = { ...observations[2]!, entry: withEmpty };
    // The merge drops the blank section, so the record does not hold this summary as given.
    expect(prunePayload(payload(withEmpty), o, mergeObservations([o]))).toEqual(expect.objectContaining({ summaries: withEmpty.summaries }));
  });

  it('leaves absent fields absent and never references what the merge does not take from that format', () => {
    const pruned = prune(observations[3]!);
    expect(pruned).toEqual({ $record: ['title'], $summaries: ['ja'], entryKey: ja.entryKey, kind: 'paper', announcedOn: '2024-11-02' });
    const entry = resolvePayload(pruned, observations[3]!, record);
    expect(Object.keys(entry).sort()).toEqual(Object.keys(ja).sort());
  });

  it('is stable: pruning the resolved entry again writes the same payload', () => {
    for (const o of observations) {
      const pruned = prune(o);
      expect(JSON.stringify(prunePayload(resolvePayload(pruned, o, record) as unknown as StoredPayload, o, record))).toBe(JSON.stringify(pruned));
    }
  });

  it('passes a whole payload through, and resolves a reference to whatever the record now holds', () => {
    expect(isPrunedPayload(payload(arxiv))).toBe(false);
    expect(resolvePayload(payload(arxiv), observations[0]!, record)).toEqual(payload(arxiv));
    const later = { ...record, title: 'A Retitled Paper' };
    const pruned = prune(observations[0]!);
    expect(resolvePayload(pruned, observations[0]!, later).title).toBe('A Retitled Paper');
    // So a writer that changes the record prunes again against it: the old value is then kept inline.
    expect(prunePayload(payload(arxiv), observations[0]!, later)).toMatchObject({ title: arxiv.title });
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined members, not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });
});
