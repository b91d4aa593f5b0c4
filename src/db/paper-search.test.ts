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

  it('ranks among the newest matches only, so a common word stays fast in a large store', () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(i + 1, `Paper ${i + 1}`, 'retrieval is mentioned once here.'));
    entries[0] = entry(1, 'Retrieval retrieval retrieval', 'retrieval everywhere retrieval');
    const s = store(entries);
    expect(s.search('retrieval', { limit: 3 })[0]?.arxivId).toBe('2410.10001');
    // With a window of the 10 newest matches, the oldest (best) match is out of the window.
    const windowed = s.search('retrieval', { limit: 3, rankWindow: 10 }).map((h) => h.arxivId);
    expect(windowed).not.toContain('2410.10001');
    expect(windowed.every((id) => Number(id!.slice(5)) > 10020)).toBe(true);
  });

  it('pages through results with offset', () => {
    const s = store(Array.from({ length: 5 }, (_, i) => entry(i + 1, `Retrieval ${i}`, 'x')));
    const first = s.search('retrieval', { limit: 2 }).map((h) => h.key);
    const second = s.search('retrieval', { limit: 2, offset: 2 }).map((h) => h.key);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(first.filter((k) => second.includes(k))).toEqual([]);
  });
});
