import { createLogger } from '../../log.js';
import { buildIngestRunner, openStores, sourceSpecs } from '../../main.js';
import { scheduleIngest } from '../../scheduler/ingest-job.js';
import { parseCommandArgs } from '../args.js';
import { configOf, dbPath, envOf } from '../context.js';
import { EXIT, type CliIo } from '../io.js';

export const RUN_USAGE = 'paperboy run [--db FILE]   (the long-running bot; `npm start`)';

/** Runs until SIGINT or SIGTERM: ingest at start and on the configured schedule. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {}, false);
  const env = envOf(io);
  const config = configOf(io);
  const log = createLogger(env.LOG_LEVEL);
  const stores = openStores(dbPath(io, values.db));
  const specs = sourceSpecs(config);
  const job = scheduleIngest(buildIngestRunner(stores, config, log), specs, config.ingest.schedule, config.timezone, log);
  log.info({ db: dbPath(io, values.db), sources: specs.length, schedule: config.ingest.schedule }, 'paperboy started');
  void job.runNow();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await job.stop();
  stores.close();
  log.info('stopped');
  return EXIT.ok;
}
