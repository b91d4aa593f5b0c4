/** The ingest schedule: node-cron runs the ingest use case; a failing run is logged, never thrown. */
import cron from 'node-cron';
import { createFailureLog, type Logger } from '../log.js';
import type { IngestRunner, SourceSpec } from '../pipeline/run-ingest.js';

export interface IngestJob {
  /** Runs an ingest now (skipped if one is already running); resolves when it ends. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** `after` runs after every ingest (subscription delivery); its failure is logged like the ingest's. */
export function scheduleIngest(
  runner: IngestRunner,
  specs: SourceSpec[],
  expression: string,
  timezone: string,
  log: Logger,
  enabled = true,
  after?: () => Promise<unknown>,
): IngestJob {
  let running: Promise<void> | undefined;
  const failures = createFailureLog(log);
  const runNow = (): Promise<void> => {
    running ??= (async () => {
      try {
        const report = await runner.run(specs);
        failures.succeeded('ingest', {}, 'ingest run recovered');
        const failed = report.sources.filter((s) => s.failed).map((s) => s.source);
        log.info({ papers: report.papers, articles: report.articles, failed }, 'ingest finished');
        if (after) log.info({ subscriptions: await after() }, 'subscriptions delivered');
      } catch (err) {
        failures.failed('ingest', {}, err, 'ingest run failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const task = enabled ? cron.schedule(expression, () => void runNow(), { timezone, name: 'ingest', noOverlap: true }) : undefined;
  return {
    runNow,
    async stop() {
      await task?.stop();
      await task?.destroy();
      await running;
    },
  };
}
