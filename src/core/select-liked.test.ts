import { describe, expect, it } from 'vitest';
import type { RankedPaper } from './personal-ranking/rank-day.js';
import { selectLiked, topPlaces } from './select-liked.js';

const reason = { terms: ['diffusion', 'video'] };
/** A pool of `n` papers, ids 1…n best first, scores falling from 3 by 0.25 a place. */
const pool = (n: number, over: Partial<Record<number, Partial<RankedPaper>>> = {}): RankedPaper[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, score: 3 - i * 0.25, reason, ...over[i + 1] }));
const ids = (list: RankedPaper[]) => list.map((r) => r.id);

describe('which new papers a liked subscription gets', () => {
  it('takes only the cycle’s new papers, best first, within the top tenth of the pool', () => {
    // 40 papers: the top 4 places count. New papers at places 2, 4 and 5.
    expect(ids(selectLiked(pool(40), new Set([5, 4, 2]), 10))).toEqual([2, 4]);
    expect(topPlaces(40)).toBe(4);
    expect(topPlaces(3)).toBe(1);
  });

  it('never takes more than what is left of the day’s cap, and nothing once it is used up', () => {
    const fresh = new Set([1, 2, 3, 4]);
    expect(ids(selectLiked(pool(40), fresh, 1))).toEqual([1]);
    expect(ids(selectLiked(pool(40), fresh, 3))).toEqual([1, 2, 3]);
    expect(selectLiked(pool(40), fresh, 0)).toEqual([]);
    expect(selectLiked(pool(40), fresh, -2)).toEqual([]);
  });

  it('needs a score of at least the minimum, even in the top places', () => {
    const low = pool(40, { 1: { score: 0.9 }, 2: { score: 1 } });
    expect(ids(selectLiked(low, new Set([1, 2]), 5))).toEqual([2]);
    expect(ids(selectLiked(low, new Set([1, 2]), 5, { topShare: 0.1, minScore: 1.5 }))).toEqual([]);
  });

  it('skips a paper without a reason a reader would accept: a liked paper it is like, a liked author, or two of the profile’s words', () => {
    const list = pool(40, {
      1: { reason: { terms: [] } },
      2: { reason: { terms: [], like: { id: 99, title: 'A liked paper' } } },
      3: { reason: { terms: ['models'] } },
      4: { reason: { terms: [], author: 'Mina Park' } },
    });
    expect(ids(selectLiked(list, new Set([1, 2, 3, 4]), 5))).toEqual([2, 4]);
  });

  it('takes nothing without new papers', () => {
    expect(selectLiked(pool(40), new Set(), 5)).toEqual([]);
    expect(selectLiked([], new Set([1]), 5)).toEqual([]);
  });
});
