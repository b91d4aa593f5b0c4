/**
 * `paperboy <command>`: exit 0 on success, 1 when something failed, 2 for a usage or config
 * error; errors go to stderr, one readable line each; `--json` output alone goes to stdout.
 */
import { ConfigError } from '../config.js';
import { SchemaTooNewError } from '../db/migrate.js';
import { BACKFILL_USAGE, backfillCommand } from './commands/backfill.js';
import { BACKUP_USAGE, backupCommand } from './commands/backup.js';
import { DIGEST_USAGE, digestCommand } from './commands/digest.js';
import { DOCTOR_USAGE, doctorCommand } from './commands/doctor.js';
import { FEEDBACK_USAGE, feedbackCommand } from './commands/feedback.js';
import { INGEST_USAGE, ingestCommand } from './commands/ingest.js';
import { INTERESTS_USAGE, interestsCommand } from './commands/interests.js';
import { POST_USAGE, postCommand } from './commands/post.js';
import { PRUNE_USAGE, pruneCommand } from './commands/prune.js';
import { REGISTER_USAGE, registerCommandsCommand } from './commands/register-commands.js';
import { RUN_USAGE, runCommand } from './commands/run.js';
import { SEARCH_USAGE, searchCommand } from './commands/search.js';
import { SHOW_USAGE, showCommand } from './commands/show.js';
import { STATUS_USAGE, statusCommand } from './commands/status.js';
import { SUMMARIZE_USAGE, summarizeCommand } from './commands/summarize.js';
import { EXIT, processIo, UsageError, type CliIo } from './io.js';

type Command = { usage: string; summary: string; run: (args: string[], io: CliIo) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  ingest: { usage: INGEST_USAGE, summary: 'read sources (paths, URLs, or the config) into the store', run: ingestCommand },
  backfill: { usage: BACKFILL_USAGE, summary: 'fetch past days of the sources (resumable; arXiv, Hugging Face, backfillUrl)', run: backfillCommand },
  show: { usage: SHOW_USAGE, summary: 'show one paper or article with its summaries and sources', run: showCommand },
  search: { usage: SEARCH_USAGE, summary: 'full-text search in English, Korean and Japanese', run: searchCommand },
  status: { usage: STATUS_USAGE, summary: 'counts, and the last ingest of each source', run: statusCommand },
  doctor: { usage: DOCTOR_USAGE, summary: 'check the config, database, sources, tokens and channels; changes nothing', run: doctorCommand },
  digest: { usage: DIGEST_USAGE, summary: 'print exactly what a digest would post; sends nothing', run: digestCommand },
  post: { usage: POST_USAGE, summary: "post a channel's digest now", run: postCommand },
  summarize: { usage: SUMMARIZE_USAGE, summary: 'write missing summaries with the optional LLM', run: summarizeCommand },
  'register-commands': { usage: REGISTER_USAGE, summary: 'register the /papers slash command with Discord (--guild ID: one server, at once)', run: registerCommandsCommand },
  interests: { usage: INTERESTS_USAGE, summary: "a channel's or person's relevance seeds: import a BibTeX/RIS/CSL-JSON library, add, remove, list", run: interestsCommand },
  feedback: { usage: FEEDBACK_USAGE, summary: 'record a 👍/👎 on a paper for a channel or person, as a click would', run: feedbackCommand },
  backup: { usage: BACKUP_USAGE, summary: 'write an online, consistent copy of the database (safe while the bot runs)', run: backupCommand },
  prune: { usage: PRUNE_USAGE, summary: 'shrink the raw source entries of papers unchanged for N days (retention.rawEntryDays)', run: pruneCommand },
  run: { usage: RUN_USAGE, summary: 'run the bot: ingest and digests on schedule (npm start)', run: runCommand },
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
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    return reportError(err, command, io);
  }
}

function reportError(err: unknown, command: Command, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`paperboy: ${err.message}\nusage: ${command.usage}`);
    return EXIT.usage;
  }
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
