import { parseCommandArgs } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, type CliIo } from '../io.js';

export const STATUS_USAGE = 'paperboy status [--json] [--db FILE]';

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {}, false);
  const { counts, sources } = await withStores(io, values.db, (s) => ({ counts: s.reader.counts(), sources: s.status.list() }));
  if (values.json) {
    io.out(JSON.stringify({ papers: counts.papers, articles: counts.articles, summaries: counts.summariesByLocale, sources }));
    return EXIT.ok;
  }
  const locales = Object.entries(counts.summariesByLocale).map(([l, n]) => `${l} ${n}`).join(', ') || 'none';
  io.out(`papers: ${counts.papers}\narticles: ${counts.articles}\nsummaries: ${locales}`);
  if (sources.length === 0) io.out('sources: none ingested yet');
  for (const s of sources) {
    const failedLast = s.lastSuccessAt !== s.lastRunAt;
    const ok = failedLast ? `FAILED: ${s.lastError}` : s.errors.length ? `ok, ${s.errors.length} entry errors (first: ${s.lastError})` : 'ok';
    io.out(
      `- ${s.source}${s.format ? ` [${s.format}]` : ''}: last run ${s.lastRunAt}, last success ${s.lastSuccessAt ?? 'never'}; ` +
        `${s.entries} entries (${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged); ${ok}`,
    );
  }
  return EXIT.ok;
}
