import { describe, expect, it } from 'vitest';
import { createEmbeddingStore } from './embedding-store.js';
import { createIngestStore } from './ingest-store.js';
import { openDatabase } from './open-database.js';

function setup() {
  const db = openDatabase(':memory:');
  const entries = [1, 2].map((i) => ({ entryKey: `arxiv:2501.0000${i}`, kind: 'paper' as const, arxivId: `2501.0000${i}`, title: `Paper ${i}`, authors: [], categories: [] }));
  createIngestStore(db).applyEntries('feed', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  return { db, ids, store: createEmbeddingStore(db) };
}

describe('embedding store (migration 0013)', () => {
  it('reads back exactly the Float32 values saved, per paper and model, and replaces on a second save', () => {
    const { ids, store } = setup();
    const v = Float32Array.from([0.1, -2.5, 3e-8]);
    store.save('m1', [{ paperId: ids[0]!, vector: v, textHash: 'a' }], '2025-01-06T00:00:00Z');
    store.save('m2', [{ paperId: ids[0]!, vector: Float32Array.from([1, 2]), textHash: 'b' }], '2025-01-06T00:00:00Z');
    expect(Array.from(store.vectors('m1', ids).get(ids[0]!)!)).toEqual(Array.from(v));
    expect(store.vectors('m1', ids).has(ids[1]!)).toBe(false);
    expect(store.hashes('m2', ids)).toEqual(new Map([[ids[0]!, 'b']]));
    store.save('m1', [{ paperId: ids[0]!, vector: Float32Array.from([4]), textHash: 'c' }], '2025-01-07T00:00:00Z');
    expect(Array.from(store.vectors('m1', [ids[0]!]).get(ids[0]!)!)).toEqual([4]);
    expect(store.hashes('m1', ids).get(ids[0]!)).toBe('c');
  });

  it('drops a paper\'s vectors with the paper, refuses a blob of the wrong size, and reads by primary key', () => {
    const { db, ids, store } = setup();
    store.save('m1', [{ paperId: ids[1]!, vector: Float32Array.from([1, 2]), textHash: 'a' }], '2025-01-06T00:00:00Z');
    expect(() => db.prepare("INSERT INTO paper_embeddings VALUES (?, 'm1', 3, ?, 'x', 'now')").run(ids[0], Buffer.alloc(8))).toThrow(/CHECK/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT vector FROM paper_embeddings WHERE model = ? AND paper_id IN (SELECT value FROM json_each(?))").all('m1', '[1]') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY/);
    // As a merge does (paper-writer): its observations move elsewhere first, then the paper goes.
    db.prepare('DELETE FROM observations WHERE paper_id = ?').run(ids[1]);
    db.prepare('DELETE FROM papers WHERE id = ?').run(ids[1]);
    expect(store.vectors('m1', ids).size).toBe(0);
  });
});
