/**
 * Composition root: the only place that builds the database, the stores, the runners and the
 * schedules. The CLI and the long-running bot both start here.
 */
import { sourceName, type Config } from './config.js';
import { createIngestStore } from './db/ingest-store.js';
import { openDatabase, type Db } from './db/open-database.js';
import { createPaperReader } from './db/paper-reader.js';
import { createPaperSearch } from './db/paper-search.js';
import { createSourceStatusStore } from './db/source-status-store.js';
import type { Logger } from './log.js';
import { createIngestRunner, type SourceSpec } from './pipeline/run-ingest.js';

export interface Stores {
  db: Db;
  ingest: ReturnType<typeof createIngestStore>;
  reader: ReturnType<typeof createPaperReader>;
  search: ReturnType<typeof createPaperSearch>;
  status: ReturnType<typeof createSourceStatusStore>;
  close(): void;
}

export function openStores(dbFile: string): Stores {
  const db = openDatabase(dbFile);
  return {
    db,
    ingest: createIngestStore(db),
    reader: createPaperReader(db),
    search: createPaperSearch(db),
    status: createSourceStatusStore(db),
    close: () => db.close(),
  };
}

export function sourceSpecs(config: Config): SourceSpec[] {
  return config.sources
    .filter((s) => s.enabled)
    .map((s) => ({
      name: sourceName(s),
      ...(s.url ? { url: s.url } : {}),
      ...(s.path ? { path: s.path } : {}),
      ...(s.format ? { format: s.format } : {}),
    }));
}

export function buildIngestRunner(stores: Stores, config: Config, log: Logger) {
  return createIngestRunner({
    store: stores.ingest,
    status: stores.status,
    reader: stores.reader,
    load: { timeoutMs: config.ingest.timeoutSeconds * 1000, maxBytes: config.ingest.maxBytes },
    log,
  });
}
