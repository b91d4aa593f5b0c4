/**
 * Fetches past days of sources into the store, politely and resumably. Every (source, day) is a
 * unit; a unit is one URL, or for the arXiv API one search read in pages. A URL already recorded
 * is skipped; a fetched URL is recorded in the same transaction as its entries; a failed one is
 * reported and not recorded, so the next run fetches it. Requests to one host are at least
 * `delayMs` apart (counted from the end of the previous response). When `signal` aborts, the
 * fetch in flight finishes and is recorded, and nothing new starts.
 */
import { seenAtEndOfDay } from '../core/entry-seen-at.js';
import type { SourceEntry, SourceFormat } from '../core/types.js';
import type { BackfillFetch, BackfillStore, RecordedFetch } from '../db/backfill-store.js';
import { arxivTotalResults, parseArxivFeed } from '../ingest/arxiv-feed.js';
import type { BackfillPlan } from '../ingest/backfill-urls.js';
import { SourceError } from '../ingest/errors.js';
import { loadUrl, type LoadOptions } from '../ingest/load-source.js';
import { parseDocument } from '../ingest/parse-document.js';
import { describeSourceError } from '../ingest/read-source.js';

export interface BackfillSource {
  name: string;
  plan: BackfillPlan;
}

export interface BackfillDeps {
  store: Pick<BackfillStore, 'fetched' | 'apply'>;
  load: LoadOptions;
  /** Least time between two requests to the same host. */
  delayMs: number;
  /** Results per arXiv API page. */
  pageSize?: number;
  signal?: AbortSignal;
  now?: () => Date;
  onProgress?: (event: BackfillEvent) => void;
}

/** Where the backfill stands: `done` of `total` units finished (fetched, failed or already done before). */
export interface BackfillEvent {
  type: 'fetching' | 'fetched' | 'failed' | 'skipped';
  done: number;
  total: number;
  source: string;
  day: string;
  /** arXiv API pages: this page (1-based) of how many. */
  page?: { n: number; of: number };
  entries?: number;
  new?: number;
  updated?: number;
  error?: string;
}

export interface SourceBackfillReport {
  source: string;
  days: number;
  /** Days fetched (wholly or in part) by this run. */
  fetched: number;
  /** Days every URL of which was fetched by an earlier run. */
  skipped: number;
  failed: number;
  new: number;
  updated: number;
  /** Entries of fetched documents that could not be read. */
  entryErrors: number;
  /** Why the source was not backfilled at all. */
  unsupported?: string;
}

export interface BackfillFailure {
  source: string;
  day: string;
  url: string;
  message: string;
}

export interface BackfillReport {
  sources: SourceBackfillReport[];
  /** Units (source-days) finished, and planned. */
  done: number;
  total: number;
  interrupted: boolean;
  failures: BackfillFailure[];
}

const DEFAULT_PAGE_SIZE = 200;

type UnitOutcome = 'fetched' | 'skipped' | 'failed' | 'interrupted';

interface Parsed {
  format: SourceFormat | undefined;
  entries: SourceEntry[];
  entryErrors: number;
  total?: number;
}

function hostOf(url: string): string {
  return new URL(url).host;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runBackfill(deps: BackfillDeps, sources: BackfillSource[], days: string[]): Promise<BackfillReport> {
  const now = deps.now ?? (() => new Date());
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const lastEnd = new Map<string, number>();
  const active = sources.filter((s) => s.plan.kind !== 'none');
  const report: BackfillReport = { sources: [], done: 0, total: active.length * days.length, interrupted: false, failures: [] };
  const emit = (e: Omit<BackfillEvent, 'done' | 'total'>): void => deps.onProgress?.({ ...e, done: report.done, total: report.total });
  const aborted = (): boolean => deps.signal?.aborted === true;

  /** Fetches, parses, applies and records one URL; undefined when interrupted before it started. */
  async function fetchOne(src: SourceBackfillReport, fetch: BackfillFetch, parse: (body: string, url: string, contentType?: string) => Promise<Parsed>, page?: BackfillEvent['page']): Promise<Parsed | Error | undefined> {
    const host = hostOf(fetch.url);
    await pause((lastEnd.get(host) ?? -Infinity) + deps.delayMs - Date.now(), deps.signal);
    if (aborted()) return undefined;
    emit({ type: 'fetching', source: fetch.source, day: fetch.day, ...(page ? { page } : {}) });
    try {
      const doc = await loadUrl(fetch.url, deps.load);
      const parsed = await parse(doc.body, fetch.url, doc.contentType);
      const at = now();
      // Seen at the end of its own day: a backfilled month is not today's news (src/core/entry-seen-at.ts).
      const counts = deps.store.apply({ ...fetch, ...(parsed.total !== undefined ? { total: parsed.total } : {}) }, parsed.format, parsed.entries, at.toISOString(), seenAtEndOfDay(fetch.day, at));
      src.new += counts.new;
      src.updated += counts.updated;
      src.entryErrors += parsed.entryErrors;
      // The first page of a search tells how many pages there are.
      const known = page && parsed.total !== undefined ? { n: page.n, of: Math.max(1, Math.ceil(parsed.total / pageSize)) } : page;
      emit({ type: 'fetched', source: fetch.source, day: fetch.day, ...(known ? { page: known } : {}), entries: parsed.entries.length, new: counts.new, updated: counts.updated });
      return parsed;
    } catch (err) {
      const message = describeSourceError(err);
      report.failures.push({ source: fetch.source, day: fetch.day, url: fetch.url, message });
      emit({ type: 'failed', source: fetch.source, day: fetch.day, ...(page ? { page } : {}), error: message });
      return new Error(message);
    } finally {
      lastEnd.set(host, Date.now());
    }
  }

  async function dailyUnit(src: SourceBackfillReport, plan: Extract<BackfillPlan, { kind: 'daily' }>, day: string, done: Map<string, RecordedFetch>): Promise<UnitOutcome> {
    const url = plan.urlFor(day);
    if (done.has(url)) return 'skipped';
    const result = await fetchOne(src, { source: src.source, url, day }, async (body, location, contentType) => {
      const parsed = await parseDocument({ location, body, ...(contentType ? { contentType } : {}) }, plan.format);
      return { format: parsed.format, entries: parsed.entries, entryErrors: parsed.errors.length };
    });
    return result === undefined ? 'interrupted' : result instanceof Error ? 'failed' : 'fetched';
  }

  /** One day of the arXiv API: the first page says how many results there are, hence how many pages. */
  async function arxivUnit(src: SourceBackfillReport, plan: Extract<BackfillPlan, { kind: 'arxiv' }>, day: string, done: Map<string, RecordedFetch>): Promise<UnitOutcome> {
    let fetchedAny = false;
    let total = done.get(plan.pageUrl(day, 0, pageSize))?.total ?? undefined;
    for (let start = 0; start === 0 || (total !== undefined && start < total); start += pageSize) {
      const url = plan.pageUrl(day, start, pageSize);
      if (done.has(url)) continue;
      const page = { n: start / pageSize + 1, of: total === undefined ? 1 : Math.max(1, Math.ceil(total / pageSize)) };
      const result = await fetchOne(src, { source: src.source, url, day }, (body) => parseArxivPage(body, start, total), page);
      if (result === undefined) return 'interrupted';
      if (result instanceof Error) return 'failed';
      fetchedAny = true;
      total ??= result.total;
    }
    return fetchedAny ? 'fetched' : 'skipped';
  }

  for (const s of sources) {
    const src: SourceBackfillReport = { source: s.name, days: 0, fetched: 0, skipped: 0, failed: 0, new: 0, updated: 0, entryErrors: 0 };
    report.sources.push(src);
    const { plan } = s;
    if (plan.kind === 'none') {
      src.unsupported = plan.reason;
      continue;
    }
    src.days = days.length;
    if (report.interrupted) continue;
    const done = deps.store.fetched(s.name);
    for (const day of days) {
      const outcome = plan.kind === 'daily' ? await dailyUnit(src, plan, day, done) : await arxivUnit(src, plan, day, done);
      if (outcome === 'interrupted') {
        report.interrupted = true;
        break;
      }
      src[outcome]++;
      report.done++;
      if (outcome === 'skipped') emit({ type: 'skipped', source: s.name, day });
    }
  }
  return report;
}

/**
 * One page of an arXiv API search. An empty page inside the results is a known hiccup of the
 * API, not the end of the day: it fails (unrecorded), so the next run asks again.
 */
async function parseArxivPage(body: string, start: number, knownTotal: number | undefined): Promise<Parsed> {
  const { entries, errors } = await parseArxivFeed(body);
  const total = arxivTotalResults(body);
  if (total === undefined) throw new SourceError('not an arXiv API answer: it has no opensearch:totalResults');
  if (entries.length === 0 && errors.length === 0 && start < (knownTotal ?? total)) {
    throw new SourceError(`the arXiv API sent an empty page at ${start} of ${knownTotal ?? total} results; it does that at times, try again later`);
  }
  return { format: 'arxiv-atom', entries, entryErrors: errors.length, total };
}
