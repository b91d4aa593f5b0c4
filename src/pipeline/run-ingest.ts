/**
 * Ingests sources one by one. A source that fails (unreachable, HTML instead of a feed, a
 * broken file) is recorded with its error and the others go on; nothing stored is touched by
 * a failed source, because its entries are applied in one transaction after it parsed.
 */
import type { EntryError, SourceFormat } from '../core/types.js';
import type { IngestStore } from '../db/ingest-store.js';
import type { PaperReader } from '../db/paper-reader.js';
import type { SourceFactsStore } from '../db/source-facts-store.js';
import type { SourceStatusStore } from '../db/source-status-store.js';
import type { LoadOptions } from '../ingest/load-source.js';
import { describeSourceError, readSource } from '../ingest/read-source.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from './metrics.js';

export interface SourceSpec {
  name: string;
  url?: string;
  path?: string;
  format?: SourceFormat;
}

export interface SourceReport {
  source: string;
  format: SourceFormat | null;
  entries: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: EntryError[];
  /** True when the source as a whole could not be read. */
  failed: boolean;
}

export interface IngestReport {
  sources: SourceReport[];
  papers: number;
  articles: number;
}

export interface IngestDeps {
  store: IngestStore;
  status: SourceStatusStore;
  reader: PaperReader;
  /** Format, URL and title of each source read, for its label on cards (core/source-label.ts). */
  facts: SourceFactsStore;
  load: LoadOptions;
  log: Logger;
  now?: () => Date;
  metrics?: PipelineMetrics;
}

export function createIngestRunner(deps: IngestDeps) {
  const now = deps.now ?? (() => new Date());

  async function ingestOne(spec: SourceSpec): Promise<SourceReport> {
    const at = now().toISOString();
    const report: SourceReport = { source: spec.name, format: spec.format ?? null, entries: 0, new: 0, updated: 0, unchanged: 0, errors: [], failed: false };
    // A source that keeps failing the same way is logged at warn once, then at debug until it changes.
    const before = deps.status.get(spec.name);
    const failedBefore = before !== undefined && before.lastSuccessAt !== before.lastRunAt;
    try {
      const { entries, format, errors, title } = await readSource(spec, deps.load);
      report.format = format ?? null;
      report.errors = errors;
      if (format && entries.length > 0) Object.assign(report, deps.store.applyEntries(spec.name, format, entries, at));
      // Entries the source repeats (the same paper on two digest days) count once.
      report.entries = report.new + report.updated + report.unchanged;
      deps.status.record({ source: spec.name, ...(format ? { format } : {}), at, ...counts(report), errors });
      if (format) deps.facts.record({ source: spec.name, format, ...(spec.url ? { url: spec.url } : {}), ...(title ? { title } : {}), at });
      if (failedBefore) deps.log.info({ source: spec.name, lastFailedAt: before.lastErrorAt }, 'source recovered');
      const sameErrors = !failedBefore && JSON.stringify(before?.errors ?? []) === JSON.stringify(errors);
      for (const e of errors) deps.log[sameErrors ? 'debug' : 'warn']({ source: spec.name, place: e.place }, e.message);
    } catch (err) {
      const message = describeSourceError(err);
      report.failed = true;
      report.errors = [{ message }];
      deps.status.record({ source: spec.name, ...(spec.format ? { format: spec.format } : {}), at, entries: 0, new: 0, updated: 0, unchanged: 0, errors: [], failure: message });
      const again = failedBefore && before.lastError === message;
      deps.log[again ? 'debug' : 'warn']({ source: spec.name, err: message }, again ? 'source still failing' : 'source ingest failed');
    }
    deps.metrics?.sourceIngested({ source: spec.name, failed: report.failed, new: report.new, updated: report.updated, unchanged: report.unchanged, entryErrors: report.failed ? 0 : report.errors.length });
    return report;
  }

  return {
    async run(specs: SourceSpec[]): Promise<IngestReport> {
      const sources: SourceReport[] = [];
      for (const spec of specs) sources.push(await ingestOne(spec));
      const { papers, articles } = deps.reader.counts();
      return { sources, papers, articles };
    },
  };
}

function counts(r: SourceReport) {
  return { entries: r.entries, new: r.new, updated: r.updated, unchanged: r.unchanged };
}

export type IngestRunner = ReturnType<typeof createIngestRunner>;
