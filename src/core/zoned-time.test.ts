import { describe, expect, it } from 'vitest';
import { addDays, latestSlot, localDate, nextSlot, zonedInstant } from './zoned-time.js';

describe('zoned time', () => {
  it('finds the local date of an instant in a zone', () => {
    const t = new Date('2024-10-30T16:30:00Z');
    expect(localDate(t, 'UTC')).toBe('2024-10-30');
    expect(localDate(t, 'Asia/Seoul')).toBe('2024-10-31');
    expect(localDate(t, 'America/Los_Angeles')).toBe('2024-10-30');
  });

  it('turns a local wall time into its UTC instant', () => {
    expect(zonedInstant('2024-10-31', '09:00', 'Asia/Seoul').toISOString()).toBe('2024-10-31T00:00:00.000Z');
    expect(zonedInstant('2024-10-31', '09:00', 'Asia/Tokyo').toISOString()).toBe('2024-10-31T00:00:00.000Z');
    expect(zonedInstant('2024-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-07-01T07:00:00.000Z');
    expect(zonedInstant('2024-12-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-12-01T08:00:00.000Z');
  });

  it('resolves a wall time skipped by a DST jump to just after the gap, and a repeated one to its first occurrence', () => {
    // 2024-03-31 02:30 does not exist in Berlin (02:00 → 03:00).
    expect(zonedInstant('2024-03-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 2024-10-27 02:30 happens twice in Berlin; the first is at 00:30 UTC.
    expect(zonedInstant('2024-10-27', '02:30', 'Europe/Berlin').toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it('gives the latest slot at or before now and the next one after it', () => {
    const now = new Date('2024-10-30T23:59:00Z'); // 08:59 in Seoul on the 31st
    expect(latestSlot(now, '09:00', 'Asia/Seoul')).toEqual({ date: '2024-10-30', at: new Date('2024-10-30T00:00:00Z') });
    expect(nextSlot(now, '09:00', 'Asia/Seoul')).toEqual({ date: '2024-10-31', at: new Date('2024-10-31T00:00:00Z') });
    const atSlot = new Date('2024-10-31T00:00:00Z');
    expect(latestSlot(atSlot, '09:00', 'Asia/Seoul').date).toBe('2024-10-31');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
