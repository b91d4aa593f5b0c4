/**
 * Retention of raw source entries (docs/adr/0007-retention.md): database file and payload bytes
 * before pruning, after pruning and after VACUUM, and the time pruning takes per 10,000 papers,
 * on the search benchmark's corpus (arXiv entries, 30% with a Korean and 20% with a Japanese summary).
 *
 *   node --expose-gc --import tsx bench/retention-bench.ts [--papers 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIngestStore } from '../src/db/ingest-store.js';
import { openDatabase, type Db } from '../src/db/open-database.js';
import { createRetentionStore } from '../src/db/retention-store.js';
import { pruneRawEntries } from '../src/pipeline/prune-raw-entries.js';
import { fileSize, flag, gc, int, isMain, mb, ms, table, time, timeAsync } from './bench-util.js';
import { generateEntries } from './generate.js';

const INGESTED_AT = '2024-11-01T10:00:00.000Z';
const PRUNED_AT = new Date('2025-01-01T10:00:00.000Z');

interface Stage {
  name: string;
  file: number;
  payload: number;
  observationsTable: number | undefined;
  freePages: number;
}

/** Bytes of the observations table and its indexes, when SQLite was built with dbstat. */
function observationsBytes(db: Db): number | undefined {
  try {
    const r = db.prepare<[], { bytes: number }>(
      "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'observations' OR name LIKE 'observations_%' OR name = 'sqlite_autoindex_observations_1'",
    ).get();
    return r?.bytes;
  } catch {
    return undefined;
  }
}

function stage(name: string, db: Db, file: string): Stage {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const payload = createRetentionStore(db).payloadTotals().bytes;
  return { name, file: fileSize(file), payload, observationsTable: observationsBytes(db), freePages: db.pragma('freelist_count', { simple: true }) as number };
}

export async function runRetentionBench(papers: number, seed = 1): Promise<void> {
  console.log(`\n## Retention: ${int(papers)} generated papers, pruned with rawEntryDays 30 (bench/retention-bench.ts)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-retention-'));
  const file = join(dir, 'retention.db');
  const db = openDatabase(file);
  const store = createIngestStore(db);
  const build = time(() => {
    for (let start = 0; start < papers; start += 10_000) {
      store.applyEntries('arxiv', 'arxiv-rss', generateEntries(seed, start, Math.min(10_000, papers - start)), INGESTED_AT);
    }
  });
  const stages = [stage('before pruning', db, file)];
  gc();
  const retention = createRetentionStore(db);
  const prune = await timeAsync(() => pruneRawEntries(retention, { days: 30, now: PRUNED_AT }));
  stages.push(stage('after pruning', db, file));
  const vacuum = time(() => db.exec('VACUUM'));
  stages.push(stage('after VACUUM', db, file));
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const [before] = stages as [Stage];
  const share = (v: number, of: number): string => `${((v / of) * 100).toFixed(1)}%`;
  console.log(
    table(
      ['stage', 'file MB', 'file / before', 'payload MB', 'payload / before', 'payload share of file', 'observations table + indexes MB', 'free pages'],
      stages.map((s) => [
        s.name,
        mb(s.file),
        share(s.file, before.file),
        mb(s.payload),
        share(s.payload, before.payload),
        share(s.payload, s.file),
        s.observationsTable === undefined ? 'n/a (no dbstat)' : mb(s.observationsTable),
        int(s.freePages),
      ]),
    ),
  );
  const r = prune.value;
  console.log(
    `\nbuild (applyEntries) ${ms(build.ms)} ms; prune ${ms(prune.ms)} ms for ${int(r.papers)} papers / ${int(r.observations)} observations ` +
      `= ${ms((prune.ms / r.papers) * 10_000)} ms per 10,000 papers (batches of 500, one transaction each); ` +
      `payload saved ${mb(r.bytesSaved)} MB (${share(r.bytesSaved, r.bytesBefore)} of the pruned payloads); VACUUM ${ms(vacuum.ms)} ms`,
  );
}

if (isMain(import.meta.url)) {
  await runRetentionBench(Number(flag(process.argv.slice(2), 'papers') ?? 20_000));
}
