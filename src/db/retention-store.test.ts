import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../core/types.js';
import { createIngestStore } from './ingest-store.js';
import { openDatabase } from './open-database.js';
import { createRetentionStore, SETTLED_SQL } from './retention-store.js';

const entry = (i: number): SourceEntry => ({
  entryKey: `arxiv:2410.${String(i).padStart(5, '0')}`,
  kind: 'paper',
  arxivId: `2410.${String(i).padStart(5, '0')}`,
  title: `Paper number ${i}`,
  authors: ['Ada Lovelace'],
  abstract: 'An abstract long enough to be worth pruning. '.repeat(5),
  announcedOn: '2024-10-30',
});

function setup(n: number) {
  const db = openDatabase(':memory:');
  createIngestStore(db).applyEntries('arxiv', 'arxiv-rss', Array.from({ length: n }, (_, i) => entry(i)), '2024-10-30T10:00:00.000Z');
  return { db, retention: createRetentionStore(db) };
}

describe('retention store', () => {
  it('prunes settled papers a batch at a time, resuming after the last id', () => {
    const { db, retention } = setup(5);
    const cutoff = '2024-12-01T00:00:00.000Z';
    const first = retention.pruneBatch(cutoff, cutoff, 0, 3);
    expect(first).toMatchObject({ lastId: 3, papers: 3, observations: 3 });
    expect(first.bytesAfter).toBeLessThan(first.bytesBefore / 3);
    expect(retention.pruneBatch(cutoff, cutoff, first.lastId, 3)).toMatchObject({ lastId: 5, papers: 2 });
    expect(retention.pruneBatch(cutoff, cutoff, 5, 3)).toMatchObject({ lastId: undefined, papers: 0 });
    expect(retention.payloadTotals()).toMatchObject({ observations: 5, pruned: 5 });
    expect(db.prepare('SELECT DISTINCT pruned_at FROM observations').all()).toEqual([{ pruned_at: cutoff }]);
  });

  it('leaves papers changed at or after the cutoff whole', () => {
    const { retention } = setup(2);
    expect(retention.pruneBatch('2024-10-30T10:00:00.000Z', '2024-11-30T00:00:00.000Z')).toMatchObject({ papers: 0 });
  });

  it('finds candidates through the index of observations not pruned yet', () => {
    const { db } = setup(1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SETTLED_SQL}`).all({ after: 0, cutoff: 'x', limit: 500 }) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH o USING (COVERING )?INDEX observations_unpruned/);
    expect(plan.join(' | ')).not.toMatch(/SCAN/);
  });
});
