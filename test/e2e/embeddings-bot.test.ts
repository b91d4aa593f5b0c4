/** The bot with EMBEDDINGS_* set: papers are embedded after each ingest; a dead endpoint changes nothing else. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.js';
import { loadEnv, parseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { silentLogger } from '../../src/log.js';
import { startFakeEmbeddings, type FakeEmbeddings } from '../fakes/fake-embeddings.js';

let bot: Bot | undefined;
let server: FakeEmbeddings | undefined;
afterEach(async () => {
  await bot?.stop();
  await server?.close();
  bot = undefined;
  server = undefined;
});

async function start(baseUrl: string) {
  const feed = new URL('../fixtures/arxiv/cs.CL.atom.xml', import.meta.url).pathname;
  const config = parseConfig(
    `timezone: UTC\nembeddings: { retries: 0, timeoutSeconds: 2 }\nsources:\n  - path: ${feed}\nchannels:\n  - platform: discord\n    channel: "111111111111111111"\n    locale: en\n    time: "09:00"\n`,
    'test.yaml',
  );
  const env = loadEnv({ EMBEDDINGS_BASE_URL: baseUrl, EMBEDDINGS_MODEL: 'emb-e2e' });
  let printed = '';
  let now = new Date('2024-10-30T08:59:00Z');
  const dbFile = join(mkdtempSync(join(tmpdir(), 'paperboy-emb-')), 'db.sqlite');
  bot = await startBot({ env, config, dbFile, log: silentLogger(), now: () => now, schedule: false, write: (t) => (printed += t) });
  const count = (sql: string): number => {
    const db = openDatabase(dbFile);
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };
  return { count, printed: () => printed, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('the bot with embeddings', () => {
  it('embeds the ingested papers once, under the configured model', async () => {
    server = await startFakeEmbeddings();
    const t = await start(server.baseUrl);
    await bot!.ingest();
    const papers = t.count('SELECT count(*) FROM papers');
    expect(papers).toBeGreaterThan(0);
    expect(t.count("SELECT count(*) FROM paper_embeddings WHERE model = 'emb-e2e'")).toBe(papers);
    const requests = server.requests.length;
    await bot!.ingest();
    expect(server.requests.length).toBe(requests);
  });

  it('ingests and posts the digest as usual when the endpoint is down', async () => {
    server = await startFakeEmbeddings();
    const down = server.baseUrl;
    await server.close();
    server = undefined;
    const t = await start(down);
    await bot!.ingest();
    expect(t.count('SELECT count(*) FROM papers')).toBeGreaterThan(0);
    expect(t.count('SELECT count(*) FROM paper_embeddings')).toBe(0);
    t.setNow('2024-10-30T09:00:30Z');
    await bot!.tick();
    expect(t.printed()).toContain('3 new papers');
    expect(t.printed()).toContain('https://arxiv.org/abs/2410.21242');
  });
});
