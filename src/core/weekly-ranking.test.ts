import { describe, expect, it } from 'vitest';
import type { Candidate } from './select-papers.js';
import { engagementScore, NO_ENGAGEMENT, rankWeekly, type Engagement } from './weekly-ranking.js';

const paper = (id: number, votes: number | null): Candidate => ({ id, title: `P${id}`, abstract: null, categories: [], votes, date: '2024-10-30', firstSeenAt: '2024-10-30T00:00:00Z' });
const e = (over: Partial<Engagement>): Engagement => ({ ...NO_ENGAGEMENT, ...over });

describe('weekly ranking', () => {
  const papers = [paper(1, 90), paper(2, 10), paper(3, 50), paper(4, 70), paper(5, null)];

  it('puts what the members liked, saved and discussed first, whatever the votes', () => {
    const engagement = new Map([
      [2, e({ likes: 3 })],
      [3, e({ saves: 1, replies: 2 })],
      [5, e({ likes: 1, dislikes: 1, replies: 1 })],
    ]);
    // 2: 3; 3: 1 + 1 = 2; 5: 0 + ½; then 1 and 4 by votes.
    expect(rankWeekly(papers, engagement).map((p) => p.id)).toEqual([2, 3, 5, 1, 4]);
  });

  it('puts a paper the members disliked below the ones nobody touched', () => {
    expect(rankWeekly(papers, new Map([[1, e({ dislikes: 1 })]])).map((p) => p.id)).toEqual([4, 3, 2, 5, 1]);
  });

  it('breaks ties by the channel’s profile, then by votes; papers the profile did not score after those it did', () => {
    const engagement = new Map([[4, e({ likes: 1 })], [2, e({ likes: 1 })]]);
    const profile = new Map([[2, 0.9], [4, 0.1], [5, 0.5]]);
    expect(rankWeekly(papers, engagement, profile).map((p) => p.id)).toEqual([2, 4, 5, 1, 3]);
    // Without a profile, the tie between 4 and 2 goes to votes.
    expect(rankWeekly(papers, engagement).map((p) => p.id)).toEqual([4, 2, 1, 3, 5]);
  });

  it('weighs a like and a save alike, a reply half', () => {
    expect(engagementScore(e({ likes: 5, saves: 2, replies: 12 }))).toBe(13);
    expect(engagementScore(e({ likes: 1, dislikes: 2 }))).toBe(-1);
  });
});
