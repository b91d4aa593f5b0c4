import { parseCommandArgs, positiveInt } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const SEARCH_USAGE = 'paperboy search QUERY [--limit N] [--json] [--db FILE]';

export async function searchCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { limit: { type: 'string' } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search needs a QUERY');
  const limit = positiveInt(values.limit, 'limit', 10);
  const hits = await withStores(io, values.db, (s) => s.search.search(query, { limit }));
  if (values.json) {
    io.out(JSON.stringify(hits));
    return EXIT.ok;
  }
  if (hits.length === 0) io.out(`no matches for "${query}"`);
  hits.forEach((h, i) => io.out(`${i + 1}. ${h.title}  [${h.arxivId ? `arXiv:${h.arxivId}` : h.key}]  (score ${h.score})\n   ${h.snippet}`));
  return EXIT.ok;
}
