import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_SETTINGS, nextDigest } from './channel.js';
import { isoWeekDays, isoWeekOf, isoWeekProblem, latestWeeklySlot, weeklySlotOf, weeksInYear } from './iso-week.js';

describe('ISO weeks', () => {
  it('names the week of a date, the first and last days of a year included', () => {
    expect(isoWeekOf('2024-10-30')).toBe('2024-W44');
    expect(isoWeekOf('2024-10-28')).toBe('2024-W44');
    expect(isoWeekOf('2024-11-03')).toBe('2024-W44');
    expect(isoWeekOf('2024-11-04')).toBe('2024-W45');
    // A Monday in December that is already week 1 of the next year.
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2008-12-29')).toBe('2009-W01');
    // January days that still belong to the previous year's week 53 or 52.
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2005-01-01')).toBe('2004-W53');
    expect(isoWeekOf('2023-01-01')).toBe('2022-W52');
    expect(isoWeekOf('2020-12-31')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026].map(weeksInYear)).toEqual([53, 53, 53]);
    expect([2021, 2023, 2024, 2025].map(weeksInYear)).toEqual([52, 52, 52, 52]);
  });

  it('gives the Monday and Sunday of a week, across a year boundary', () => {
    expect(isoWeekDays('2024-W44')).toEqual({ monday: '2024-10-28', sunday: '2024-11-03' });
    expect(isoWeekDays('2020-W53')).toEqual({ monday: '2020-12-28', sunday: '2021-01-03' });
    expect(isoWeekDays('2025-W01')).toEqual({ monday: '2024-12-30', sunday: '2025-01-05' });
    expect(isoWeekDays('2026-W01')).toEqual({ monday: '2025-12-29', sunday: '2026-01-04' });
  });

  it('accepts only real ISO weeks, with a reason for the rest', () => {
    expect(isoWeekProblem('2024-W44')).toBeUndefined();
    expect(isoWeekProblem('2020-W53')).toBeUndefined();
    expect(isoWeekProblem('2024-W53')).toBe('2024 has weeks W01 to W52');
    expect(isoWeekProblem('2024-W00')).toBe('2024 has weeks W01 to W52');
    for (const bad of ['2024-44', '2024W44', '2024-W4', '24-W44', '2024-w44', '2024-10-30', '']) expect(isoWeekProblem(bad), bad).toMatch(/not an ISO week/);
  });
});

describe('weekly slots', () => {
  const seoulMonday = { weekday: 'mon', time: '09:00', timezone: 'Asia/Seoul' } as const;

  it('finds the latest slot at or before now in the channel’s zone, not in UTC', () => {
    // Sunday 23:59 UTC is Monday 08:59 in Seoul: the slot of that Monday has not come yet.
    expect(latestWeeklySlot(new Date('2024-11-03T23:59:00Z'), seoulMonday)).toMatchObject({ week: '2024-W44', date: '2024-10-28', at: new Date('2024-10-28T00:00:00Z') });
    expect(latestWeeklySlot(new Date('2024-11-04T00:00:00Z'), seoulMonday)).toMatchObject({ week: '2024-W45', date: '2024-11-04', at: new Date('2024-11-04T00:00:00Z') });
    // The same instant in Los Angeles is Sunday afternoon.
    expect(latestWeeklySlot(new Date('2024-11-04T00:00:00Z'), { ...seoulMonday, timezone: 'America/Los_Angeles' })).toMatchObject({ date: '2024-10-28', week: '2024-W44' });
    const friday = latestWeeklySlot(new Date('2024-10-30T12:00:00Z'), { weekday: 'fri', time: '17:30', timezone: 'Europe/Berlin' });
    expect(friday).toMatchObject({ week: '2024-W43', date: '2024-10-25', at: new Date('2024-10-25T15:30:00Z'), from: new Date('2024-10-18T15:30:00Z') });
  });

  it('covers the week since the previous slot, 169 or 167 hours long when daylight saving time ends or starts in between', () => {
    const ny = { weekday: 'mon', time: '09:00', timezone: 'America/New_York' } as const;
    const fall = weeklySlotOf('2024-W45', ny);
    expect([fall.from.toISOString(), fall.at.toISOString()]).toEqual(['2024-10-28T13:00:00.000Z', '2024-11-04T14:00:00.000Z']);
    expect((fall.at.getTime() - fall.from.getTime()) / 3_600_000).toBe(169);
    const spring = weeklySlotOf('2024-W11', ny);
    expect((spring.at.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    // Consecutive weeks tile: no paper falls between two weekly digests or into both.
    expect(weeklySlotOf('2024-W46', ny).from).toEqual(fall.at);
  });

  it('puts the slot of a week on its weekday, across the year boundary, and resolves a skipped local time', () => {
    expect(weeklySlotOf('2025-W01', { weekday: 'wed', time: '08:00', timezone: 'UTC' })).toMatchObject({ date: '2025-01-01', week: '2025-W01' });
    expect(weeklySlotOf('2020-W53', { weekday: 'sun', time: '08:00', timezone: 'UTC' })).toMatchObject({ date: '2021-01-03', week: '2020-W53' });
    expect(latestWeeklySlot(new Date('2021-01-04T07:00:00Z'), { weekday: 'sun', time: '08:00', timezone: 'UTC' }).week).toBe('2020-W53');
    // 02:30 on 31 March 2024 does not exist in Berlin: the slot is just after the gap.
    expect(weeklySlotOf('2024-W13', { weekday: 'sun', time: '02:30', timezone: 'Europe/Berlin' }).at.toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });
});

describe('the next digest of a channel', () => {
  it('is the earlier of its next daily and weekly slots, or only the one its cadence has', () => {
    const channel = (cadence: 'daily' | 'weekly' | 'both') => ({ time: '09:00', timezone: 'Asia/Seoul', settings: { ...DEFAULT_CHANNEL_SETTINGS, cadence, weekly: { weekday: 'mon' as const, time: '08:00' } } });
    // Sunday 3 November 2024, 12:00 in Seoul.
    const now = new Date('2024-11-03T03:00:00Z');
    expect(nextDigest(channel('daily'), now)).toEqual({ at: new Date('2024-11-04T00:00:00Z'), date: '2024-11-04', kind: 'daily' });
    expect(nextDigest(channel('weekly'), now)).toEqual({ at: new Date('2024-11-03T23:00:00Z'), date: '2024-11-04', kind: 'weekly' });
    expect(nextDigest(channel('both'), now).kind).toBe('weekly');
    expect(nextDigest(channel('both'), new Date('2024-11-04T01:00:00Z'))).toMatchObject({ date: '2024-11-05', kind: 'daily' });
  });
});
