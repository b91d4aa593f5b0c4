/**
 * One `paperboy doctor` line per enabled source: loaded and parsed exactly as an ingest would,
 * but nothing is stored. With the database's record of the source's last success, when known.
 */
import { sourceName, type Config, type SourceConfig } from '../config.js';
import type { SourceHealth } from '../db/inspect-database.js';
import { SourceError } from '../ingest/errors.js';
import type { LoadOptions } from '../ingest/load-source.js';
import { describeSourceError, readSource } from '../ingest/read-source.js';
import { fail, ok, warn, type Check } from './check.js';

export interface SourceCheckOptions {
  /** Skip sources by URL (`--offline`); sources by path are still read. */
  offline: boolean;
  /** Last runs by source name, from the database when it exists. */
  health: Map<string, SourceHealth>;
  fetch?: typeof fetch;
}

async function checkSource(source: SourceConfig, index: number, load: LoadOptions, health: SourceHealth | undefined): Promise<Check> {
  const name = `source ${sourceName(source)}`;
  const key = `sources[${index}].${source.url ? 'url' : 'path'}`;
  const last = health ? (health.lastSuccessAt ? `; last success ${health.lastSuccessAt}` : '; never succeeded') : '';
  try {
    const read = await readSource(source, load);
    const skipped = read.skippedFiles.map((e) => `${e.place}: ${e.message}`);
    if (skipped.length === read.documents) throw new SourceError(`no file could be parsed; first: ${skipped[0]}`);
    const n = read.entries.length;
    const summary = `${n} ${n === 1 ? 'entry' : 'entries'} [${read.format ?? 'unknown'}]${last}`;
    const entryErrors = read.errors.length - read.skippedFiles.length;
    if (skipped.length) return warn(name, `${summary}; ${skipped.length} file(s) skipped, first ${skipped[0]}`);
    if (entryErrors) return warn(name, `${summary}; ${entryErrors} entries could not be read (\`paperboy ingest\` names them)`);
    return ok(name, summary);
  } catch (err) {
    return fail(name, `${describeSourceError(err)}${last}; check ${key}, or set enabled: false`);
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
