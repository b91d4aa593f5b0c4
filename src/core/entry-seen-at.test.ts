import { describe, expect, it } from 'vitest';
import { firstSeenTimes } from './entry-seen-at.js';

const NOW = '2024-10-31T06:00:00.000Z';

describe('firstSeenTimes', () => {
  it('takes a batch of one day as new, whatever its date', () => {
    const entries = [{ announcedOn: '2023-01-05' }, { announcedOn: '2023-01-05' }, {}];
    const seen = firstSeenTimes(entries, NOW);
    expect(entries.map(seen)).toEqual([NOW, NOW, NOW]);
  });

  it('dates the entries of an archive more than two days older than its newest at the end of their own day', () => {
    const entries = [
      { announcedOn: '2024-10-31' },
      { announcedOn: '2024-10-30' },
      { announcedOn: '2024-10-29' },
      { announcedOn: '2024-10-28' },
      { publishedAt: '2024-09-01T10:00:00Z' },
      {},
    ];
    const seen = firstSeenTimes(entries, NOW);
    expect(entries.map(seen)).toEqual([NOW, NOW, NOW, '2024-10-28T23:59:59.999Z', '2024-09-01T23:59:59.999Z', NOW]);
  });

  it('prefers the announced or featured day over the publication date', () => {
    const seen = firstSeenTimes([{ announcedOn: '2024-10-31' }, { announcedOn: '2024-10-31', publishedAt: '2024-06-01T00:00:00Z' }], NOW);
    expect(seen({ announcedOn: '2024-10-31', publishedAt: '2024-06-01T00:00:00Z' })).toBe(NOW);
  });

  it('never dates an entry after now, ignores dates it cannot read, and does not let a future date age the rest', () => {
    const seen = firstSeenTimes([{ announcedOn: '2024-11-30' }, { announcedOn: '2024-10-30' }, { announcedOn: '2024-10-01' }, { announcedOn: 'soon' }], NOW);
    expect(seen({ announcedOn: '2024-10-01' })).toBe('2024-10-01T23:59:59.999Z');
    expect(seen({ announcedOn: '2024-10-30' })).toBe(NOW);
    expect(seen({ announcedOn: 'soon' })).toBe(NOW);
    expect(seen({ announcedOn: '2024-11-30' })).toBe(NOW);
  });
});
