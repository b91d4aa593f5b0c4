import { describe, expect, it } from 'vitest';
import type { RecordedConnection } from '../core/connection-state.js';
import { connectionChecks } from './connection-checks.js';

const at = new Date('2024-10-30T06:02:00Z');
const row = (r: Partial<RecordedConnection>): RecordedConnection => ({ platform: 'slack', state: 'connected', since: '2024-10-30T06:00:00.000Z', checkedAt: '2024-10-30T06:01:30.000Z', ...r });

describe('doctor: recorded chat connections', () => {
  it('is ok when the running bot is connected', () => {
    expect(connectionChecks([row({})], at)).toEqual([{ check: 'slack connection', status: 'ok', detail: 'connected for 120 s, since 2024-10-30T06:00:00.000Z (checked 30 s ago)' }]);
  });

  it('warns while the running bot is reconnecting, with the last error', () => {
    const [check] = connectionChecks([row({ state: 'reconnecting', error: 'ECONNRESET' })], at);
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.detail).toMatch(/^reconnecting for 120 s \(last error: ECONNRESET\), since .*; the bot keeps reconnecting by itself/);
  });

  it('is ok after a clean stop, and warns when the bot vanished while connected', () => {
    const old = { checkedAt: '2024-10-30T05:00:00.000Z' };
    expect(connectionChecks([row({ ...old, state: 'disconnected' })], at)[0]).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^no running bot/) });
    expect(connectionChecks([row(old)], at)[0]).toMatchObject({ status: 'warn', detail: expect.stringContaining('stopped without shutting down') });
  });

  it('has nothing to say without records', () => {
    expect(connectionChecks([], at)).toEqual([]);
  });
});
