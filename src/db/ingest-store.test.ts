import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../core/types.js';
import { createIngestStore } from './ingest-store.js';
import { openDatabase } from './open-database.js';
import { createPaperReader } from './paper-reader.js';

const T1 = '2024-10-30T10:00:00.000Z';
const T2 = '2024-10-31T10:00:00.000Z';

function setup() {
  const db = openDatabase(':memory:');
  return { db, store: createIngestStore(db), reader: createPaperReader(db) };
}

const arxivEntry: SourceEntry = {
  entryKey: 'arxiv:2410.21242',
  kind: 'paper',
  arxivId: '2410.21242',
  arxivVersion: 1,
  title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
  authors: ['Yung-Sung Chuang', 'Nour Jedidi', 'James Glass', 'Leslie Shing'],
  abstract: 'Building effective dense retrieval systems remains difficult when relevance supervision is not available.',
  categories: ['cs.IR', 'cs.CL'],
  announcedOn: '2024-10-29',
  announceType: 'new',
  links: { arxiv: 'https://arxiv.org/abs/2410.21242', pdf: 'https://arxiv.org/pdf/2410.21242' },
};

const hfEntry: SourceEntry = {
  entryKey: 'arxiv:2410.21242',
  kind: 'paper',
  arxivId: '2410.21242',
  title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
  authors: ['Yung-Sung Chuang'],
  abstract: 'HF copy of the abstract.',
  announcedOn: '2024-10-30',
  votes: 3,
  thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.21242.png',
  links: { huggingface: 'https://huggingface.co/papers/2410.21242', code: 'https://github.com/example/rede-rf' },
};

const jaEntry: SourceEntry = {
  entryKey: 'title:zero shot dense retrieval with embeddings from relevance feedback',
  kind: 'paper',
  title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
  authors: ['Yung-Sung Chuang', 'Nour Jedidi'],
  summaries: [{ locale: 'ja', sections: [{ kind: 'abstract', text: '関連性フィードバックによる検索の研究です。' }] }],
};

describe('ingest store', () => {
  it('keeps one record per paper across sources, each enriching it without erasing another', () => {
    const { store, reader } = setup();
    expect(store.applyEntries('arxiv cs.IR', 'arxiv-rss', [arxivEntry], T1)).toEqual({ new: 1, updated: 0, unchanged: 0 });
    expect(store.applyEntries('hf', 'hf-daily', [hfEntry], T2)).toEqual({ new: 0, updated: 1, unchanged: 0 });
    const p = reader.getByKey('arxiv:2410.21242')!;
    expect(p.abstract).toBe(arxivEntry.abstract);
    expect(p.authors).toEqual(arxivEntry.authors);
    expect(p.votes).toBe(3);
    expect(p.thumbnail).toContain('2410.21242.png');
    expect(p.links).toMatchObject({ pdf: 'https://arxiv.org/pdf/2410.21242', code: 'https://github.com/example/rede-rf' });
    expect(p.announcedOn).toBe('2024-10-29');
    expect(p.featuredOn).toBe('2024-10-30');
    expect(p.sources.map((s) => s.source)).toEqual(['arxiv cs.IR', 'hf']);
  });

  it('changes nothing when the same input is ingested twice', () => {
    const { store, db } = setup();
    store.applyEntries('hf', 'hf-daily', [hfEntry], T1);
    const before = db.prepare('SELECT * FROM papers').all();
    expect(store.applyEntries('hf', 'hf-daily', [hfEntry], T2)).toEqual({ new: 0, updated: 0, unchanged: 1 });
    expect(db.prepare('SELECT * FROM papers').all()).toEqual(before);
  });

  it('keeps the latest Hugging Face vote count', () => {
    const { store, reader } = setup();
    store.applyEntries('hf', 'hf-daily', [hfEntry], T1);
    store.applyEntries('hf', 'hf-daily', [{ ...hfEntry, votes: 42 }], T2);
    expect(reader.getByKey('arxiv:2410.21242')!.votes).toBe(42);
  });

  it('joins an id-less Japanese entry that arrives after the arXiv record', () => {
    const { store, reader } = setup();
    store.applyEntries('arxiv', 'arxiv-rss', [arxivEntry], T1);
    expect(store.applyEntries('ja', 'ja-blog', [jaEntry], T2)).toEqual({ new: 0, updated: 1, unchanged: 0 });
    const p = reader.getByKey('arxiv:2410.21242')!;
    expect(p.summaries.map((s) => [s.locale, s.source])).toEqual([['ja', 'ja']]);
    expect(reader.counts().papers).toBe(1);
  });

  it('adopts a waiting id-less record when its arXiv record arrives later', () => {
    const { store, reader } = setup();
    expect(store.applyEntries('ja', 'ja-blog', [jaEntry], T1)).toEqual({ new: 1, updated: 0, unchanged: 0 });
    store.applyEntries('arxiv', 'arxiv-rss', [arxivEntry], T2);
    expect(reader.counts().papers).toBe(1);
    const p = reader.getByKey('arxiv:2410.21242')!;
    expect(p.summaries[0]?.locale).toBe('ja');
    // The old key still finds the merged record.
    expect(reader.getByKey(jaEntry.entryKey)?.key).toBe('arxiv:2410.21242');
  });

  it('does not join equal titles whose known authors share nobody', () => {
    const { store, reader } = setup();
    store.applyEntries('arxiv', 'arxiv-rss', [arxivEntry], T1);
    store.applyEntries('ja', 'ja-blog', [{ ...jaEntry, authors: ['Someone Else'] }], T2);
    expect(reader.counts().papers).toBe(2);
  });

  it('joins a close title only when an author confirms it', () => {
    const { store, reader } = setup();
    store.applyEntries('arxiv', 'arxiv-rss', [arxivEntry], T1);
    const close = { ...jaEntry, title: 'Zero-shot dense retrieval with embedding from relevance feedback' };
    store.applyEntries('ja', 'ja-blog', [close], T2);
    expect(reader.counts().papers).toBe(1);
    store.applyEntries('ja2', 'ja-blog', [{ ...close, authors: ['Nobody Known'] }], T2);
    expect(reader.counts().papers).toBe(2);
  });

  it('keeps a replaced version as the same record and the first announcement date', () => {
    const { store, reader } = setup();
    store.applyEntries('arxiv', 'arxiv-rss', [arxivEntry], T1);
    const v2 = { ...arxivEntry, arxivVersion: 2, announceType: 'replace', announcedOn: '2024-11-05' };
    expect(store.applyEntries('arxiv', 'arxiv-rss', [v2], T2)).toEqual({ new: 0, updated: 1, unchanged: 0 });
    const p = reader.getByKey('arxiv:2410.21242v2'.replace(/v2$/, ''))!;
    expect(p.arxivVersion).toBe(2);
    expect(p.announcedOn).toBe('2024-10-29');
    expect(reader.counts().papers).toBe(1);
  });
});
