/** Helpers for the retention tests: stores on :memory:, fixture ingests, whole-database snapshots. */
import { resolvePayload, type StoredPayload } from '../../src/core/prune-entry.js';
import type { SourceFormat } from '../../src/core/types.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { createRecordReader } from '../../src/db/paper-record.js';
import { createPaperReader } from '../../src/db/paper-reader.js';
import { createPaperWriter } from '../../src/db/paper-writer.js';
import { createRetentionStore } from '../../src/db/retention-store.js';
import { createSourceStatusStore } from '../../src/db/source-status-store.js';
import { createSourceFactsStore } from '../../src/db/source-facts-store.js';
import { silentLogger } from '../../src/log.js';
import { pruneRawEntries } from '../../src/pipeline/prune-raw-entries.js';
import { createIngestRunner, type SourceSpec } from '../../src/pipeline/run-ingest.js';

export const fixture = (rel: string): string => new URL(`../fixtures/${rel}`, import.meta.url).pathname;

export const DAY = 86_400_000;

export function setup() {
  const db = openDatabase(':memory:');
  const ingest = createIngestStore(db);
  const reader = createPaperReader(db);
  const retention = createRetentionStore(db);
  return {
    db,
    ingest,
    reader,
    writer: createPaperWriter(db),
    retention,
    /** Runs the real ingest use case (parsers included) at `at`. */
    async ingestSources(specs: SourceSpec[], at: string) {
      const runner = createIngestRunner({
        store: ingest,
        status: createSourceStatusStore(db),
        reader,
        facts: createSourceFactsStore(db),
        load: { timeoutMs: 5000, maxBytes: 10_000_000 },
        log: silentLogger(),
        now: () => new Date(at),
      });
      return runner.run(specs);
    },
    prune: (days: number, at: string, batch = 500) => pruneRawEntries(retention, { days, now: new Date(at), batch, pause: async () => {} }),
  };
}

/** The fixture sources: arXiv RSS, Hugging Face daily papers, the Korean digests, the Japanese blog. */
export const FIXTURE_SOURCES: SourceSpec[] = [
  { name: 'arxiv cs.AI', path: fixture('arxiv/cs.AI.rss.xml') },
  { name: 'hf', path: fixture('hf/daily_papers-2024-10-30.json') },
  { name: 'ko', path: fixture('digests/ko/2024') },
  { name: 'ja', path: fixture('digests/ja/2025-02-24.txt') },
];

/** Everything a reader can see that is derived from observations: rows, source summaries, search terms. */
export function derived(db: Db) {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, paper_search, instance)');
  return {
    papers: db.prepare('SELECT * FROM papers ORDER BY id').all(),
    summaries: db.prepare('SELECT paper_id, locale, source, origin, title, sections, updated_at FROM summaries ORDER BY paper_id, locale, source').all(),
    search: db.prepare('SELECT term, doc, col, offset FROM temp.search_terms ORDER BY doc, col, offset, term').all(),
    aliases: db.prepare('SELECT * FROM paper_aliases ORDER BY key').all(),
    observations: db.prepare('SELECT id, source, format, entry_key, paper_id, hash, first_seen_at, changed_at FROM observations ORDER BY id').all(),
  };
}

/** Every observation's payload as the whole entry it stands for (pruned ones resolved against their record). */
export function resolvedPayloads(db: Db): Record<string, unknown> {
  const records = createRecordReader(db);
  const rows = db.prepare<[], { source: string; format: string; entry_key: string; paper_id: number; payload: string }>(
    'SELECT source, format, entry_key, paper_id, payload FROM observations ORDER BY id',
  ).all();
  return Object.fromEntries(
    rows.map((r) => {
      const origin = { source: r.source, format: r.format as SourceFormat };
      return [`${r.source} ${r.entry_key}`, resolvePayload(JSON.parse(r.payload) as StoredPayload, origin, records.read(r.paper_id)!)];
    }),
  );
}

export function paperIds(db: Db): { id: number; updated_at: string }[] {
  return db.prepare<[], { id: number; updated_at: string }>('SELECT id, updated_at FROM papers ORDER BY id').all();
}

export function prunedCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM observations WHERE pruned_at IS NOT NULL').get() as { n: number }).n;
}
