/**
 * `paperboy backfill` in-process against the local feed server: Hugging Face days, arXiv API
 * searches read in pages, a local source skipped, the same paper from both sources stored once,
 * a re-run that fetches nothing, failures retried by the next run, polite pacing, bad arguments.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import { openStores } from '../../src/main.js';
import { route, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { arxivPath, hfPath, papers, serveArxiv, serveHf, writeSetup, type BackfillSetup } from './backfill-harness.js';
import { fixture, runCli } from './run-cli.js';

const SHADOWKV = { id: '2410.21465', title: 'ShadowKV: KV Cache in Shadows for High-Throughput Long-Context LLM Inference' };
const DAYS = ['2024-10-28', '2024-10-29', '2024-10-30'];

let feeds: FeedServer;
let setup: BackfillSetup;

beforeEach(async () => {
  feeds = await startFeedServer();
});
afterEach(async () => {
  await feeds.close();
  if (setup) rmSync(setup.dir, { recursive: true, force: true });
});

function configure(delaySeconds = 0) {
  setup = writeSetup(
    feeds,
    [
      { name: 'hf', url: feeds.url('/api/daily_papers'), format: 'hf-daily' },
      { name: 'arxiv', url: feeds.url('/rss/cs.LG'), format: 'arxiv-rss' },
      { name: 'local', path: fixture('hf/daily_papers-2024-10-30.json') },
    ],
    delaySeconds,
  );
  return setup;
}

/** HF: two papers a day, ShadowKV on the 30th. arXiv: 203 submissions on the 28th (two pages, ShadowKV last), two on the 29th, none on the 30th. */
function serveThreeDays(): void {
  serveHf(feeds, { '2024-10-28': papers(10100, 2), '2024-10-29': papers(10200, 2), '2024-10-30': [SHADOWKV, ...papers(10300, 1)] });
  serveArxiv(feeds, ['cs.LG'], { '2024-10-28': [...papers(20000, 202), SHADOWKV], '2024-10-29': papers(30000, 2), '2024-10-30': [] });
}

const backfill = (...extra: string[]) => runCli(['backfill', '--from', DAYS[0]!, '--to', DAYS[2]!, ...extra], setup.env);
const paths = () => feeds.requests.map((r) => r.path);

describe('paperboy backfill', () => {
  it('fetches every day of Hugging Face and every page of the arXiv search, skips the local source, and stores a paper both name once', async () => {
    configure();
    serveThreeDays();
    const result = await backfill();
    expect(result.stderr).toContain('paperboy: local: skipped: is a local file or folder and has no past days: set backfillUrl');
    expect(result.code).toBe(0);
    expect(paths()).toEqual([
      ...DAYS.map(hfPath),
      arxivPath(feeds, ['cs.LG'], '2024-10-28', 0),
      arxivPath(feeds, ['cs.LG'], '2024-10-28', 200),
      arxivPath(feeds, ['cs.LG'], '2024-10-29', 0),
      arxivPath(feeds, ['cs.LG'], '2024-10-30', 0),
    ]);
    expect(new URL(feeds.url(paths()[3]!)).searchParams.get('search_query')).toBe('cat:cs.LG AND submittedDate:[202410280000 TO 202410282359]');
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('backfill '));
    expect(lines).toEqual([
      'backfill 1/6 hf 2024-10-28: 2 entries (2 new)',
      'backfill 2/6 hf 2024-10-29: 2 entries (2 new)',
      'backfill 3/6 hf 2024-10-30: 2 entries (2 new)',
      'backfill 4/6 arxiv 2024-10-28 page 1/2: 200 entries (200 new)',
      'backfill 4/6 arxiv 2024-10-28 page 2/2: 3 entries (2 new)',
      'backfill 5/6 arxiv 2024-10-29: 2 entries (2 new)',
      'backfill 6/6 arxiv 2024-10-30: 0 entries (0 new)',
    ]);
    expect(result.stdout).toContain('✓ arxiv: 3 days: 3 fetched, 0 already done, 0 failed; 204 new, 1 updated');
    expect(result.stdout).toContain('- local: skipped:');

    const stores = openStores(setup.dbFile);
    try {
      expect(stores.reader.counts().papers).toBe(6 + 204);
      const shadow = stores.reader.getByKey(`arxiv:${SHADOWKV.id}`)!;
      expect(shadow.sources.map((s) => s.source).sort()).toEqual(['arxiv', 'hf']);
      expect(shadow.featuredOn).toBe('2024-10-30');
      expect(shadow.publishedAt).toBe('2024-10-28T10:02:00.000Z');
    } finally {
      stores.close();
    }
  });

  it('stores past days as seen on their day, so the next digest and subscription cycle do not take them as new', async () => {
    configure();
    serveThreeDays();
    const stores = openStores(setup.dbFile);
    const addedAt = new Date(Date.now() - 3_600_000).toISOString();
    stores.channels.syncFromConfig([{ platform: 'discord', channel: '100000000000000001', locale: 'en', time: '09:00', timezone: 'UTC', settings: DEFAULT_CHANNEL_SETTINGS }], addedAt);
    stores.close();
    expect((await backfill()).code).toBe(0);
    const after = openStores(setup.dbFile);
    try {
      const shadow = after.reader.getByKey(`arxiv:${SHADOWKV.id}`)!;
      expect(shadow.sources.map((s) => s.seenAt).sort()).toEqual(['2024-10-28T23:59:59.999Z', '2024-10-30T23:59:59.999Z']);
      const channel = after.channels.list()[0]!;
      const now = new Date().toISOString();
      // The channel's first digest looks back 24 hours: a backfill of 2024 adds nothing to it.
      expect(after.digests.candidates(channel.id, new Date(Date.now() - 24 * 3_600_000).toISOString(), now, [], false)).toEqual([]);
      expect(after.subscriptions.newPapers(addedAt, now)).toEqual([]);
      expect(after.reader.counts().papers).toBe(6 + 204);
    } finally {
      after.close();
    }
  });

  it('fetches nothing again on a re-run and reports every day as already done, in JSON on stdout', async () => {
    configure();
    serveThreeDays();
    expect((await backfill()).code).toBe(0);
    const before = feeds.requests.length;
    const again = await backfill('--json');
    expect(again.code).toBe(0);
    expect(feeds.requests.length).toBe(before);
    const report = JSON.parse(again.stdout) as { sources: Record<string, unknown>[]; done: number; total: number; interrupted: boolean };
    expect(report.sources.map(({ source, days, fetched, skipped, failed, new: n, updated }) => ({ source, days, fetched, skipped, failed, new: n, updated }))).toEqual([
      { source: 'hf', days: 3, fetched: 0, skipped: 3, failed: 0, new: 0, updated: 0 },
      { source: 'arxiv', days: 3, fetched: 0, skipped: 3, failed: 0, new: 0, updated: 0 },
      { source: 'local', days: 0, fetched: 0, skipped: 0, failed: 0, new: 0, updated: 0 },
    ]);
    expect([report.done, report.total, report.interrupted]).toEqual([6, 6, false]);
  });

  it('reports a failed fetch (an HTTP error, an arXiv error entry), goes on, exits 1, and fetches only what failed on the next run', async () => {
    configure();
    serveThreeDays();
    feeds.setRoute(hfPath('2024-10-29'), route.error(503));
    const errorEntry = arxivPath(feeds, ['cs.LG'], '2024-10-29', 0);
    feeds.setRoute(errorEntry, route.fixture('arxiv/api-error.atom.xml', 'application/atom+xml'));
    const first = await backfill('--source', 'hf', '--source', 'arxiv');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('paperboy: hf 2024-10-29: HTTP 503 Service Unavailable');
    expect(first.stderr).toContain('paperboy: arxiv 2024-10-29: the arXiv API answered with an error: incorrect date range in query');
    expect(first.stderr).toContain('paperboy: 2 fetches failed; run the same command again to retry them');
    expect(first.stdout).toContain('✗ hf: 3 days: 2 fetched, 0 already done, 1 failed');
    expect(first.stderr).not.toContain('local');

    serveThreeDays();
    const before = feeds.requests.length;
    const second = await backfill('--source', 'hf', '--source', 'arxiv');
    expect(second.code).toBe(0);
    expect(paths().slice(before)).toEqual([hfPath('2024-10-29'), errorEntry]);
  });

  it('resumes an arXiv day after its first page from the total that page recorded, fetching only the missing page', async () => {
    configure();
    serveThreeDays();
    const secondPage = arxivPath(feeds, ['cs.LG'], '2024-10-28', 200);
    feeds.setRoute(secondPage, route.error(502));
    const first = await backfill('--source', 'arxiv');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('paperboy: arxiv 2024-10-28: HTTP 502 Bad Gateway');

    serveThreeDays();
    const before = feeds.requests.length;
    const second = await backfill('--source', 'arxiv', '--json');
    expect(second.code).toBe(0);
    expect(paths().slice(before)).toEqual([secondPage]);
    expect(JSON.parse(second.stdout).sources[0]).toMatchObject({ source: 'arxiv', fetched: 1, skipped: 2, failed: 0, new: 3 });
  });

  it('without --to, backfills up to today in the config\'s time zone', async () => {
    setup = writeSetup(feeds, [{ name: 'hf', url: feeds.url('/api/daily_papers'), format: 'hf-daily' }], 0);
    const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const todayBefore = day(0);
    const from = day(-2);
    serveHf(feeds, { [from]: papers(10100, 1), [day(-1)]: papers(10200, 1), [day(0)]: papers(10300, 1), [day(1)]: papers(10400, 1) });
    const result = await runCli(['backfill', '--from', from], setup.env);
    const todayAfter = day(0);
    expect(result.code).toBe(0);
    const dates = paths().map((p) => new URL(feeds.url(p)).searchParams.get('date'));
    // Every day from --from to today, once each, in order (the run may straddle midnight UTC).
    expect([todayBefore, todayAfter]).toContain(dates.at(-1));
    const expected = Array.from({ length: dates.length }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
    expect(dates).toEqual(expected);
    expect(dates.length).toBe(dates.at(-1) === todayBefore ? 3 : 4);
  });

  it('waits at least backfill.delaySeconds between two requests to the same host', async () => {
    configure(0.2);
    serveThreeDays();
    expect((await backfill()).code).toBe(0);
    const times = feeds.requests.map((r) => r.at);
    expect(times).toHaveLength(7);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
  });

  it.each([
    [['--to', '2024-10-03'], '--from YYYY-MM-DD is required'],
    [['--from', '2024-02-30'], '--from must be a day written YYYY-MM-DD, not "2024-02-30"'],
    [['--from', '2024-10-05', '--to', '2024-10-01'], '--from 2024-10-05 is after --to 2024-10-01'],
    [['--from', '2024-01-01', '--to', '2024-03-01'], '2024-01-01 to 2024-03-01 is 61 days, more than backfill.maxDays (31)'],
    [['--from', '2024-10-01', '--to', '2024-10-02', '--source', 'hf', '--source', 'nope'], '--source "nope" names no configured source (configured: hf, arxiv, local)'],
    [['--from', '2024-10-01', 'extra'], 'Unexpected argument'],
  ])('is a usage error (exit 2, nothing fetched): %j', async (args, message) => {
    configure();
    const result = await runCli(['backfill', ...args], setup.env);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).toMatch(/^usage: paperboy backfill --from/m);
    expect(feeds.requests).toHaveLength(0);
  });
});
