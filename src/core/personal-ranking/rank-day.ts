/**
 * Ranks one day's candidates for one profile. The score is a blend of parts, each
 * standardized over the day's candidates (z-scores): the model's term weights, the similarity
 * to the nearest liked paper, Hugging Face votes and recency. The blend weights come from the
 * quality benchmark (bench/ranking-quality-bench.ts, docs/benchmarks.md), chosen on its
 * validation topics and reported on others. The reason shown with a paper is read off the same
 * parts (see explain.ts), so it cannot disagree with the score.
 *
 * With embeddings configured, one more part: the cosine of the candidate's embedding to the
 * centroid of the liked papers' (embedding-part.ts), weighted by `embedding`. Without vectors
 * the part is absent and the ranking is exactly what it is without embeddings.
 */
import { buildCandidateIndex, type CandidateIndex } from './candidate-index.js';
import { explainRank, type RankReason } from './explain.js';
import type { RankDoc } from './features.js';
import type { ProfileModel } from './profile-model.js';
import { dot, type SparseVector, type VectorSpace } from './vector-space.js';

export interface RankCandidate extends RankDoc {
  votes: number | null;
  /** YYYY-MM-DD or ISO. */
  date: string | null;
}

export interface BlendWeights {
  /** The similarity model (Rocchio centroid). */
  model: number;
  /** The classifier, when the profile has one. */
  classifier: number;
  neighbour: number;
  votes: number;
  recency: number;
  /** The embedding part's weight; absent = 0. Used only when vectors are given. */
  embedding?: number;
}

// Chosen by `node --import tsx bench/ranking-quality-bench.ts --tune --days 24 --lists 10` on the validation corpora (docs/benchmarks.md).
export const DEFAULT_BLEND: BlendWeights = { model: 1, classifier: 0.5, neighbour: 0, votes: 0.3, recency: 0.05 };

export interface RankedPaper {
  id: number;
  score: number;
  reason: RankReason;
}

/** The day's candidates, vectorized and indexed once for every profile ranked against them. */
export interface RankingDay {
  space: VectorSpace;
  candidates: RankCandidate[];
  index: CandidateIndex;
  /** The parts that do not depend on the profile, standardized once for the day. */
  votes: Float64Array;
  recency: Float64Array;
  /** The candidates in tie-break order (most votes, then lowest id). */
  tieOrder: Int32Array;
}

/**
 * Vectorizes the day's candidates in `space`: the vocabulary the profiles' models were trained
 * in (built once from the background papers and every profile's examples, see
 * buildVectorSpace), so one trained model serves every day until its profile changes.
 */
export function prepareRankingDay(space: VectorSpace, candidates: RankCandidate[], vectorOf: (c: RankCandidate) => SparseVector = (c) => space.vectorize(c)): RankingDay {
  return {
    space,
    candidates,
    index: buildCandidateIndex(candidates.map(vectorOf)),
    votes: standardize(Float64Array.from(candidates, (c) => Math.log1p(Math.max(0, c.votes ?? 0)))),
    recency: standardize(Float64Array.from(candidates, (c) => dayNumber(c.date))),
    tieOrder: Int32Array.from(Array.from(candidates, (_, i) => i).sort((a, b) => (candidates[b]!.votes ?? 0) - (candidates[a]!.votes ?? 0) || candidates[a]!.id - candidates[b]!.id)),
  };
}

function standardize(xs: Float64Array): Float64Array {
  const n = xs.length || 1;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const z = new Float64Array(xs.length);
  if (sd > 1e-12) for (let i = 0; i < xs.length; i++) z[i] = (xs[i]! - mean) / sd;
  return z;
}

/**
 * Candidate indexes best first: by score, ties by `tieOrder`. The scores are sorted as plain
 * numbers (the engine's native sort) and each candidate, taken in tie-break order, fills the
 * next free place of its score: the same order as a comparator sort, at a fraction of its cost
 * (a comparator sort of 1,000 candidates was a third of ranking one profile).
 */
function bestFirst(scores: Float64Array, tieOrder: Int32Array): Int32Array {
  const n = scores.length;
  const sorted = scores.slice().sort().reverse();
  const taken = new Int32Array(n);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = tieOrder[k]!;
    const s = scores[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! > s) lo = mid + 1;
      else hi = mid;
    }
    order[lo + taken[lo]!++] = i;
  }
  return order;
}

/** Four decimals, for output; the order is decided on the unrounded scores. */
function rounded(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

function dayNumber(date: string | null): number {
  const t = date ? Date.parse(date.slice(0, 10)) : NaN;
  return Number.isNaN(t) ? 0 : t / 86_400_000;
}

/** Reasons are read off the model for the best this many papers only: what any digest can show. */
export const EXPLAINED = 50;

/**
 * Best first; ties broken by votes, then id, so the order is fully determined. `embedding`: the
 * candidates' raw similarity to the liked papers in embedding space (embeddingSimilarity), if any.
 * Papers past `explain` get an empty reason.
 */
export function rankDay(day: RankingDay, model: ProfileModel, blend: BlendWeights = DEFAULT_BLEND, embedding?: Float64Array, explain = EXPLAINED): RankedPaper[] {
  const n = day.candidates.length;
  const modelScore = new Float64Array(n);
  day.index.scoreInto(modelScore, model.weights.idx, model.weights.val);
  const classifierScore = new Float64Array(n);
  if (model.classifier) day.index.scoreInto(classifierScore, model.classifier.idx, model.classifier.val);
  // The nearest liked paper: for every candidate when it is a part of the score, else only for the
  // explained ones (the "like <title>" reason), by sparse dot products.
  const nearest = new Float64Array(n);
  const nearestOf = new Int32Array(n).fill(-1);
  if (blend.neighbour !== 0) {
    const sim = new Float64Array(n);
    model.neighbours.forEach((nb, k) => {
      day.index.scoreInto(sim, nb.vector.idx, nb.vector.val);
      for (let c = 0; c < n; c++) if (sim[c]! > nearest[c]! && day.candidates[c]!.id !== nb.doc.id) [nearest[c], nearestOf[c]] = [sim[c]!, k];
    });
  }
  const parts = { model: standardize(modelScore), classifier: standardize(classifierScore), neighbour: standardize(nearest) };
  const embedded = embedding && blend.embedding ? { z: standardize(embedding), w: blend.embedding } : undefined;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const score = blend.model * parts.model[i]! + blend.classifier * parts.classifier[i]! + blend.neighbour * parts.neighbour[i]! + blend.votes * day.votes[i]! + blend.recency * day.recency[i]!;
    scores[i] = embedded ? score + embedded.w * embedded.z[i]! : score;
  }
  const order = bestFirst(scores, day.tieOrder);
  if (blend.neighbour === 0) for (let place = 0; place < Math.min(explain, n); place++) nearestLiked(model, day, order[place]!, nearest, nearestOf);
  return Array.from(order, (i, place) => {
    const score = rounded(scores[i]!);
    if (place >= explain) return { id: day.candidates[i]!.id, score, reason: { terms: [] } };
    const nb = nearestOf[i]! >= 0 ? model.neighbours[nearestOf[i]!] : undefined;
    const vector: SparseVector = day.index.vectors[i]!;
    return {
      id: day.candidates[i]!.id,
      score,
      reason: explainRank({ candidate: day.candidates[i]!, vector, model, space: day.space, nearest: nb ? { doc: nb.doc, similarity: nearest[i]! } : undefined }),
    };
  });
}

function nearestLiked(model: ProfileModel, day: RankingDay, c: number, nearest: Float64Array, nearestOf: Int32Array): void {
  model.neighbours.forEach((nb, k) => {
    if (nb.doc.id === day.candidates[c]!.id) return;
    const sim = dot(nb.vector, day.index.vectors[c]!);
    if (sim > nearest[c]!) [nearest[c], nearestOf[c]] = [sim, k];
  });
}
