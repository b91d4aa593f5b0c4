/** The database lines of `paperboy doctor`, judged from what inspect-database found. */
import type { DatabaseReport } from '../db/inspect-database.js';
import { fail, ok, warn, type Check } from './check.js';

export function databaseChecks(file: string, report: DatabaseReport): Check[] {
  const name = 'database';
  if (report.state === 'missing') {
    return [warn(name, `${file} not created yet; \`paperboy run\` or \`paperboy ingest\` creates it (PAPERBOY_DB or --db to use another file)`)];
  }
  if (report.state === 'unreadable') {
    return [fail(name, `${file} is not a readable SQLite database: ${report.error}; point PAPERBOY_DB at the right file, or restore it from a backup`)];
  }
  const { version, latest } = report;
  const schema =
    version > latest
      ? fail(name, `${file}: schema version ${version} is newer than this Paperboy knows (${latest}); upgrade Paperboy or point PAPERBOY_DB at another database`)
      : version < latest
        ? warn(name, `${file}: schema version ${version}, ${latest - version} migration(s) pending; applied at the next start`)
        : ok(name, `${file}: schema version ${version}`);
  const [first = 'no answer'] = report.quickCheck;
  const integrity =
    report.quickCheck.length === 1 && first === 'ok'
      ? ok('database integrity', 'quick_check ok')
      : fail('database integrity', `quick_check: ${first.replace(/\s*\n\s*/g, ' ')}; stop the bot and restore the database from a backup`);
  const access = report.notWritable.length
    ? fail('database access', `not writable: ${report.notWritable.map((p) => `${p.path} (${p.code})`).join(', ')}; give the user that runs Paperboy write access to the file and its folder`)
    : ok('database access', 'file and folder writable');
  return [schema, integrity, access];
}
