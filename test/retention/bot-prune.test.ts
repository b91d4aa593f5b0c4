import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEntries } from '../../bench/generate.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startBot } from '../../src/bot.js';
import { loadEnv } from '../../src/config.js';
import { buildRawEntryPrune, openStores } from '../../src/main.js';

describe('the prune after each scheduled ingest', () => {
  it('runs only when retention.rawEntryDays is set, and prunes what has settled for that long', async () => {
    const stores = openStores(join(mkdtempSync(join(tmpdir(), 'paperboy-retention-')), 'paperboy.db'));
    try {
      stores.ingest.applyEntries('arxiv', 'arxiv-rss', generateEntries(1, 0, 3), '2024-10-30T10:00:00.000Z');
      expect(buildRawEntryPrune(stores, parseConfig('timezone: UTC\n', 'config'), silentLogger())).toBeUndefined();
      const config = parseConfig('retention:\n  rawEntryDays: 30\n', 'config');
      const early = buildRawEntryPrune(stores, config, silentLogger(), () => new Date('2024-11-15T00:00:00.000Z'))!;
      expect(await early()).toMatchObject({ papers: 0 });
      const late = buildRawEntryPrune(stores, config, silentLogger(), () => new Date('2024-12-15T00:00:00.000Z'))!;
      expect(await late()).toMatchObject({ days: 30, papers: 3, observations: 3 });
    } finally {
      stores.close();
    }
  });

  it('is what the running bot does after each ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-retention-bot-'));
    const fixture = new URL('../fixtures/hf/daily_papers-2024-10-30.json', import.meta.url).pathname;
    const config = parseConfig(`sources:\n  - { name: hf, path: "${fixture}" }\nretention:\n  rawEntryDays: 30\n`, 'config');
    let now = new Date('2024-10-30T10:00:00.000Z');
    const bot = await startBot({ env: loadEnv({}), config, dbFile: join(dir, 'paperboy.db'), log: silentLogger(), now: () => now, schedule: false, write: () => undefined });
    const pruned = () => bot.stores.db.prepare('SELECT count(*) FROM observations WHERE pruned_at IS NOT NULL').pluck().get() as number;
    try {
      await bot.ingest();
      expect(pruned()).toBe(0);
      now = new Date('2024-12-15T10:00:00.000Z');
      await bot.ingest();
      expect(pruned()).toBeGreaterThan(0);
      expect(pruned()).toBe(bot.stores.db.prepare("SELECT count(*) FROM observations WHERE source = 'hf'").pluck().get());
    } finally {
      await bot.stop();
    }
  });
});
