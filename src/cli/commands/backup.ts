import { backupDatabase, BackupError } from '../../db/backup-database.js';
import { parseCommandArgs } from '../args.js';
import { dbPath } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const BACKUP_USAGE = 'paperboy backup FILE [--force] [--json] [--db FILE]';

/** An online, consistent copy of the database (safe while the bot runs); restore: see README "Backup and restore". */
export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('name one file to write the copy to');
  const source = dbPath(io, values.db);
  // The copy and its integrity check are CPU work next to a running bot: let the bot go first.
  io.yieldCpu?.();
  try {
    const r = await backupDatabase(source, positionals[0]!, { overwrite: values.force === true });
    if (values.json) io.out(JSON.stringify({ source, ...r }));
    else io.out(`backup of ${source} written to ${r.file}: ${(r.bytes / 1_048_576).toFixed(1)} MB, schema v${r.schemaVersion}, ${r.papers} papers, ${r.articles} articles, integrity ok (${r.seconds.toFixed(1)} s)`);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    io.err(`paperboy: ${err.message}`);
    return EXIT.failed;
  }
}
