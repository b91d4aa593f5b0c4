/**
 * The embeddings cache (table paper_embeddings): vectors per paper and model, with the hash of
 * the text they were computed from. Vectors are stored as Float32 BLOBs and read back as
 * Float32Array; reads are in batches of ids, as ranking asks for a day's candidates at once.
 */
import type { Db } from './open-database.js';

export interface StoredEmbedding {
  paperId: number;
  vector: Float32Array;
  textHash: string;
}

const BATCH = 500;

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer): Float32Array {
  // A copy: the Buffer may not sit on a 4-byte boundary of its ArrayBuffer.
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function createEmbeddingStore(db: Db) {
  const hashes = db.prepare<[string, string], { paper_id: number; text_hash: string }>(
    'SELECT paper_id, text_hash FROM paper_embeddings WHERE model = ? AND paper_id IN (SELECT value FROM json_each(?))',
  );
  const vectors = db.prepare<[string, string], { paper_id: number; vector: Buffer }>(
    'SELECT paper_id, vector FROM paper_embeddings WHERE model = ? AND paper_id IN (SELECT value FROM json_each(?))',
  );
  const upsert = db.prepare(
    `INSERT INTO paper_embeddings (paper_id, model, dims, vector, text_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (paper_id, model) DO UPDATE SET dims = excluded.dims, vector = excluded.vector, text_hash = excluded.text_hash, created_at = excluded.created_at`,
  );
  const saveAll = db.transaction((model: string, rows: StoredEmbedding[], now: string) => {
    for (const r of rows) upsert.run(r.paperId, model, r.vector.length, toBlob(r.vector), r.textHash, now);
  });

  function batched<T>(ids: number[], read: (json: string) => T[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += BATCH) out.push(...read(JSON.stringify(ids.slice(i, i + BATCH))));
    return out;
  }

  return {
    /** The text hash stored for each of these papers under `model` (papers without a vector are absent). */
    hashes(model: string, paperIds: number[]): Map<number, string> {
      return new Map(batched(paperIds, (json) => hashes.all(model, json)).map((r) => [r.paper_id, r.text_hash]));
    },
    /** The vectors of these papers under `model` (papers without one are absent). */
    vectors(model: string, paperIds: number[]): Map<number, Float32Array> {
      return new Map(batched(paperIds, (json) => vectors.all(model, json)).map((r) => [r.paper_id, fromBlob(r.vector)]));
    },
    /** Stores (or replaces) vectors under `model`, in one transaction. */
    save(model: string, rows: StoredEmbedding[], now: string): void {
      saveAll(model, rows, now);
    },
  };
}

export type EmbeddingStore = ReturnType<typeof createEmbeddingStore>;
