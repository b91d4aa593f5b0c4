/**
 * The optional embedding part of the ranking blend (docs/adr/0015-embeddings.md): how close a
 * candidate's embedding is to the centroid of the profile's liked papers (cosine). Vectors come
 * from outside (an embeddings endpoint, cached per paper and model); here they are plain arrays.
 * A candidate without a vector gets the mean of the others, so its standardized part is 0 and
 * neither helps nor hurts it: ranking never depends on the endpoint being up.
 */
import type { RankDoc } from './features.js';

/** Longest text sent to be embedded, in characters (well under common models' 8k-token input limit). */
export const MAX_EMBEDDING_TEXT = 6000;

/** The text a paper is embedded from: title and abstract, or its summaries when there is no abstract. */
export function embeddingText(doc: Pick<RankDoc, 'title' | 'abstract' | 'summaries'>): string {
  const body = doc.abstract?.trim() ? doc.abstract.trim() : (doc.summaries ?? []).map((s) => s.trim()).filter(Boolean).join('\n');
  return `${doc.title.trim()}\n\n${body}`.trim().slice(0, MAX_EMBEDDING_TEXT);
}

function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** Mean of the liked vectors, each scaled to unit length first; undefined when there is none usable. */
export function likedCentroid(liked: Float32Array[]): Float64Array | undefined {
  const dims = liked[0]?.length ?? 0;
  const usable = liked.filter((v) => v.length === dims && norm(v) > 0);
  if (dims === 0 || usable.length === 0) return undefined;
  const c = new Float64Array(dims);
  for (const v of usable) {
    const n = norm(v);
    for (let i = 0; i < dims; i++) c[i]! += v[i]! / n;
  }
  return c;
}

/**
 * Cosine of each candidate to the liked centroid, or undefined when there is nothing to compare
 * (no liked vector, or no candidate with a vector of the centroid's size): then the part is left out.
 */
export function embeddingSimilarity(candidates: (Float32Array | undefined)[], liked: Float32Array[]): Float64Array | undefined {
  const centroid = likedCentroid(liked);
  if (!centroid) return undefined;
  let cn = 0;
  for (let i = 0; i < centroid.length; i++) cn += centroid[i]! * centroid[i]!;
  cn = Math.sqrt(cn);
  const sims = new Float64Array(candidates.length);
  const has = new Uint8Array(candidates.length);
  let sum = 0;
  let count = 0;
  candidates.forEach((v, c) => {
    if (!v || v.length !== centroid.length || cn === 0) return;
    let dot = 0;
    let vv = 0;
    for (let i = 0; i < centroid.length; i++) {
      dot += v[i]! * centroid[i]!;
      vv += v[i]! * v[i]!;
    }
    if (vv === 0) return;
    sims[c] = dot / (Math.sqrt(vv) * cn);
    has[c] = 1;
    sum += sims[c]!;
    count += 1;
  });
  if (count === 0) return undefined;
  const mean = sum / count;
  has.forEach((h, c) => {
    if (!h) sims[c] = mean;
  });
  return sims;
}
