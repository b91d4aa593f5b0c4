import { existsSync } from 'node:fs';
import { parseConfig, type Config } from '../../config.js';
import { SOURCE_FORMATS, type SourceFormat } from '../../core/types.js';
import { silentLogger } from '../../log.js';
import { buildIngestRunner, sourceSpecs } from '../../main.js';
import type { IngestReport, SourceSpec } from '../../pipeline/run-ingest.js';
import { parseCommandArgs } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const INGEST_USAGE = 'paperboy ingest [SOURCE…] [--format FORMAT] [--json] [--db FILE]';

function explicitSpecs(positionals: string[], format: SourceFormat | undefined): SourceSpec[] {
  return positionals.map((s) => ({
    name: s,
    ...(/^https?:\/\//i.test(s) ? { url: s } : { path: s }),
    ...(format ? { format } : {}),
  }));
}

/** Explicit sources need no config file, but honour its ingest limits when there is one. */
function configFor(io: CliIo, explicit: boolean): Config {
  if (!explicit) return configOf(io);
  const file = envOf(io).PAPERBOY_CONFIG;
  return existsSync(file) ? configOf(io) : parseConfig('{}', file);
}

export async function ingestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = values.format as SourceFormat | undefined;
  if (format !== undefined && !SOURCE_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${SOURCE_FORMATS.join(', ')}; got "${format}"`);
  }
  const config = configFor(io, positionals.length > 0);
  const specs = positionals.length > 0 ? explicitSpecs(positionals, format) : sourceSpecs(config);
  if (specs.length === 0) throw new UsageError('no sources: name a file, folder or URL, or add sources to the config');
  const report = await withStores(io, values.db, (stores) => buildIngestRunner(stores, config, silentLogger()).run(specs));
  printReport(report, io, values.json === true);
  const failed = report.sources.some((s) => s.failed || s.errors.length > 0);
  return failed ? EXIT.failed : EXIT.ok;
}

function printReport(report: IngestReport, io: CliIo, json: boolean): void {
  for (const s of report.sources) {
    for (const e of s.errors) io.err(`paperboy: ${s.source}${e.place ? ` (${e.place})` : ''}: ${e.message}`);
  }
  if (json) {
    const sources = report.sources.map(({ failed: _failed, ...s }) => s);
    io.out(JSON.stringify({ sources, papers: report.papers, articles: report.articles }));
    return;
  }
  for (const s of report.sources) {
    const mark = s.failed ? '✗' : s.errors.length ? '!' : '✓';
    const counts = s.failed ? 'failed' : `${s.entries} entries: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged`;
    io.out(`${mark} ${s.source}${s.format ? ` [${s.format}]` : ''}: ${counts}${s.errors.length && !s.failed ? `, ${s.errors.length} errors` : ''}`);
  }
  io.out(`store: ${report.papers} papers, ${report.articles} articles`);
}
