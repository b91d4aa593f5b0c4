/**
 * The arxiv-sanity-lite baseline, written here as that project does it (compute.py and
 * serve.py): tf-idf over `title + summary + authors` with scikit-learn's settings
 * (token pattern `\b[a-zA-Z_][a-zA-Z0-9_]+\b`, English stop words, unigrams and bigrams,
 * min_df 5, max_df 0.5, the 10,000 most frequent terms, sublinear tf, smooth idf, l2 norm), then
 * a LinearSVC per tag (squared hinge loss, C = 0.01, balanced class weights, intercept) with
 * every other paper as a negative. The SVM is liblinear's dual coordinate descent.
 */
import { createRandom } from './random.js';

export interface SanityDoc {
  id: number;
  text: string;
}

// A compact English stop list (scikit-learn's has 318 words; these are the ones abstracts use).
const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into
  is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some
  such than that the their theirs them then there these they this those through to too under until up very was we were what when
  where which while who whom why will with would you your`.split(/\s+/),
);

function tokens(text: string): string[] {
  const words = (text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/\b[a-zA-Z_][a-zA-Z0-9_]+\b/g) ?? []).filter((w) => !STOP.has(w));
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

export interface SanityVectors {
  vectorize(text: string): { idx: Int32Array; val: Float64Array };
  dimensions: number;
}

export function fitTfidf(corpus: string[], maxFeatures = 10_000, minDf = 5, maxDf = 0.5): SanityVectors {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const text of corpus) {
    const ts = tokens(text);
    for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = corpus.length;
  const vocab = [...df]
    .filter(([, d]) => d >= minDf && d <= maxDf * n)
    .map(([t]) => t)
    .sort((a, b) => tf.get(b)! - tf.get(a)! || (a < b ? -1 : 1))
    .slice(0, maxFeatures);
  const index = new Map(vocab.map((t, i) => [t, i]));
  const idf = vocab.map((t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  return {
    dimensions: vocab.length,
    vectorize(text) {
      const counts = new Map<number, number>();
      for (const t of tokens(text)) {
        const i = index.get(t);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const pairs = [...counts].map(([i, c]) => [i, (1 + Math.log(c)) * idf[i]!] as const).sort((a, b) => a[0] - b[0]);
      const norm = Math.sqrt(pairs.reduce((s, [, w]) => s + w * w, 0)) || 1;
      return { idx: Int32Array.from(pairs, ([i]) => i), val: Float64Array.from(pairs, ([, w]) => w / norm) };
    },
  };
}

/** LinearSVC (L2-regularized, squared hinge, dual CD, bias as a constant feature), as liblinear. */
export function trainLinearSvc(xs: { idx: Int32Array; val: Float64Array }[], ys: number[], dimensions: number, C = 0.01, maxEpochs = 50, tol = 1e-3) {
  const n = xs.length;
  const pos = ys.filter((y) => y > 0).length;
  const cOf = (y: number): number => (y > 0 ? (C * n) / (2 * pos) : (C * n) / (2 * (n - pos)));
  const w = new Float64Array(dimensions + 1);
  const alpha = new Float64Array(n);
  const diag = ys.map((y) => 1 / (2 * cOf(y)));
  const qii = xs.map((x, i) => x.val.reduce((s, v) => s + v * v, 0) + 1 + diag[i]!);
  const order = Array.from({ length: n }, (_, i) => i);
  const r = createRandom(1);
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const x = xs[i]!;
      const y = ys[i]!;
      let wx = w[dimensions]!;
      for (let k = 0; k < x.idx.length; k++) wx += w[x.idx[k]!]! * x.val[k]!;
      const g = y * wx - 1 + diag[i]! * alpha[i]!;
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i]!;
      alpha[i] = Math.max(old - g / qii[i]!, 0);
      const d = (alpha[i]! - old) * y;
      for (let k = 0; k < x.idx.length; k++) w[x.idx[k]!]! += d * x.val[k]!;
      w[dimensions]! += d;
    }
    if (maxPg - minPg < tol) break;
  }
  return (x: { idx: Int32Array; val: Float64Array }): number => {
    let s = w[dimensions]!;
    for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]!]! * x.val[k]!;
    return s;
  };
}
