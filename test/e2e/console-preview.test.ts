/**
 * The console preview a fresh clone prints at start (no chat token): on a morning when the
 * sources could not be read it says so, instead of "no new papers"; on a weekend with the
 * sources read, it gives the weekend notice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { startBot, type Bot } from '../../src/bot.js';
import { loadEnv, parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';

// An arXiv RSS feed on a day without announcements: a channel and no items.
const EMPTY_ARXIV_DAY = '<?xml version="1.0"?><rss version="2.0"><channel><title>cs.AI updates on arXiv.org</title><link>https://arxiv.org/</link><description>cs.AI</description></channel></rss>';

describe('the console preview', () => {
  let dir: string | undefined;
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function preview(source: { name: string; path: string }, now: string): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-preview-'));
    writeFileSync(join(dir, 'cs.AI.xml'), EMPTY_ARXIV_DAY);
    const file = join(dir, 'paperboy.yaml');
    const yaml = toYaml({
      timezone: 'America/New_York',
      sources: [{ name: source.name, path: join(dir, source.path), format: 'arxiv-rss' }],
      channels: [{ platform: 'discord', channel: '123456789012345678', locale: 'en', time: '09:00' }],
    });
    writeFileSync(file, yaml);
    let out = '';
    bot = await startBot({
      env: loadEnv({ PAPERBOY_CONFIG: file, PAPERBOY_DB: join(dir, 'paperboy.db') }),
      config: parseConfig(yaml, file),
      dbFile: join(dir, 'paperboy.db'),
      log: silentLogger(),
      now: () => new Date(now),
      schedule: false,
      write: (text) => void (out += text),
    });
    await bot.ingest();
    bot.preview();
    await new Promise((resolve) => setImmediate(resolve));
    return out;
  }

  it('says the digest waits for its sources on a Monday when none could be read', async () => {
    const out = await preview({ name: 'arxiv-cs.AI', path: 'missing.xml' }, '2026-12-07T15:00:00Z');
    expect(out).toContain('── to discord:123456789012345678 (preview) ──');
    expect(out).toContain("no digest: none of this channel's sources could be read (arxiv-cs.AI:");
    expect(out).not.toContain('No new papers');
  });

  it('gives the weekend notice on a Saturday with the sources read', async () => {
    const out = await preview({ name: 'arxiv-cs.AI', path: 'cs.AI.xml' }, '2026-12-05T15:00:00Z');
    expect(out).toContain('No new papers today — arXiv does not announce on weekends.');
  });
});
