/**
 * `paperboy <command>`: exit 0 on success, 1 when something failed, 2 for a usage or config
 * error; errors go to stderr, one readable line each; `--json` output alone goes to stdout.
 */
import { EXIT, processIo, UsageError, type CliIo } from './io.js';

type Run = (args: string[], io: CliIo) => Promise<number>;
/**
 * Each command's module is imported only when that command runs (or its --help is asked), so
 * `paperboy --help` and the light commands load neither the chat libraries nor the bot.
 */
type Command = { summary: string; load: () => Promise<{ usage: string; run: Run }> };

const COMMANDS: Record<string, Command> = {
  ingest: { summary: 'read sources (paths, URLs, or the config) into the store', load: () => import('./commands/ingest.js').then((m) => ({ usage: m.INGEST_USAGE, run: m.ingestCommand })) },
  backfill: { summary: 'fetch past days of the sources (resumable; arXiv, Hugging Face, backfillUrl)', load: () => import('./commands/backfill.js').then((m) => ({ usage: m.BACKFILL_USAGE, run: m.backfillCommand })) },
  show: { summary: 'show one paper or article with its summaries and sources', load: () => import('./commands/show.js').then((m) => ({ usage: m.SHOW_USAGE, run: m.showCommand })) },
  search: { summary: 'full-text search in English, Korean and Japanese', load: () => import('./commands/search.js').then((m) => ({ usage: m.SEARCH_USAGE, run: m.searchCommand })) },
  status: { summary: 'counts, and the last ingest of each source', load: () => import('./commands/status.js').then((m) => ({ usage: m.STATUS_USAGE, run: m.statusCommand })) },
  doctor: { summary: 'check the config, database, sources, tokens and channels; changes nothing', load: () => import('./commands/doctor.js').then((m) => ({ usage: m.DOCTOR_USAGE, run: m.doctorCommand })) },
  digest: { summary: 'print exactly what a digest would post; sends nothing', load: () => import('./commands/digest.js').then((m) => ({ usage: m.DIGEST_USAGE, run: m.digestCommand })) },
  post: { summary: "post a channel's digest now", load: () => import('./commands/post.js').then((m) => ({ usage: m.POST_USAGE, run: m.postCommand })) },
  summarize: { summary: 'write missing summaries with the optional LLM', load: () => import('./commands/summarize.js').then((m) => ({ usage: m.SUMMARIZE_USAGE, run: m.summarizeCommand })) },
  'register-commands': { summary: 'register the /papers slash command with Discord (--guild ID: one server, at once)', load: () => import('./commands/register-commands.js').then((m) => ({ usage: m.REGISTER_USAGE, run: m.registerCommandsCommand })) },
  interests: { summary: "a channel's or person's relevance seeds: import a BibTeX/RIS/CSL-JSON library, add, remove, list", load: () => import('./commands/interests.js').then((m) => ({ usage: m.INTERESTS_USAGE, run: m.interestsCommand })) },
  feedback: { summary: 'record a 👍/👎 on a paper for a channel or person, as a click would', load: () => import('./commands/feedback.js').then((m) => ({ usage: m.FEEDBACK_USAGE, run: m.feedbackCommand })) },
  export: { summary: "a person's reading list (⭐ saved papers) as BibTeX, RIS or CSL-JSON", load: () => import('./commands/export.js').then((m) => ({ usage: m.EXPORT_USAGE, run: m.exportCommand })) },
  backup: { summary: 'write an online, consistent copy of the database (safe while the bot runs)', load: () => import('./commands/backup.js').then((m) => ({ usage: m.BACKUP_USAGE, run: m.backupCommand })) },
  prune: { summary: 'shrink the raw source entries of papers unchanged for N days (retention.rawEntryDays)', load: () => import('./commands/prune.js').then((m) => ({ usage: m.PRUNE_USAGE, run: m.pruneCommand })) },
  run: { summary: 'run the bot: ingest and digests on schedule (npm start)', load: () => import('./commands/run.js').then((m) => ({ usage: m.RUN_USAGE, run: m.runCommand })) },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: paperboy <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --db FILE (default: $PAPERBOY_DB or ./data/paperboy.db).',
    'Run `paperboy <command> --help` for its options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`paperboy: unknown command "${name}"\n${help()}`);
    return EXIT.usage;
  }
  let usage = `paperboy ${name} [options]`;
  try {
    const loaded = await command.load();
    usage = loaded.usage;
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`usage: ${usage}`);
      return EXIT.ok;
    }
    return await loaded.run(args, io);
  } catch (err) {
    return reportError(err, usage, io);
  }
}

async function reportError(err: unknown, usage: string, io: CliIo): Promise<number> {
  if (err instanceof UsageError) {
    io.err(`paperboy: ${err.message}\nusage: ${usage}`);
    return EXIT.usage;
  }
  // Imported here, not at the top: the command that threw has loaded them already.
  const [{ ConfigError }, { SchemaTooNewError }] = await Promise.all([import('../config.js'), import('../db/migrate.js')]);
  if (err instanceof ConfigError) {
    io.err(`paperboy: ${err.message}`);
    return EXIT.usage;
  }
  if (err instanceof SchemaTooNewError) {
    io.err(`paperboy: ${err.message}`);
    return EXIT.failed;
  }
  const e = err as { code?: string; message?: string };
  const detail = typeof e.code === 'string' && e.code.startsWith('SQLITE') ? `database error (${e.code}): ${e.message}` : e.message;
  io.err(`paperboy: ${detail ?? String(err)}`);
  return EXIT.failed;
}
