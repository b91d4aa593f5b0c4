/**
 * A profile's model, derived from its examples (liked and disliked papers, imported seeds):
 * with few liked examples, their centroid minus a share of the disliked ones (Rocchio); with
 * enough, a logistic regression against the background papers as negatives (arxiv-sanity-lite
 * trains a linear SVM per tag the same way). Either way the model is one weight per term,
 * pruned to the strongest, plus the liked papers themselves for "like <title>" neighbours.
 * Deterministic: the same examples and background give the same model.
 */
import type { RankDoc } from './features.js';
import { trainLogistic, type TrainingExample } from './logistic-regression.js';
import type { SparseVector, VectorSpace } from './vector-space.js';

export interface ProfileExample {
  doc: RankDoc;
  value: 1 | -1;
}

export interface ModelSettings {
  /** Liked examples needed before the classifier replaces the centroid. */
  minLikedForClassifier: number;
  l2: number;
  rounds: number;
  /** How much of the disliked centroid is taken away from the liked one. */
  dislikeShare: number;
  /** Weight of an explicit dislike among the classifier's negatives (background papers weigh 1). */
  dislikeWeight: number;
  /** Terms kept per model (largest |weight|): bounds memory per profile. */
  maxTerms: number;
  /** Liked papers kept as neighbours (the most recent ones). */
  maxNeighbours: number;
  /** Background papers the classifier learns against, taken evenly from those given. */
  maxNegatives: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  minLikedForClassifier: 8,
  l2: 0.01,
  rounds: 60,
  dislikeShare: 0.5,
  dislikeWeight: 3,
  maxTerms: 2000,
  maxNeighbours: 30,
  maxNegatives: 600,
};

export interface ProfileModel {
  kind: 'similarity' | 'classifier';
  /** The liked centroid minus a share of the disliked one (Rocchio): always there. */
  weights: SparseVector;
  /** The logistic regression's weights, once enough papers are liked. */
  classifier?: SparseVector;
  neighbours: { doc: RankDoc; vector: SparseVector }[];
}

function centroid(vectors: SparseVector[], scale: number, into: Map<number, number>): void {
  for (const v of vectors) for (let k = 0; k < v.idx.length; k++) into.set(v.idx[k]!, (into.get(v.idx[k]!) ?? 0) + (scale * v.val[k]!) / vectors.length);
}

function strongest(weights: Map<number, number> | SparseVector, max: number): SparseVector {
  const pairs: [number, number][] = weights instanceof Map ? [...weights] : Array.from(weights.idx, (t, k) => [t, weights.val[k]!]);
  const kept = pairs
    .filter(([, w]) => w !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0] - b[0])
    .slice(0, max)
    .sort((a, b) => a[0] - b[0]);
  return { idx: Int32Array.from(kept, ([t]) => t), val: Float64Array.from(kept, ([, w]) => w) };
}

/**
 * Trains the model of one profile. `examples` are in the order they were given (oldest first);
 * `background` are papers the profile has not judged, the classifier's negatives.
 */
export function trainProfileModel(
  space: VectorSpace,
  examples: ProfileExample[],
  background: RankDoc[],
  settings: ModelSettings = DEFAULT_MODEL_SETTINGS,
): ProfileModel {
  const liked = examples.filter((e) => e.value === 1).map((e) => ({ doc: e.doc, vector: space.vectorize(e.doc) }));
  const disliked = examples.filter((e) => e.value === -1).map((e) => space.vectorize(e.doc));
  const neighbours = liked.slice(-settings.maxNeighbours);
  const w = new Map<number, number>();
  centroid(liked.map((l) => l.vector), 1, w);
  if (disliked.length) centroid(disliked, -settings.dislikeShare, w);
  const similarity = strongest(w, settings.maxTerms);
  if (liked.length < settings.minLikedForClassifier) return { kind: 'similarity', weights: similarity, neighbours };
  const judged = new Set(examples.map((e) => e.doc.id));
  const training: TrainingExample[] = [
    ...liked.map((l) => ({ x: l.vector, y: 1 as const })),
    ...disliked.map((x) => ({ x, y: 0 as const, weight: settings.dislikeWeight })),
    ...evenly(background.filter((d) => !judged.has(d.id)), settings.maxNegatives).map((d) => ({ x: space.vectorize(d), y: 0 as const })),
  ];
  const { weights } = trainLogistic(training, { l2: settings.l2, rounds: settings.rounds });
  return { kind: 'classifier', weights: similarity, classifier: strongest(weights, settings.maxTerms), neighbours };
}

/** At most `n` items, spread evenly over the list (deterministic). */
function evenly<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, k) => items[Math.floor((k * items.length) / n)]!);
}
