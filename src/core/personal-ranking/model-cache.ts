/**
 * Trained profile models kept between rankings, least recently used first out, so memory stays
 * bounded however many profiles there are. An entry is good for one version of its profile (the
 * votes and seeds it was trained from): a click or a seed changes the version and the next
 * ranking trains again. Training is deterministic, so a cached model ranks exactly as a fresh
 * one trained on the same inputs would.
 */
import type { ProfileModel } from './profile-model.js';
import type { VectorSpace } from './vector-space.js';

export interface CachedModel {
  /** The profile's inputs when it was trained (see personal-ranker's profileVersion). */
  version: string;
  model: ProfileModel;
  /** Ids of the stored papers the profile liked (the embedding part's centroid). */
  liked: number[];
  /** The vocabulary the model's term indexes refer to. */
  space: VectorSpace;
  /** When it was trained (ms since the epoch): models older than the cache's maxAge are trained again. */
  trainedAt: number;
}

export function createModelCache(capacity: number) {
  const entries = new Map<string, CachedModel>();
  return {
    /** The model of `key` if it was trained at this version (and marks it recently used). */
    get(key: string, version: string): CachedModel | undefined {
      const hit = entries.get(key);
      if (!hit || hit.version !== version) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    },
    set(key: string, entry: CachedModel): void {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    get size(): number {
      return entries.size;
    },
    clear(): void {
      entries.clear();
    },
  };
}

export type ModelCache = ReturnType<typeof createModelCache>;

function rebindVector(v: { idx: Int32Array; val: Float64Array }, from: VectorSpace, to: VectorSpace): { idx: Int32Array; val: Float64Array } {
  const pairs: [number, number][] = [];
  for (let k = 0; k < v.idx.length; k++) {
    const i = to.index.get(from.terms[v.idx[k]!]!);
    if (i !== undefined) pairs.push([i, v.val[k]!]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { idx: Int32Array.from(pairs, ([i]) => i), val: Float64Array.from(pairs, ([, w]) => w) };
}

/**
 * The same model over another vocabulary: every weight moves to its term's index there; terms
 * the new vocabulary lacks are dropped (no candidate vectorized in it can hold them).
 */
export function rebindModel(model: ProfileModel, from: VectorSpace, to: VectorSpace): ProfileModel {
  if (from === to) return model;
  return {
    kind: model.kind,
    weights: rebindVector(model.weights, from, to),
    ...(model.classifier ? { classifier: rebindVector(model.classifier, from, to) } : {}),
    neighbours: model.neighbours.map((nb) => ({ doc: nb.doc, vector: rebindVector(nb.vector, from, to) })),
  };
}
