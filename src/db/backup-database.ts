/**
 * An online, consistent copy of a Paperboy database with SQLite's backup API, safe while the bot
 * writes: in WAL mode a reader never blocks the writer, and the copy is made in one step, so it is
 * one snapshot (a backup copied in small steps restarts whenever another connection writes, and
 * could chase a busy bot forever). The copy is written next to its target and renamed into place
 * only after it passed an integrity check, so a failed backup never leaves a half file behind.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  papers: number;
  articles: number;
  /** Whole run, and of it the copy (backup API) and the integrity check of the copy. */
  seconds: number;
  copySeconds: number;
  checkSeconds: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

export async function backupDatabase(source: string, target: string, options: { overwrite?: boolean } = {}): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`no database at ${source} (set PAPERBOY_DB or --db)`);
  if (existsSync(target) && !options.overwrite) throw new BackupError(`${target} exists; choose a new file name or pass --force`);
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    db.pragma('busy_timeout = 5000');
    // After the first step, copy everything that is left at once (see above).
    await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
    const copied = performance.now();
    const result = verify(partial);
    const checked = performance.now();
    renameSync(partial, target);
    const seconds = (ms: number) => ms / 1000;
    return { file: target, ...result, bytes: statSync(target).size, seconds: seconds(checked - started), copySeconds: seconds(copied - started), checkSeconds: seconds(checked - copied) };
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof BackupError) throw err;
    const e = err as { code?: string; message?: string };
    throw new BackupError(`backup failed: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`);
  } finally {
    db.close();
  }
}

function verify(file: string): Pick<BackupResult, 'schemaVersion' | 'papers' | 'articles'> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check') as { integrity_check: string }[];
    if (check[0]?.integrity_check !== 'ok') throw new BackupError(`the copy failed its integrity check: ${check[0]?.integrity_check ?? 'no answer'}`);
    const counts = copy.prepare<[], { papers: number; articles: number }>(
      "SELECT count(*) FILTER (WHERE kind = 'paper') AS papers, count(*) FILTER (WHERE kind = 'article') AS articles FROM papers",
    ).get();
    return { schemaVersion: copy.pragma('user_version', { simple: true }) as number, papers: counts?.papers ?? 0, articles: counts?.articles ?? 0 };
  } finally {
    copy.close();
  }
}
