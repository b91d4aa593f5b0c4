import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../core/types.js';
import { createBackfillStore } from './backfill-store.js';
import { openDatabase } from './open-database.js';
import { createPaperReader } from './paper-reader.js';

const entry = (id: string): SourceEntry => ({ entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title: `Paper ${id}`, links: {} });
const NOW = '2024-11-02T00:00:00.000Z';

describe('backfill store', () => {
  it('records a fetch with its entries, attributed to the source, and lists it by URL', () => {
    const db = openDatabase(':memory:');
    const store = createBackfillStore(db);
    expect(store.apply({ source: 'hf', url: 'u1', day: '2024-10-01' }, 'hf-daily', [entry('2410.00001'), entry('2410.00002')], NOW)).toEqual({ new: 2, updated: 0, unchanged: 0 });
    store.apply({ source: 'arxiv', url: 'u2', day: '2024-10-01', total: 0 }, undefined, [], NOW);
    expect(store.fetched('hf')).toEqual(new Map([['u1', { day: '2024-10-01', entries: 2, total: null }]]));
    expect(store.fetched('arxiv')).toEqual(new Map([['u2', { day: '2024-10-01', entries: 0, total: 0 }]]));
    expect(createPaperReader(db).getByKey('arxiv:2410.00001')?.sources.map((s) => s.source)).toEqual(['hf']);
  });

  it('records nothing when applying the entries fails: the fetch and its papers stand or fall together', () => {
    const db = openDatabase(':memory:');
    const store = createBackfillStore(db);
    db.exec('CREATE TRIGGER no_more BEFORE INSERT ON backfill_fetches BEGIN SELECT RAISE(ABORT, \'disk full\'); END');
    expect(() => store.apply({ source: 'hf', url: 'u1', day: '2024-10-01' }, 'hf-daily', [entry('2410.00001')], NOW)).toThrow('disk full');
    expect(createPaperReader(db).counts().papers).toBe(0);
    expect(store.fetched('hf').size).toBe(0);
  });

  it('looks fetches up by the primary key', () => {
    const db = openDatabase(':memory:');
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT url FROM backfill_fetches WHERE source = 'hf'").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING PRIMARY KEY|USING (COVERING )?INDEX/);
  });
});
