import { describe, expect, it } from 'vitest';
import { createConnectionTracker, describeConnection, describeRecorded, RECORD_STALE_MS, type ConnectionStatus } from './connection-state.js';

function clock(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe('connection tracker', () => {
  it('keeps since while the state holds, through repeated events, and moves it on a change', () => {
    const c = clock('2024-10-30T06:00:00Z');
    const t = createConnectionTracker(c.now);
    const seen: ConnectionStatus[] = [];
    t.onChange((s) => seen.push(s));
    expect(t.status()).toEqual({ state: 'connecting', since: '2024-10-30T06:00:00.000Z' });
    c.advance(1000);
    t.set('connected');
    c.advance(60_000);
    t.set('connected');
    expect(t.status()).toEqual({ state: 'connected', since: '2024-10-30T06:00:01.000Z' });
    t.set('reconnecting');
    c.advance(5000);
    t.set('reconnecting');
    expect(t.status().since).toBe('2024-10-30T06:01:01.000Z');
    expect(seen.map((s) => s.state)).toEqual(['connected', 'reconnecting']);
    expect(t.connected()).toBe(false);
  });

  it('keeps the last error while down and clears it on connect', () => {
    const c = clock('2024-10-30T06:00:00Z');
    const t = createConnectionTracker(c.now, 'connected');
    t.fail('ECONNRESET');
    expect(t.status()).toMatchObject({ state: 'connected', error: 'ECONNRESET' });
    t.set('reconnecting');
    expect(t.status()).toMatchObject({ state: 'reconnecting', error: 'ECONNRESET' });
    c.advance(12_400);
    expect(describeConnection(t.status(), c.now())).toBe('reconnecting for 12 s (last error: ECONNRESET)');
    t.set('connected');
    expect(t.status()).toEqual({ state: 'connected', since: '2024-10-30T06:00:12.400Z' });
    expect(describeConnection(t.status(), c.now())).toBe('connected for 0 s');
  });
});

describe('a recorded connection', () => {
  const row = { platform: 'slack', state: 'reconnecting' as const, since: '2024-10-30T06:00:00.000Z', checkedAt: '2024-10-30T06:01:00.000Z' };

  it('is live while the bot keeps confirming it', () => {
    expect(describeRecorded(row, new Date('2024-10-30T06:01:30Z'))).toEqual({
      live: true,
      text: 'reconnecting for 90 s, since 2024-10-30T06:00:00.000Z (checked 30 s ago)',
    });
  });

  it('is no running bot\'s once three refreshes were missed, and says so when it was not stopped cleanly', () => {
    const later = new Date(Date.parse(row.checkedAt) + RECORD_STALE_MS + 1000);
    expect(describeRecorded(row, later)).toEqual({
      live: false,
      text: 'no running bot: last recorded reconnecting since 2024-10-30T06:00:00.000Z, checked 2024-10-30T06:01:00.000Z; the bot may have stopped without shutting down',
    });
    expect(describeRecorded({ ...row, state: 'disconnected' }, later).text).not.toContain('without shutting down');
  });
});
