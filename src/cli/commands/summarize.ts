import { keyForLookup } from '../../core/paper-key.js';
import { createLogger } from '../../log.js';
import { buildSummarizer, buildSummaryGeneration, channelSpecs } from '../../main.js';
import { parseCommandArgs, positiveInt } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const SUMMARIZE_USAGE = 'paperboy summarize [--locale L] [--limit N] [--paper ID] [--json] [--db FILE]';

/** Writes missing summaries with the configured LLM: for --locale (default: the channels' languages). */
export async function summarizeCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { locale: { type: 'string' }, limit: { type: 'string' }, paper: { type: 'string' } }, false);
  const env = envOf(io);
  const config = configOf(io);
  const summarizer = buildSummarizer(env, config);
  if (!summarizer) throw new UsageError('no summarizer: set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY for hosted APIs)');
  const locales = values.locale ? [values.locale] : [...new Set(channelSpecs(config).map((c) => c.locale))];
  if (locales.length === 0) throw new UsageError('no locale: give --locale or configure channels');
  const limit = positiveInt(values.limit, 'limit', config.llm.maxPapers);
  const log = createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT });
  const report = await withStores(io, values.db, async (stores) => {
    let paperIds: number[] | undefined;
    if (values.paper) {
      const key = keyForLookup(values.paper);
      const paper = key ? stores.reader.getByKey(key) : undefined;
      if (!paper) throw new UsageError(`no paper ${values.paper} in the store`);
      paperIds = [paper.id];
    }
    const generate = buildSummaryGeneration(stores, { ...config, llm: { ...config.llm, maxPapers: limit } }, summarizer, log);
    return generate(locales, paperIds);
  });
  if (!report) return EXIT.ok;
  if (values.json) io.out(JSON.stringify({ source: summarizer.source, locales, ...report }));
  else {
    io.out(`${summarizer.source}: ${report.generated} generated, ${report.failed} failed, ${report.skipped} skipped (budget or deadline)`);
    for (const r of report.reasons) io.err(`paperboy: ${r}`);
  }
  return report.failed > 0 ? EXIT.failed : EXIT.ok;
}
