import { startBot } from '../../bot.js';
import { createLogger } from '../../log.js';
import { parseCommandArgs } from '../args.js';
import { configOf, dbPath, envOf } from '../context.js';
import { EXIT, type CliIo } from '../io.js';

export const RUN_USAGE = 'paperboy run [--db FILE]   (the long-running bot; `npm start`)';

/** Runs until SIGINT or SIGTERM: ingest and digests on schedule, chat clients connected. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {}, false);
  const env = envOf(io);
  const config = configOf(io);
  const log = createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT });
  const dbFile = dbPath(io, values.db);
  const bot = await startBot({ env, config, dbFile, log, write: io.out });
  log.info({ db: dbFile, sources: config.sources.length, channels: config.channels.length }, 'paperboy started');
  const consoleOnly = !env.DISCORD_TOKEN && !env.SLACK_BOT_TOKEN;
  void bot.ingest().then(() => {
    if (consoleOnly && config.channels.length > 0) bot.preview();
    return bot.tick();
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping: finishing the message in flight');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const { timedOut } = await bot.stop();
  log.info('stopped');
  // A send abandoned at the end of the grace period may still hold a socket open: do not wait for it.
  if (timedOut) setTimeout(() => process.exit(EXIT.ok), 1000).unref();
  return EXIT.ok;
}
