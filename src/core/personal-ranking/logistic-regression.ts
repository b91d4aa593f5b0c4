/**
 * L2-regularized logistic regression on sparse unit vectors, by full-batch gradient descent
 * with a fixed step and a fixed number of rounds: no randomness, so the same examples always
 * give the same weights. Classes are balanced (each class weighs half of the loss), as
 * arxiv-sanity-lite balances its per-tag SVMs.
 */
import type { SparseVector } from './vector-space.js';

export interface TrainingExample {
  x: SparseVector;
  /** 1 for relevant, 0 for not. */
  y: 0 | 1;
  /** Extra weight within its class (an explicit dislike counts more than a background paper). */
  weight?: number;
}

export interface LogisticOptions {
  l2: number;
  rounds: number;
}

/**
 * Returns the weights of the terms the examples hold (sparse, global term indexes) and the
 * bias. Training runs in a compact space of those terms only (every other weight stays 0),
 * over the examples flattened into one index and one value array.
 */
export function trainLogistic(examples: TrainingExample[], options: LogisticOptions): { weights: SparseVector; bias: number } {
  const local = new Map<number, number>();
  const starts = new Int32Array(examples.length + 1);
  let nnz = 0;
  examples.forEach((e, n) => {
    starts[n] = nnz;
    nnz += e.x.idx.length;
  });
  starts[examples.length] = nnz;
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  examples.forEach((e, n) => {
    for (let k = 0; k < e.x.idx.length; k++) {
      const t = e.x.idx[k]!;
      let i = local.get(t);
      if (i === undefined) local.set(t, (i = local.size));
      idx[starts[n]! + k] = i;
      val[starts[n]! + k] = e.x.val[k]!;
    }
  });
  const w = new Float64Array(local.size);
  const grad = new Float64Array(local.size);
  const classTotal = [0, 0];
  for (const e of examples) classTotal[e.y]! += e.weight ?? 1;
  const sampleWeight = Float64Array.from(examples, (e) => (e.weight ?? 1) / (2 * (classTotal[e.y] || 1)));
  const ys = Float64Array.from(examples, (e) => e.y);
  // Unit vectors: the loss's gradient is 1/4-Lipschitz, so a step of 1/(1/4 + l2) is safe.
  const step = 1 / (0.25 + options.l2);
  const decay = 1 - step * options.l2;
  let bias = 0;
  for (let round = 0; round < options.rounds; round++) {
    grad.fill(0);
    let gBias = 0;
    for (let n = 0; n < examples.length; n++) {
      const from = starts[n]!;
      const to = starts[n + 1]!;
      let z = bias;
      for (let k = from; k < to; k++) z += w[idx[k]!]! * val[k]!;
      const g = sampleWeight[n]! * (1 / (1 + Math.exp(-z)) - ys[n]!);
      gBias += g;
      for (let k = from; k < to; k++) grad[idx[k]!]! += g * val[k]!;
    }
    for (let i = 0; i < w.length; i++) w[i] = decay * w[i]! - step * grad[i]!;
    bias -= step * gBias;
  }
  const global = [...local.entries()].sort((a, b) => a[0] - b[0]);
  return {
    weights: { idx: Int32Array.from(global, ([t]) => t), val: Float64Array.from(global, ([, i]) => w[i]!) },
    bias,
  };
}
