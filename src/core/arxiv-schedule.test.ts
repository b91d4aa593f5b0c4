import { describe, expect, it } from 'vitest';
import { arxivQuietReason } from './arxiv-schedule.js';
import { zonedInstant } from './zoned-time.js';

/** The window of a daily digest at 09:00 in `zone` on `date` (the 24 hours before it). */
function dailyWindow(date: string, zone: string): [Date, Date] {
  const end = zonedInstant(date, '09:00', zone);
  return [new Date(end.getTime() - 86_400_000), end];
}

describe('arXiv announcement schedule', () => {
  it('finds no announcement in the windows that end on Saturday and Sunday mornings in New York', () => {
    // Friday 2026-12-04 20:00 ET announces nothing (no Saturday listing), nor does Saturday's evening.
    expect(arxivQuietReason(...dailyWindow('2026-12-05', 'America/New_York'))).toBe('weekend');
    expect(arxivQuietReason(...dailyWindow('2026-12-06', 'America/New_York'))).toBe('weekend');
    // Sunday 20:00 ET announces Monday's listing; Thursday 20:00 ET announces Friday's.
    expect(arxivQuietReason(...dailyWindow('2026-12-07', 'America/New_York'))).toBeUndefined();
    expect(arxivQuietReason(...dailyWindow('2026-12-04', 'America/New_York'))).toBeUndefined();
  });

  it('follows the announcement instant, not the local date: in Seoul the quiet mornings are Sunday and Monday', () => {
    // 09:00 KST is 19:00 EST the evening before, an hour before arXiv announces.
    expect(arxivQuietReason(...dailyWindow('2026-12-05', 'Asia/Seoul'))).toBeUndefined();
    expect(arxivQuietReason(...dailyWindow('2026-12-06', 'Asia/Seoul'))).toBe('weekend');
    expect(arxivQuietReason(...dailyWindow('2026-12-07', 'Asia/Seoul'))).toBe('weekend');
    expect(arxivQuietReason(...dailyWindow('2026-12-08', 'Asia/Seoul'))).toBeUndefined();
  });

  it('keeps 20:00 US Eastern across the DST change', () => {
    // 2024-03-10 US DST starts: Sunday 20:00 EDT is 00:00 UTC Monday.
    const announce = Date.parse('2024-03-11T00:00:00Z');
    expect(arxivQuietReason(new Date(announce - 60_000), new Date(announce + 60_000))).toBeUndefined();
    expect(arxivQuietReason(new Date(announce + 60_000), new Date(announce + 3_600_000))).toBeUndefined();
  });

  it('calls a weekday without an announcement a holiday, from the built-in table or the operator’s dates', () => {
    // Christmas 2026 is a Friday: Thursday evening's announcement is skipped.
    expect(arxivQuietReason(...dailyWindow('2026-12-25', 'America/New_York'))).toBe('holiday');
    const operator = new Set(['2026-11-26']);
    expect(arxivQuietReason(...dailyWindow('2026-11-26', 'America/New_York'))).toBeUndefined();
    expect(arxivQuietReason(...dailyWindow('2026-11-26', 'America/New_York'), operator)).toBe('holiday');
  });

  it('says nothing about a window without an announcement time, or one that also holds an announcement', () => {
    const noon = zonedInstant('2026-12-08', '12:00', 'America/New_York');
    expect(arxivQuietReason(noon, new Date(noon.getTime() + 3_600_000))).toBeUndefined();
    // Friday morning to Monday morning: the weekend evenings and Sunday's announcement.
    expect(arxivQuietReason(zonedInstant('2026-12-04', '09:00', 'America/New_York'), zonedInstant('2026-12-07', '09:00', 'America/New_York'))).toBeUndefined();
  });
});
