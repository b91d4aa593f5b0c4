import { describe, expect, it } from 'vitest';
import { relevanceScorer, titleScorer } from './relevance.js';

const empty = { title: '', authors: '', summaries: '', abstract: '' };

describe('relevanceScorer', () => {
  it('weighs a title match above the same word in the abstract', () => {
    const score = relevanceScorer('retrieval');
    expect(score({ ...empty, title: 'Dense Retrieval' })).toBeGreaterThan(score({ ...empty, abstract: 'retrieval retrieval retrieval' }));
  });

  it('gives repeated words diminishing returns', () => {
    const score = relevanceScorer('robot');
    const once = score({ ...empty, abstract: 'robot' });
    const twice = score({ ...empty, abstract: 'robot robot' });
    const many = score({ ...empty, abstract: 'robot '.repeat(50) });
    expect(twice - once).toBeLessThan(once);
    expect(many).toBeLessThan(1);
  });

  it('counts Korean and Japanese words inside longer runs, with NFKC folding', () => {
    expect(relevanceScorer('검색')({ ...empty, summaries: '검색된 문서를 다시 검색합니다' })).toBeCloseTo((3 * 2) / 3.2, 5);
    expect(relevanceScorer('ＬＬＭ')({ ...empty, title: 'An LLM study' })).toBeGreaterThan(0);
  });
});

describe('titleScorer', () => {
  it('is the title part of relevanceScorer, so it ranks title matches as the full score would', () => {
    const full = relevanceScorer('dense retrieval');
    const title = titleScorer('dense retrieval');
    expect(title('dense retrieval at scale')).toBeCloseTo(full({ ...empty, title: 'Dense Retrieval at Scale' }), 10);
    expect(title('dense retrieval')).toBeGreaterThan(title('retrieval'));
  });
});
