/** The digest clock: node-cron ticks every minute; the runner decides what is due. Never throws. */
import cron from 'node-cron';
import { createFailureLog, type Logger } from '../log.js';
import type { DigestRunner } from '../pipeline/run-digests.js';

export function scheduleDigests(runner: DigestRunner, log: Logger, enabled = true) {
  // The clock ticks every minute: a failure that lasts (a locked database) is logged once, not each minute.
  const failures = createFailureLog(log);
  const tick = async (): Promise<void> => {
    try {
      const report = await runner.tick();
      failures.succeeded('tick', {}, 'digest tick recovered');
      if (report.planned || report.results.length || report.missed.length || report.waiting.length || report.held.length) log.info(report, 'digest tick');
    } catch (err) {
      failures.failed('tick', {}, err, 'digest tick failed');
    }
  };
  const task = enabled ? cron.schedule('* * * * *', () => void tick(), { name: 'digests', noOverlap: true }) : undefined;
  return {
    tick,
    async stop() {
      await task?.stop();
      await task?.destroy();
    },
  };
}
