/**
 * Where applyEntries spends its time: times every SQL statement the ingest store prepares
 * (by wrapping db.prepare before the store is created), the commit, and the JavaScript in
 * between; the FTS text preparation (toIndexText) is timed separately on the same fields.
 *
 *   node --expose-gc --import tsx bench/store-profile.ts [--items 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toIndexText } from '../src/core/search-text.js';
import type { SourceEntry } from '../src/core/types.js';
import { createIngestStore } from '../src/db/ingest-store.js';
import { openDatabase, type Db } from '../src/db/open-database.js';
import { parseArxivFeed } from '../src/ingest/arxiv-feed.js';
import { flag, gc, int, isMain, ms, table, time } from './bench-util.js';
import { generateArxivFeed } from './generate.js';
import { INGEST_NOW, INGEST_SOURCE } from './ingest-child.js';

type Method = (...args: unknown[]) => unknown;
interface Timing {
  ms: number;
  calls: number;
}

/** Makes every statement prepared from now on add its run/get/all time to `timings`. */
function instrument(db: Db, timings: Map<string, Timing>): void {
  const prepare = db.prepare.bind(db);
  const wrapped = (sql: string) => {
    const stmt = prepare(sql);
    const key = sql.replace(/\s+/g, ' ').trim();
    const methods = stmt as unknown as Record<'run' | 'get' | 'all', Method>;
    for (const name of ['run', 'get', 'all'] as const) {
      const original = methods[name].bind(stmt);
      methods[name] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original(...args);
        } finally {
          const entry = timings.get(key) ?? { ms: 0, calls: 0 };
          entry.ms += performance.now() - t;
          entry.calls++;
          timings.set(key, entry);
        }
      };
    }
    return stmt;
  };
  db.prepare = wrapped as Db['prepare'];
}

/** The text the writer hands to FTS for an entry (title, authors, summaries, abstract). */
function indexTexts(e: SourceEntry): string[] {
  const summaries = (e.summaries ?? []).map((s) => [s.title ?? '', ...s.sections.map((x) => x.text)].join('\n')).join('\n');
  return [e.title, (e.authors ?? []).join(', '), summaries, e.abstract ?? ''];
}

export async function runStoreProfile(items: number, seed = 1): Promise<void> {
  console.log(`\n## Where applyEntries spends its time (${int(items)} new arXiv RSS entries, fresh DB, statements timed)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-store-profile-'));
  const { entries } = await parseArxivFeed(generateArxivFeed(seed, items));
  gc();
  const db = openDatabase(join(dir, 'profile.db'));
  const timings = new Map<string, Timing>();
  instrument(db, timings);
  let bodyMs = 0;
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: () => void) =>
    transaction(() => {
      const t = performance.now();
      fn();
      bodyMs += performance.now() - t;
    })) as Db['transaction'];
  const store = createIngestStore(db);
  const total = time(() => store.applyEntries(INGEST_SOURCE, 'arxiv-rss', entries, INGEST_NOW));
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const tokenize = time(() => entries.reduce((n, e) => n + indexTexts(e).map(toIndexText).join(' ').length, 0));

  const sqlMs = [...timings.values()].reduce((n, t) => n + t.ms, 0);
  const share = (v: number): string => `${((v / total.ms) * 100).toFixed(1)}%`;
  const rows = [...timings]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([sql, t]) => [sql.length > 90 ? `${sql.slice(0, 87)}…` : sql, int(t.calls), ms(t.ms), ms((t.ms / t.calls) * 1000), share(t.ms)]);
  console.log(table(['statement', 'calls', 'total ms', 'µs/call', 'share'], rows));
  const commitMs = total.ms - bodyMs;
  const jsMs = bodyMs - sqlMs;
  console.log(`\n${table(
    ['part of applyEntries', 'ms', 'share'],
    [
      ['all SQL statements', ms(sqlMs), share(sqlMs)],
      ['commit (WAL write) and dedupe map outside the transaction', ms(commitMs), share(commitMs)],
      ['JavaScript between statements (hash, JSON, merge, tokenizer)', ms(jsMs), share(jsMs)],
      ['  of which toIndexText on the four FTS fields (timed separately)', ms(tokenize.ms), share(tokenize.ms)],
      ['applyEntries total (instrumented)', ms(total.ms), '100%'],
    ],
  )}`);
}

if (isMain(import.meta.url)) {
  await runStoreProfile(Number(flag(process.argv.slice(2), 'items') ?? 20_000));
}
