/**
 * tf-idf vectors over one vocabulary: sublinear term frequency, smoothed idf from the documents
 * the space is built on (a day's candidates, the profiles' examples and a background sample),
 * unit length. Vectors are sparse (sorted term indexes and values); a profile's weights are
 * scored against many of them through one reusable dense buffer.
 */
import { docTerms, type RankDoc } from './features.js';

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface VectorSpace {
  /** Term → index. */
  index: Map<string, number>;
  terms: string[];
  idf: Float64Array;
  vectorize(doc: RankDoc): SparseVector;
}

/** Builds the vocabulary and idf from `corpus`; terms seen only later get the rarest idf. */
export function buildVectorSpace(corpus: RankDoc[]): VectorSpace {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const cache = new Map<RankDoc, Map<string, number>>();
  // The corpus's own documents are vectorized many times (every profile's classifier learns against them): once is enough.
  const vectors = new WeakMap<RankDoc, SparseVector>();
  for (const doc of corpus) {
    const counts = docTerms(doc);
    cache.set(doc, counts);
    for (const term of counts.keys()) {
      let i = index.get(term);
      if (i === undefined) {
        i = terms.length;
        index.set(term, i);
        terms.push(term);
        df.push(0);
      }
      df[i]! += 1;
    }
  }
  const n = corpus.length;
  const idf = Float64Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
  const unseenIdf = Math.log(n + 1) + 1;
  // A term's weight while one document is vectorized (each slot is written before it is read).
  const scratch = new Float64Array(terms.length);
  return {
    index,
    terms,
    idf,
    vectorize(doc) {
      const known = vectors.get(doc);
      if (known) return known;
      const counts = cache.get(doc) ?? docTerms(doc);
      // Typed arrays and a numeric sort of the indexes, not [index, weight] pairs and a comparator
      // sort: this runs for every candidate (a third of `similar`'s time before, ADR 22).
      const kept = new Int32Array(counts.size);
      let held = 0;
      let squares = 0;
      for (const [term, tf] of counts) {
        const i = index.get(term);
        // A term outside the vocabulary cannot match any weight: it only lengthens the vector.
        const w = (1 + Math.log(tf)) * (i === undefined ? unseenIdf : idf[i]!);
        squares += w * w;
        if (i !== undefined) {
          kept[held++] = i;
          scratch[i] = w;
        }
      }
      const norm = Math.sqrt(squares) || 1;
      const idx = kept.slice(0, held).sort();
      const val = new Float64Array(held);
      for (let k = 0; k < held; k++) val[k] = scratch[idx[k]!]! / norm;
      const vector = { idx, val };
      if (cache.has(doc)) vectors.set(doc, vector);
      return vector;
    },
  };
}

export function dot(a: SparseVector, b: SparseVector): number {
  let s = 0;
  for (let i = 0, j = 0; i < a.idx.length && j < b.idx.length; ) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Σ weights[idx] · val: a sparse vector against dense weights. */
export function dotDense(v: SparseVector, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) s += weights[v.idx[i]!]! * v.val[i]!;
  return s;
}
