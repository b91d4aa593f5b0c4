/**
 * `npm run bench`: the machine, then CLI start-up (this Node), the ingest benchmark, where the store's
 * time goes, the retention benchmark (as many papers as --items), HTML reference decoding, card labels
 * (ADR 11), the Slack feedback buttons' cost per digest, the reading-list export of 5,000 saved papers, the search benchmark at 100,000 and 1,000,000 papers, the backup benchmark on a copy of the
 * 100,000-paper database, and the subscription fan-out (1,000 Slack and 200 Discord subscribers, outbox
 * against the old direct path), then personal ranking: quality against its baselines, and cost, and
 * `similar` on the 1,000,000-paper search database (skipped when it was not built). Weekly digest
 * planning for 1,000 channels runs after the Slack feedback benchmark.
 *
 *   node --expose-gc --import tsx bench/run.ts [--sizes 100000,1000000] [--reuse] [--items 20000] [--runs 3] [--baseline REV]
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { flag, hasFlag, parseSizes } from './bench-util.js';
import { runBackupBench } from './backup-bench.js';
import { runCardLabelsBench } from './card-labels-bench.js';
import { runEmbeddingCostBench } from './embedding-cost-bench.js';
import { runIngestBench } from './ingest-bench.js';
import { runRetentionBench } from './retention-bench.js';
import { runSearchBench } from './search-bench.js';
import { runStartupBench } from './startup-bench.js';
import { runStoreProfile } from './store-profile.js';
import { runTextDecodeBench } from './text-decode-bench.js';
import { runSubscriptionFanoutBench } from './subscription-fanout-bench.js';
import { runRankingCostBench } from './ranking-cost-bench.js';
import { runRankingQualityBench } from './ranking-quality-bench.js';
import { runSimilarBench } from './similar-bench.js';
import { runSlackFeedbackBench } from './slack-feedback-bench.js';
import { runExportBench } from './export-bench.js';
import { runWeeklyPlanBench } from './weekly-plan-bench.js';

function machine(): string {
  const db = new Database(':memory:');
  const sqlite = db.prepare('select sqlite_version()').pluck().get() as string;
  db.close();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpu}, ${os.cpus().length} cores, ${gib} GiB RAM, ${os.platform()} ${os.release()}; Node ${process.version}; SQLite ${sqlite}`;
}

/** The commit measured, and whether src/ had uncommitted changes when the run started. */
function revision(): string {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const git = (...args: string[]): string => spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('log', '-1', '--format=%h %s');
  const dirty = git('status', '--porcelain', '--', 'src').split('\n').filter((l) => l.trim()).length;
  return `${head || 'unknown'}${dirty ? ` (+ ${dirty} uncommitted changes under src/)` : ''}`;
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const started = performance.now();
  console.log('# Paperboy benchmarks\n');
  console.log(`date: ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log(`code: ${revision()}`);
  console.log(`load average at start (1/5/15 min): ${load()}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('note: run with node --expose-gc (npm run bench does) so phases start from a collected heap');

  runStartupBench({ runs: 7, baseline: flag(args, 'baseline') ?? '3c0b5cf', previous: flag(args, 'previous') ?? '82e54d3' });
  const items = Number(flag(args, 'items') ?? 20_000);
  await runIngestBench({ items, runs: Number(flag(args, 'runs') ?? 3), seed: 1, keep: false });
  await runStoreProfile(items);
  await runRetentionBench(items);
  await runTextDecodeBench(Math.min(items, 5000), 7);
  runCardLabelsBench({ digests: 1000, rounds: 5 });
  runSlackFeedbackBench({ digests: 300, rounds: 5 });
  runExportBench({ papers: 5000, rounds: 3 });
  // Weekly digests for 1,000 channels (goal < 5 s), beside naive per-paper counting and daily planning; one round (the naive arm takes minutes).
  runWeeklyPlanBench({ channels: 1000, perDay: 500, clicks: 20, rounds: 1 });
  const ingestDone = performance.now();
  await runSearchBench({
    sizes: parseSizes(flag(args, 'sizes'), [100_000, 1_000_000]),
    reuse: hasFlag(args, 'reuse'),
    seed: 1,
    batch: 10_000,
    outDir: fileURLToPath(new URL('./out', import.meta.url)),
    known: Number(flag(args, 'known') ?? 500),
    diagnostics: hasFlag(args, 'diagnostics'),
  });
  const searchDone = performance.now();
  // On a copy of the 100,000-paper search database (or generated papers when it was not built).
  await runBackupBench({ db: fileURLToPath(new URL('./out/search-100000.db', import.meta.url)), papers: items, runs: 3 });
  await runSubscriptionFanoutBench({ subscribers: 1000, discord: 200, runs: 2, concurrency: 64 });
  runEmbeddingCostBench(['--profiles', '50']);
  runRankingQualityBench([]);
  runRankingCostBench([]);
  runSimilarBench(['--size', '1000000', '--papers', '200']);
  const minutes = (t: number): string => (t / 60_000).toFixed(1);
  console.log(`\nload average at end (1/5/15 min): ${load()}`);
  console.log(
    `total ${minutes(performance.now() - started)} min (ingest ${minutes(ingestDone - started)} min, search ${minutes(searchDone - ingestDone)} min, backup and subscription fan-out ${minutes(performance.now() - searchDone)} min)`,
  );
}

await main();
