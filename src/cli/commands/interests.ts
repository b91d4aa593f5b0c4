/**
 * `paperboy interests import|add|remove|list|clear`: the seeds a channel's or a person's
 * relevance profile starts from (docs/adr/0014-personal-ranking.md).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { seedOwner } from '../../core/personal-ranking/profile-ref.js';
import { createInterestStore } from '../../db/interest-store.js';
import { createSeedMatcher } from '../../db/seed-matcher.js';
import type { LibraryEntry, LibraryError } from '../../library/library-entry.js';
import { readIdItem } from '../../library/read-id-list.js';
import { readLibrary } from '../../library/read-library.js';
import { seedsFromLibrary } from '../../pipeline/import-interests.js';
import { parseCommandArgs } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { profileTarget } from '../profile-target.js';

export const INTERESTS_USAGE =
  'paperboy interests import FILE | add ITEM… | remove ITEM… | list | clear  (--channel ID | --user PLATFORM:ID [--workspace ID]) [--dislike] [--json] [--db FILE]';

const TARGET = { channel: { type: 'string' }, user: { type: 'string' }, workspace: { type: 'string' }, dislike: { type: 'boolean' } } as const;

function readItems(items: string[]): { entries: LibraryEntry[]; errors: LibraryError[] } {
  const entries: LibraryEntry[] = [];
  const errors: LibraryError[] = [];
  items.forEach((item, i) => {
    const entry = readIdItem(item, i + 1);
    if (entry) entries.push(entry);
    else errors.push({ line: i + 1, message: `not an arXiv id, arXiv URL or DOI: "${item}"` });
  });
  if (errors.length) throw new UsageError(errors.map((e) => e.message).join('; '));
  return { entries, errors };
}

export async function interestsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, TARGET);
  const [action, ...rest] = positionals;
  if (!action || !['import', 'add', 'remove', 'list', 'clear'].includes(action)) throw new UsageError('interests needs an action: import, add, remove, list or clear');
  if (action === 'import' && rest.length !== 1) throw new UsageError('interests import takes one FILE');
  if ((action === 'add' || action === 'remove') && rest.length === 0) throw new UsageError(`interests ${action} takes one or more arXiv ids, URLs or DOIs`);
  return withStores(io, values.db, (stores) => {
    const owner = seedOwner(profileTarget(values, io, stores));
    const interests = createInterestStore(stores.db);
    const matcher = createSeedMatcher(stores.db);
    if (action === 'list') {
      const seeds = interests.list(owner);
      io.out(values.json ? JSON.stringify({ owner, seeds }) : seeds.length ? seeds.map((s) => `${s.value > 0 ? '+' : '-'} ${s.ref}  ${s.title}${s.paperId === null ? '  (not stored)' : ''}`).join('\n') : `no seeds for ${owner}`);
      return EXIT.ok;
    }
    if (action === 'clear') {
      const n = interests.clear(owner);
      io.out(values.json ? JSON.stringify({ owner, removed: n }) : `removed ${n} seeds of ${owner}`);
      return EXIT.ok;
    }
    if (action === 'remove') {
      const { entries } = readItems(rest);
      const n = entries.reduce((sum, e) => sum + interests.remove(owner, e.arxivId ? `arxiv:${e.arxivId}` : `doi:${e.doi}`, matcher.find(e)?.id ?? null), 0);
      io.out(values.json ? JSON.stringify({ owner, removed: n }) : `removed ${n} seeds of ${owner}`);
      return n > 0 ? EXIT.ok : EXIT.failed;
    }
    const read = action === 'import' ? readFile(rest[0]!) : readItems(rest);
    const report = seedsFromLibrary(read.entries, matcher, { value: values.dislike ? -1 : 1, origin: action === 'import' ? 'import' : 'add', now: new Date().toISOString() });
    interests.add(owner, report.seeds);
    const { seeds, ...counts } = report;
    for (const e of read.errors) io.err(`paperboy: ${action === 'import' ? basename(rest[0]!) : 'item'} line ${e.line}: ${e.message}`);
    if (values.json) io.out(JSON.stringify({ owner, added: seeds.length, ...counts, errors: read.errors }));
    else io.out(`${owner}: ${seeds.length} seeds (${counts.matched} stored papers, ${counts.textOnly} by their own title and abstract, ${counts.waiting} arXiv ids not stored yet), ${read.errors.length} entries skipped`);
    return read.errors.length ? EXIT.failed : EXIT.ok;
  });
}

function readFile(file: string): { entries: LibraryEntry[]; errors: LibraryError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return readLibrary(text, file);
}
