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
});
