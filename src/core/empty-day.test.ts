import { describe, expect, it } from 'vitest';
import { classifyEmptyDay, drawnSources, nothingRead, unreadSources } from './empty-day.js';

const saturday = { start: '2026-12-04T14:00:00.000Z', end: '2026-12-05T14:00:00.000Z' };
const tuesday = { start: '2026-12-07T14:00:00.000Z', end: '2026-12-08T14:00:00.000Z' };

describe('empty days', () => {
  it('tells a filtered day, a weekend and a plain empty day apart', () => {
    expect(classifyEmptyDay(tuesday, 312, 0)).toEqual({ kind: 'filtered', total: 312 });
    expect(classifyEmptyDay(saturday, 0, 0)).toEqual({ kind: 'quiet', reason: 'weekend' });
    expect(classifyEmptyDay(tuesday, 0, 0)).toEqual({ kind: 'none' });
    expect(classifyEmptyDay(tuesday, 5, 2)).toBeUndefined();
    // Papers on a weekend (another source) that the filters drop: the filters are the reason.
    expect(classifyEmptyDay(saturday, 4, 0)).toEqual({ kind: 'filtered', total: 4 });
  });

  it('counts a source unread when it has not succeeded since the window start', () => {
    const reads = [
      { source: 'arxiv', lastSuccessAt: '2026-12-08T13:00:00.000Z' },
      { source: 'hf', lastSuccessAt: '2026-12-06T13:00:00.000Z' },
      { source: 'blog', lastSuccessAt: null },
    ];
    expect(unreadSources(['arxiv', 'hf', 'blog', 'never-ran'], reads, tuesday.start)).toEqual(['hf', 'blog', 'never-ran']);
    expect(unreadSources(['arxiv'], reads, tuesday.start)).toEqual([]);
  });

  it('holds only when every source the channel draws from is unread', () => {
    expect(drawnSources([], ['arxiv', 'hf'])).toEqual(['arxiv', 'hf']);
    expect(drawnSources(['hf'], ['arxiv', 'hf'])).toEqual(['hf']);
    expect(nothingRead(['arxiv', 'hf'], ['arxiv', 'hf'])).toBe(true);
    expect(nothingRead(['arxiv', 'hf'], ['hf'])).toBe(false);
    expect(nothingRead([], [])).toBe(false);
  });
});
