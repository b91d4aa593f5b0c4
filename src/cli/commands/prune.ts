import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { createRetentionStore } from '../../db/retention-store.js';
import { pruneRawEntries } from '../../pipeline/prune-raw-entries.js';
import { parseCommandArgs, positiveInt } from '../args.js';
import { envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const PRUNE_USAGE = 'paperboy prune [--days N] [--vacuum] [--json] [--db FILE]';

// Measured (docs/benchmarks.md): most of the space saved stays as free room inside the observation pages.
const VACUUM_NOTE =
  'The database file shrinks only after VACUUM: stop the bot and run `paperboy prune --vacuum` (it needs free disk space for a copy of the file); until then SQLite reuses the freed pages for new data.';

/** --days, else the config's retention.rawEntryDays; neither is a usage error. */
function retentionDays(io: CliIo, flag: string | undefined): number {
  if (flag !== undefined) return positiveInt(flag, 'days', 1);
  const file = envOf(io).PAPERBOY_CONFIG;
  const days = existsSync(file) ? loadConfig(file).retention.rawEntryDays : undefined;
  if (days === undefined) throw new UsageError(`no retention period: give --days N or set retention.rawEntryDays in ${file}`);
  return days;
}

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Prunes the raw source entries of papers unchanged for N days (docs/adr/0007-retention.md). */
export async function pruneCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { days: { type: 'string' }, vacuum: { type: 'boolean' } }, false);
  const days = retentionDays(io, values.days);
  const { report, vacuum } = await withStores(io, values.db, async (s) => {
    const store = createRetentionStore(s.db);
    const report = await pruneRawEntries(store, { days, now: new Date() });
    return { report, vacuum: values.vacuum ? store.vacuum() : undefined };
  });
  if (values.json) {
    io.out(JSON.stringify({ ...report, vacuumNeeded: !vacuum && report.bytesSaved > 0, ...(vacuum ? { fileBytesBefore: vacuum.before, fileBytesAfter: vacuum.after } : {}) }));
    return EXIT.ok;
  }
  io.out(
    `pruned the raw entries of ${report.papers} papers unchanged for ${days} days: ${report.observations} observations, ` +
      `payload ${megabytes(report.bytesBefore)} → ${megabytes(report.bytesAfter)} (${megabytes(report.bytesSaved)} saved)`,
  );
  if (vacuum) io.out(`vacuumed: the file went from ${megabytes(vacuum.before)} to ${megabytes(vacuum.after)}`);
  else if (report.bytesSaved > 0) io.out(VACUUM_NOTE);
  return EXIT.ok;
}
