/**
 * One `paperboy doctor` line per enabled source: loaded and parsed exactly as an ingest would,
 * but nothing is stored. With the database's record of the source's last success, when known.
 */
import { sourceName, type Config, type SourceConfig } from '../config.js';
import type { SourceHealth } from '../db/inspect-database.js';
import { SourceError } from '../ingest/errors.js';
import { loadPath, loadUrl, type LoadOptions, type RawDocument } from '../ingest/load-source.js';
import { parseDocument } from '../ingest/parse-document.js';
import { fail, ok, warn, type Check } from './check.js';

export interface SourceCheckOptions {
  /** Skip sources by URL (`--offline`); sources by path are still read. */
  offline: boolean;
  /** Last runs by source name, from the database when it exists. */
  health: Map<string, SourceHealth>;
  fetch?: typeof fetch;
}

const message = (err: unknown): string => (err instanceof SourceError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`);

async function parseAll(docs: RawDocument[], source: SourceConfig) {
  let entries = 0;
  let entryErrors = 0;
  let format = source.format;
  const failures: string[] = [];
  for (const doc of docs) {
    try {
      const parsed = await parseDocument(doc, source.format);
      format ??= parsed.format;
      entries += parsed.entries.length;
      entryErrors += parsed.errors.length;
    } catch (err) {
      if (docs.length === 1) throw err;
      failures.push(`${doc.relPath ?? doc.location}: ${message(err)}`);
    }
  }
  if (failures.length === docs.length) throw new SourceError(`no file could be parsed; first: ${failures[0]}`);
  return { entries, entryErrors, format, failures };
}

async function checkSource(source: SourceConfig, index: number, load: LoadOptions, health: SourceHealth | undefined): Promise<Check> {
  const name = `source ${sourceName(source)}`;
  const key = `sources[${index}].${source.url ? 'url' : 'path'}`;
  const last = health ? (health.lastSuccessAt ? `; last success ${health.lastSuccessAt}` : '; never succeeded') : '';
  try {
    const loaded = source.url ? { docs: [await loadUrl(source.url, load)], errors: [] } : await loadPath(source.path!, load.maxBytes);
    const parsed = await parseAll(loaded.docs, source);
    const summary = `${parsed.entries} ${parsed.entries === 1 ? 'entry' : 'entries'} [${parsed.format ?? 'unknown'}]${last}`;
    const skipped = [...loaded.errors.map((e) => `${e.place}: ${e.message}`), ...parsed.failures];
    if (skipped.length) return warn(name, `${summary}; ${skipped.length} file(s) skipped, first ${skipped[0]}`);
    if (parsed.entryErrors) return warn(name, `${summary}; ${parsed.entryErrors} entries could not be read (\`paperboy ingest\` names them)`);
    return ok(name, summary);
  } catch (err) {
    return fail(name, `${message(err)}${last}; check ${key}, or set enabled: false`);
  }
}

export async function sourceChecks(config: Config, options: SourceCheckOptions): Promise<Check[]> {
  const load: LoadOptions = {
    timeoutMs: config.ingest.timeoutSeconds * 1000,
    maxBytes: config.ingest.maxBytes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const checked = config.sources
    .map((source, index) => ({ source, index }))
    .filter(({ source }) => source.enabled && !(options.offline && source.url));
  if (config.sources.every((s) => !s.enabled)) return [warn('sources', 'no enabled source: add one under sources: in the config')];
  return Promise.all(checked.map(({ source, index }) => checkSource(source, index, load, options.health.get(sourceName(source)))));
}
