import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_SETTINGS } from '../core/channel.js';
import { createChannelStore } from './channel-store.js';
import { createDigestHoldStore } from './digest-hold-store.js';
import { createDigestStore } from './digest-store.js';
import { openDatabase } from './open-database.js';

function setup() {
  const db = openDatabase(':memory:');
  const channels = createChannelStore(db);
  const spec = { platform: 'discord' as const, locale: 'en', time: '09:00', timezone: 'UTC', settings: DEFAULT_CHANNEL_SETTINGS };
  channels.syncFromConfig([{ ...spec, channel: '100000000000000001' }, { ...spec, channel: '100000000000000002' }], '2026-12-01T00:00:00.000Z');
  const [a, b] = channels.list();
  return { db, holds: createDigestHoldStore(db), digests: createDigestStore(db), a: a!.id, b: b!.id };
}

describe('digest hold store', () => {
  it('counts attempts, keeps the latest sources and reason, and holds a retrying digest once', () => {
    const { holds, a } = setup();
    holds.retrying(a, '2026-12-08', ['arxiv', 'hf'], 'HTTP 500', '2026-12-08T09:00:00.000Z');
    const second = holds.retrying(a, '2026-12-08', ['arxiv'], 'timeout', '2026-12-08T09:15:00.000Z');
    expect(second).toMatchObject({ state: 'retrying', attempts: 2, sources: ['arxiv'], reason: 'timeout', firstAt: '2026-12-08T09:00:00.000Z', lastAttemptAt: '2026-12-08T09:15:00.000Z', channel: '100000000000000001' });
    expect(holds.hold(a, '2026-12-08')).toBe(true);
    expect(holds.hold(a, '2026-12-08')).toBe(false);
    expect(holds.get(a, '2026-12-08')?.state).toBe('held');
  });

  it('reports a hold as active until its channel has a digest of that date or later', () => {
    const { holds, digests, a, b } = setup();
    holds.retrying(a, '2026-12-08', ['arxiv'], 'HTTP 500', '2026-12-08T09:00:00.000Z');
    holds.retrying(b, '2026-12-08', ['arxiv'], 'HTTP 500', '2026-12-08T09:00:00.000Z');
    digests.create({ channelId: b, localDate: '2026-12-08', slotAt: 'x', windowStart: 'a', windowEnd: 'b', state: 'planned', paperIds: [], deliveries: [], now: '2026-12-08T09:31:00.000Z' });
    expect(holds.active().map((h) => h.channelId)).toEqual([a]);
    expect(holds.activeFor(b)).toBeUndefined();
    digests.create({ channelId: a, localDate: '2026-12-09', slotAt: 'x', windowStart: 'a', windowEnd: 'b', state: 'empty', paperIds: [], deliveries: [], now: '2026-12-09T09:00:00.000Z' });
    expect(holds.active()).toEqual([]);
  });

  it('looks up the later daily digest through the (channel, kind, period) index', () => {
    const { db } = setup();
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM digests d WHERE d.channel_id = ? AND d.kind = 'daily' AND d.period >= ?").all(1, '2026-12-08') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_digests_1 \(channel_id=\? AND kind=\? AND period>\?\)/);
  });
});
