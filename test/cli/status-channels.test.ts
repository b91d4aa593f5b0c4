import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import { openStores } from '../../src/main.js';
import { runCli, tempDb } from './run-cli.js';

describe('paperboy status for channels', () => {
  it('shows a failing channel with its reason, its last digest and the next digest time', async () => {
    const db = tempDb();
    const stores = openStores(db);
    const spec = { platform: 'slack' as const, channel: 'C0123ABCD', locale: 'ja', time: '09:00', timezone: 'Asia/Tokyo', settings: DEFAULT_CHANNEL_SETTINGS };
    stores.channels.syncFromConfig([spec, { ...spec, channel: 'C0999ZZZZ', locale: 'en' }], '2024-10-29T00:00:00.000Z');
    const failing = stores.channels.find('C0123ABCD')!;
    stores.channels.markFailing(failing.id, 'not_in_channel', '2024-10-30T00:00:05.000Z');
    stores.digests.create({
      channelId: failing.id, localDate: '2024-10-30', slotAt: '2024-10-30T00:00:00.000Z', windowStart: 'a', windowEnd: 'b',
      state: 'failed', paperIds: [], deliveries: [], now: '2024-10-30T00:00:05.000Z',
    });
    stores.close();
    const json = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    const c = json.channels.find((x: { channel: string }) => x.channel === 'C0123ABCD');
    expect(c).toMatchObject({ platform: 'slack', failing: 'not_in_channel', failingSince: '2024-10-30T00:00:05.000Z', lastDigest: { date: '2024-10-30', state: 'failed' } });
    expect(c.nextDigestAt).toMatch(/T00:00:00\.000Z$/);
    expect(json.channels.find((x: { channel: string }) => x.channel === 'C0999ZZZZ').failing).toBeNull();
    const text = (await runCli(['status', '--db', db])).stdout;
    expect(text).toContain('- slack:C0123ABCD [ja, 09:00 Asia/Tokyo]: FAILING since 2024-10-30T00:00:05.000Z: not_in_channel; last digest 2024-10-30 failed');
  });

  it('shows a digest held because the channel’s sources failed, until the channel has a later digest', async () => {
    const db = tempDb();
    const stores = openStores(db);
    const spec = { platform: 'discord' as const, channel: '123456789012345678', locale: 'en', time: '09:00', timezone: 'UTC', settings: DEFAULT_CHANNEL_SETTINGS };
    stores.channels.syncFromConfig([spec], '2026-12-01T00:00:00.000Z');
    const channel = stores.channels.find(spec.channel)!;
    for (const at of ['2026-12-08T09:00:30.000Z', '2026-12-08T09:15:30.000Z']) stores.holds.retrying(channel.id, '2026-12-08', ['arxiv'], 'HTTP 503 Service Unavailable', at);
    stores.close();
    const waiting = (await runCli(['status', '--db', db])).stdout;
    expect(waiting).toContain('- discord:123456789012345678 [en, 09:00 UTC]: ok; digest 2026-12-08 waiting (retrying): sources failed: arxiv (HTTP 503 Service Unavailable; 2 attempts)');

    const again = openStores(db);
    again.holds.hold(channel.id, '2026-12-08');
    again.close();
    const json = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    expect(json.channels[0].held).toEqual({ date: '2026-12-08', state: 'held', sources: ['arxiv'], reason: 'HTTP 503 Service Unavailable', attempts: 2, since: '2026-12-08T09:00:30.000Z' });
    expect((await runCli(['status', '--db', db])).stdout).toContain('digest 2026-12-08 held: sources failed: arxiv (HTTP 503 Service Unavailable; 2 attempts)');

    const later = openStores(db);
    later.digests.create({ channelId: channel.id, localDate: '2026-12-09', slotAt: '2026-12-09T09:00:00.000Z', windowStart: 'a', windowEnd: 'b', state: 'empty', paperIds: [], deliveries: [], now: '2026-12-09T09:00:30.000Z' });
    later.close();
    const after = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    expect(after.channels[0].held).toBeNull();
  });
});
