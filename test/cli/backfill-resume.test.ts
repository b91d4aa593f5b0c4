/**
 * A real `paperboy backfill` process stopped in the middle and run again. SIGINT lets the fetch
 * in flight finish and be recorded, so the second run fetches every remaining day and nothing
 * twice. SIGKILL gives no such chance: at most the one fetch in flight is fetched again.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/ingest/backfill-urls.js';
import { openStores } from '../../src/main.js';
import { route, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { hfDay, hfPath, papers, serveHf, writeSetup, type BackfillSetup } from './backfill-harness.js';

const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));
const DAYS = daysBetween('2024-10-01', '2024-10-08');
const SLOW_DAY = '2024-10-03';
/** Two process starts, each waited for up to 120 s on a loaded machine. */
const PROCESS_TEST_TIMEOUT = 300_000;

interface Run {
  stderr: () => string;
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let feeds: FeedServer;
let setup: BackfillSetup;
const running: Run[] = [];

beforeEach(async () => {
  feeds = await startFeedServer();
  setup = writeSetup(feeds, [{ name: 'hf', url: feeds.url('/api/daily_papers'), format: 'hf-daily' }], 0.2);
  serveHf(feeds, Object.fromEntries(DAYS.map((d, i) => [d, papers(11000 + 10 * i, 2)])));
  // The third day trickles in over about 600 ms: a signal sent when it is asked for lands mid-fetch.
  const body = hfDay(SLOW_DAY, papers(11020, 2));
  const third = Math.ceil(body.length / 3);
  feeds.setRoute(hfPath(SLOW_DAY), route.slow([body.slice(0, third), body.slice(third, 2 * third), body.slice(2 * third)], 300, 'application/json; charset=utf-8'));
});

afterEach(async () => {
  for (const r of running.splice(0)) {
    r.kill('SIGKILL');
    await r.exited;
  }
  await feeds.close();
  rmSync(setup.dir, { recursive: true, force: true });
});

function start(): Run {
  // cwd is the temp folder: no developer's .env is read.
  const proc = spawn(process.execPath, [BIN, 'backfill', '--from', DAYS[0]!, '--to', DAYS.at(-1)!], {
    cwd: setup.dir,
    env: { PATH: process.env.PATH ?? '', HOME: setup.dir, ...setup.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const run = { stderr: () => stderr, kill: (s: NodeJS.Signals) => void (proc.exitCode === null && proc.signalCode === null && proc.kill(s)), exited };
  running.push(run);
  return run;
}

async function waitFor(condition: () => boolean, what: string, run: Run, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; stderr: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const countByPath = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const r of feeds.requests) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  return counts;
};

function storedPapers(): number {
  const stores = openStores(setup.dbFile);
  try {
    return stores.reader.counts().papers;
  } finally {
    stores.close();
  }
}

describe('an interrupted paperboy backfill', () => {
  it('SIGINT: finishes and records the fetch in flight, exits 1 saying how to resume; the next run fetches the rest, no URL twice', async () => {
    const first = start();
    await waitFor(() => feeds.requests.some((r) => r.path === hfPath(SLOW_DAY)), 'the third day to be asked for', first);
    first.kill('SIGINT');
    expect(await first.exited).toEqual({ code: 1, signal: null });
    expect(first.stderr()).toContain('paperboy: interrupted after 3 of 8; run the same command again to resume');
    expect(feeds.requests.map((r) => r.path)).toEqual(DAYS.slice(0, 3).map(hfPath));
    expect(feeds.requests.every((r) => r.completed)).toBe(true);
    expect(storedPapers()).toBe(6);

    const second = start();
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const counts = countByPath();
    expect([...counts.keys()].sort()).toEqual(DAYS.map(hfPath));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(storedPapers()).toBe(16);
  }, PROCESS_TEST_TIMEOUT);

  it('SIGKILL mid-fetch: the next run fetches again at most the one URL that was in flight', async () => {
    const first = start();
    await waitFor(() => feeds.requests.some((r) => r.path === hfPath(SLOW_DAY)), 'the third day to be asked for', first);
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = start();
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const counts = countByPath();
    expect([...counts.keys()].sort()).toEqual(DAYS.map(hfPath));
    const twice = [...counts].filter(([, n]) => n > 1).map(([path]) => path);
    expect(twice).toEqual([hfPath(SLOW_DAY)]);
    expect(counts.get(hfPath(SLOW_DAY))).toBe(2);
    expect(storedPapers()).toBe(16);
  }, PROCESS_TEST_TIMEOUT);
});
