/**
 * A day's candidates as an inverted index (term → the candidates holding it, with their
 * weights), so a profile's weights or a liked paper are scored against every candidate by
 * walking only the terms they share: the cost of ranking a day for a thousand profiles.
 */
import type { SparseVector } from './vector-space.js';

export interface CandidateIndex {
  size: number;
  vectors: SparseVector[];
  /** Σ_t weight(t) · x_c(t) for every candidate c, written into `out` (length size). */
  scoreInto(out: Float64Array, terms: Int32Array, weights: Float64Array): void;
}

export function buildCandidateIndex(vectors: SparseVector[]): CandidateIndex {
  const lists = new Map<number, { docs: number[]; vals: number[] }>();
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.idx.length; k++) {
      const t = v.idx[k]!;
      let list = lists.get(t);
      if (!list) lists.set(t, (list = { docs: [], vals: [] }));
      list.docs.push(doc);
      list.vals.push(v.val[k]!);
    }
  });
  const postings = new Map<number, { docs: Int32Array; vals: Float64Array }>();
  for (const [t, l] of lists) postings.set(t, { docs: Int32Array.from(l.docs), vals: Float64Array.from(l.vals) });
  return {
    size: vectors.length,
    vectors,
    scoreInto(out, terms, weights) {
      out.fill(0);
      for (let k = 0; k < terms.length; k++) {
        const p = postings.get(terms[k]!);
        if (!p) continue;
        const w = weights[k]!;
        for (let j = 0; j < p.docs.length; j++) out[p.docs[j]!]! += w * p.vals[j]!;
      }
    },
  };
}
