/**
 * `paperboy export --user PLATFORM:ID [--workspace ID] [--format F] [--out FILE]`: a person's
 * reading list as BibTeX, RIS or CSL-JSON (docs/adr/0019-reading-list-and-export.md), to stdout
 * or a file. Without --workspace, the saves of every server or workspace, each paper once.
 */
import { writeFileSync } from 'node:fs';
import { createSavedStore } from '../../db/saved-store.js';
import { EXPORT_FORMATS, isExportFormat, writeLibrary } from '../../library/write-library.js';
import { parseCommandArgs } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const EXPORT_USAGE = `paperboy export --user PLATFORM:ID [--workspace ID] [--format ${EXPORT_FORMATS.join('|')}] [--out FILE] [--json] [--db FILE]`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { user: { type: 'string' }, workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, false);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const person = /^(discord|slack):(\S+)$/.exec(values.user ?? '');
  if (!person) throw new UsageError(values.user === undefined ? 'name the person: --user PLATFORM:ID' : `--user must be PLATFORM:ID (discord:123… or slack:U…), not "${values.user}"`);
  const format = values.format ?? 'bibtex';
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
  if (values.json && values.out === undefined) throw new UsageError('--json prints a summary: name the file with --out');
  return withStores(io, values.db, (stores) => {
    const owner = { platform: person[1]!, user: person[2]!, workspace: values.workspace };
    const papers = createSavedStore(stores.db).list(owner);
    const where = values.workspace === undefined ? 'in any server or workspace' : `in ${values.workspace === '' ? 'direct messages' : values.workspace}`;
    if (papers.length === 0) {
      io.err(`paperboy: ${values.user} has no saved papers ${where}; nothing exported`);
      return EXIT.failed;
    }
    const text = writeLibrary(papers, format);
    if (values.out === undefined) {
      io.out(text);
      return EXIT.ok;
    }
    try {
      writeFileSync(values.out, text);
    } catch (err) {
      io.err(`paperboy: cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return EXIT.failed;
    }
    const summary = { user: values.user, workspace: values.workspace ?? null, format, papers: papers.length, bytes: Buffer.byteLength(text), file: values.out };
    io.out(values.json ? JSON.stringify(summary) : `${papers.length} saved papers of ${values.user} ${where} written to ${values.out} (${format})`);
    return EXIT.ok;
  });
}
