import { describe, expect, it } from 'vitest';
import { combineRepeatedEntry } from './repeated-entry.js';
import type { SourceEntry } from './types.js';

const base: SourceEntry = { entryKey: 'arxiv:2411.00201', kind: 'paper', arxivId: '2411.00201', title: 'Listing' };

describe('combineRepeatedEntry', () => {
  it('keeps the earlier blurb when the later item of the same paper has none', () => {
    const earlier = { ...base, summaries: [{ locale: 'en', sections: [{ kind: 'excerpt' as const, text: 'The blurb.' }] }] };
    const later = { ...base, title: 'On Hugging Face', links: { huggingface: 'https://huggingface.co/papers/2411.00201' } };
    expect(combineRepeatedEntry(earlier, later)).toEqual({
      ...base,
      title: 'On Hugging Face',
      links: { huggingface: 'https://huggingface.co/papers/2411.00201' },
      summaries: earlier.summaries,
    });
  });

  it('lets the later entry win for what it says: its summary in a locale, its votes, its links', () => {
    const ko = (text: string) => ({ locale: 'ko', sections: [{ kind: 'summary' as const, text }] });
    const earlier = { ...base, votes: 3, authors: ['A'], links: { arxiv: 'a', pdf: 'p1' }, summaries: [ko('어제')] };
    const later = { ...base, votes: 9, links: { pdf: 'p2' }, summaries: [ko('오늘'), { locale: 'en', sections: [] }] };
    const combined = combineRepeatedEntry(earlier, later);
    expect(combined).toMatchObject({ votes: 9, authors: ['A'], links: { arxiv: 'a', pdf: 'p2' } });
    expect(combined.summaries).toEqual([ko('오늘'), { locale: 'en', sections: [] }]);
  });
});
