import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../core/types.js';
import { createIngestStore } from './ingest-store.js';
import { openDatabase } from './open-database.js';
import { createPaperSearch } from './paper-search.js';

function entry(n: number, title: string, abstract: string, ko?: string): SourceEntry {
  const id = `2410.${String(10000 + n)}`;
  return {
    entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title, abstract,
    ...(ko ? { summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new' as const, text: ko }] }] } : {}),
  };
}

function store(entries: SourceEntry[]) {
  const db = openDatabase(':memory:');
  createIngestStore(db).applyEntries('s', 'arxiv-rss', entries, '2024-10-30T00:00:00Z');
  return createPaperSearch(db);
}

describe('paper search', () => {
  it('ranks a title match above an abstract match', () => {
    const s = store([entry(1, 'Graph networks', 'We study retrieval in passing.'), entry(2, 'Dense retrieval at scale', 'A method.')]);
    expect(s.search('retrieval').map((h) => h.arxivId)).toEqual(['2410.10002', '2410.10001']);
  });

  it('finds two-character Korean words inside longer runs and particles', () => {
    const s = store([entry(1, 'A', 'x', '검색된 문서를 다시 검색합니다'), entry(2, 'B', 'y', '로봇 팔 제어')]);
    expect(s.search('검색').map((h) => h.arxivId)).toEqual(['2410.10001']);
    expect(s.search('로봇').map((h) => h.arxivId)).toEqual(['2410.10002']);
  });

  it('ranks an old title match above newer abstract matches outside the newest-matches window', () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(i + 1, `Paper ${i + 1}`, 'retrieval is mentioned once here.'));
    entries[0] = entry(1, 'Sparse retrieval revisited', 'An old paper.');
    const s = store(entries);
    // Only the 10 newest matches are read from the whole index; the title index still finds paper 1.
    const hits = s.search('retrieval', { limit: 3, rankWindow: 10 }).map((h) => h.arxivId);
    expect(hits[0]).toBe('2410.10001');
    expect(hits.slice(1)).toEqual(['2410.10030', '2410.10029']);
  });

  it('reads at most the newest titleWindow title matches, ranking among those', () => {
    const entries = Array.from({ length: 12 }, (_, i) => entry(i + 1, `Retrieval study ${i + 1}`, 'x'));
    entries[0] = entry(1, 'Retrieval, retrieval and retrieval', 'x');
    const s = store(entries);
    expect(s.search('retrieval', { limit: 1 })[0]?.arxivId).toBe('2410.10001');
    // A bound of 5 title matches and 5 newest matches leaves the oldest paper out: the bound is real.
    expect(s.search('retrieval', { limit: 5, rankWindow: 5, titleWindow: 5 }).map((h) => h.arxivId)).not.toContain('2410.10001');
  });

  it('puts a paper first when the query is its exact title, whatever its age and case', () => {
    const newer = Array.from({ length: 150 }, (_, i) => entry(i + 2, `Qwen2.5 Technical Report part ${i}`, 'technical report of qwen2'));
    const s = store([entry(1, 'Qwen2 Technical Report', 'The first report.'), ...newer]);
    expect(s.search('Qwen2 Technical Report')[0]?.arxivId).toBe('2410.10001');
    expect(s.search('qwen2: technical report!')[0]?.arxivId).toBe('2410.10001');
    // Without the exact title it is one match among many, ranked by relevance and then recency.
    expect(s.search('qwen2 report')[0]?.arxivId).not.toBe('2410.10001');
    // After the named paper come the other title matches (not papers matching only in the abstract).
    const more = s.search('Qwen2 Technical Report', { limit: 5 }).map((h) => h.arxivId);
    expect(more.slice(1).every((id) => Number(id!.slice(5)) > 10001)).toBe(true);
    expect(more).toHaveLength(5);
  });

  it('puts a paper first for its arXiv id or URL even though the words match nothing', () => {
    const s = store([entry(1, 'Graph networks', 'x'), entry(2, 'Dense retrieval', 'y')]);
    expect(s.search('2410.10001').map((h) => h.arxivId)).toEqual(['2410.10001']);
    expect(s.search('https://arxiv.org/abs/2410.10001v3')[0]?.arxivId).toBe('2410.10001');
    expect(s.search('https://example.org/nothing-here')).toEqual([]);
  });

  it('pages through results with offset', () => {
    const s = store(Array.from({ length: 5 }, (_, i) => entry(i + 1, `Retrieval ${i}`, 'x')));
    const first = s.search('retrieval', { limit: 2 }).map((h) => h.key);
    const second = s.search('retrieval', { limit: 2, offset: 2 }).map((h) => h.key);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(first.filter((k) => second.includes(k))).toEqual([]);
  });

  it('pages past a known item without repeating it', () => {
    const s = store([entry(1, 'Retrieval', 'x'), ...Array.from({ length: 4 }, (_, i) => entry(i + 2, `Retrieval ${i}`, 'x'))]);
    const pages = [0, 2, 4].map((offset) => s.search('retrieval', { limit: 2, offset }).map((h) => h.arxivId));
    expect(pages[0]![0]).toBe('2410.10001');
    expect(new Set(pages.flat()).size).toBe(5);
  });
});
