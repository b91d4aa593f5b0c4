/**
 * A day's candidates, flattened into one compressed-sparse-row block (every candidate's term
 * indexes and weights, one after another), so a profile's weights are scored against every
 * candidate by one sequential pass: the weights are spread into a dense scratch array over the
 * vocabulary, then each candidate's terms read it. This is the cost of ranking a day for a
 * thousand profiles, so it is the one loop kept tight (profiled: a term → postings map walk
 * was 40% of ranking).
 */
import type { SparseVector } from './vector-space.js';

export interface CandidateIndex {
  size: number;
  vectors: SparseVector[];
  /** Σ_t weight(t) · x_c(t) for every candidate c, written into `out` (length size). */
  scoreInto(out: Float64Array, terms: Int32Array, weights: Float64Array): void;
}

export function buildCandidateIndex(vectors: SparseVector[]): CandidateIndex {
  const starts = new Int32Array(vectors.length + 1);
  let nnz = 0;
  let vocabulary = 0;
  vectors.forEach((v, c) => {
    starts[c] = nnz;
    nnz += v.idx.length;
    if (v.idx.length) vocabulary = Math.max(vocabulary, v.idx[v.idx.length - 1]! + 1);
  });
  starts[vectors.length] = nnz;
  const terms = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  vectors.forEach((v, c) => {
    terms.set(v.idx, starts[c]!);
    vals.set(v.val, starts[c]!);
  });
  // Only the candidates' own terms can score: a weight on any other term is skipped.
  const dense = new Float64Array(vocabulary);
  return {
    size: vectors.length,
    vectors,
    scoreInto(out, idx, weights) {
      for (let k = 0; k < idx.length; k++) if (idx[k]! < vocabulary) dense[idx[k]!] = weights[k]!;
      for (let c = 0; c < vectors.length; c++) {
        let s = 0;
        for (let k = starts[c]!, end = starts[c + 1]!; k < end; k++) s += dense[terms[k]!]! * vals[k]!;
        out[c] = s;
      }
      for (let k = 0; k < idx.length; k++) if (idx[k]! < vocabulary) dense[idx[k]!] = 0;
    },
  };
}
