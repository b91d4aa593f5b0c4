import { describe, expect, it } from 'vitest';
import { embeddingSimilarity, embeddingText, likedCentroid, MAX_EMBEDDING_TEXT } from './embedding-part.js';
import { trainProfileModel } from './profile-model.js';
import { DEFAULT_BLEND, prepareRankingDay, rankDay, type RankCandidate } from './rank-day.js';
import { buildVectorSpace } from './vector-space.js';

const v = (...xs: number[]): Float32Array => Float32Array.from(xs);

describe('embeddingText', () => {
  it('is the title and abstract, or the summaries when there is no abstract, capped in length', () => {
    expect(embeddingText({ title: ' Video diffusion ', abstract: 'We generate video.', summaries: ['요약'] })).toBe('Video diffusion\n\nWe generate video.');
    expect(embeddingText({ title: 'Video diffusion', abstract: ' ', summaries: ['비디오 확산', ' ', '動画拡散'] })).toBe('Video diffusion\n\n비디오 확산\n動画拡散');
    expect(embeddingText({ title: 'Only a title', abstract: null })).toBe('Only a title');
    expect(embeddingText({ title: 'T', abstract: 'x'.repeat(10_000) })).toHaveLength(MAX_EMBEDDING_TEXT);
  });
});

describe('embeddingSimilarity', () => {
  it('is the cosine to the centroid of the unit-length liked vectors', () => {
    // Lengths differ: each liked vector counts the same after scaling to unit length.
    expect(Array.from(likedCentroid([v(10, 0), v(0, 1)])!)).toEqual([1, 1]);
    const sims = embeddingSimilarity([v(1, 1), v(1, 0), v(-1, -1)], [v(10, 0), v(0, 1)])!;
    expect(Array.from(sims, (s) => Number(s.toFixed(6)))).toEqual([1, Number(Math.SQRT1_2.toFixed(6)), -1]);
  });

  it('gives a candidate without a vector (or of another size) the mean of the others, so it neither helps nor hurts', () => {
    const sims = embeddingSimilarity([v(1, 0), undefined, v(0, 1), v(1, 0, 0)], [v(1, 0)])!;
    expect(Array.from(sims)).toEqual([1, 0.5, 0, 0.5]);
  });

  it('is absent when there is nothing to compare: no liked vector, or no candidate with one', () => {
    expect(embeddingSimilarity([v(1, 0)], [])).toBeUndefined();
    expect(embeddingSimilarity([undefined, v(1, 0, 0)], [v(1, 0)])).toBeUndefined();
    expect(embeddingSimilarity([v(1, 0)], [v(0, 0)])).toBeUndefined();
  });
});

describe('rankDay with an embedding part', () => {
  const doc = (id: number, title: string, votes: number): RankCandidate => ({ id, title, abstract: title, authors: [], categories: [], votes, date: '2025-03-03' });
  const liked = doc(1, 'video diffusion generation', 0);
  const today = [doc(20, 'video diffusion sampling', 5), doc(21, 'multilingual chat tuning', 300), doc(22, 'protein folding models', 100), doc(23, 'tabular benchmarks', 1)];
  const space = buildVectorSpace([liked, ...today]);
  const model = trainProfileModel(space, [{ doc: liked, value: 1 }], []);
  const day = prepareRankingDay(space, today);

  it('changes nothing when the weight is 0 or no part is given', () => {
    const off = JSON.stringify(rankDay(day, model));
    expect(JSON.stringify(rankDay(day, model, { ...DEFAULT_BLEND, embedding: 0 }, Float64Array.from([0, 1, 0, 0])))).toBe(off);
    expect(JSON.stringify(rankDay(day, model, { ...DEFAULT_BLEND, embedding: 3 }))).toBe(off);
  });

  it('lifts the candidate closest to the liked papers in embedding space, by its weight', () => {
    const off = rankDay(day, model).map((r) => r.id);
    expect(off[0]).toBe(20);
    // Embeddings say the protein paper (22) is what this profile likes; a heavy weight puts it first.
    const part = Float64Array.from([0.1, 0.1, 0.9, 0.1]);
    expect(rankDay(day, model, { ...DEFAULT_BLEND, embedding: 5 }, part)[0]!.id).toBe(22);
    const light = rankDay(day, model, { ...DEFAULT_BLEND, embedding: 0.1 }, part).map((r) => r.id);
    expect(light[0]).toBe(20);
    expect(light.indexOf(22)).toBeLessThanOrEqual(off.indexOf(22));
  });
});
