/**
 * Progress of `paperboy backfill` on stderr: on a terminal, one bar redrawn in place with `\r`;
 * otherwise (a log file, CI, a test) one plain line per fetch.
 */
import type { BackfillEvent } from '../pipeline/backfill.js';
import type { CliIo } from './io.js';

const BAR = 20;

function label(e: BackfillEvent): string {
  return `${e.source} ${e.day}${e.page && e.page.of > 1 ? ` page ${e.page.n}/${e.page.of}` : ''}`;
}

/** The unit an event is about, 1-based (skipped units are counted once they are done). */
function position(e: BackfillEvent): number {
  return e.type === 'skipped' ? e.done : Math.min(e.done + 1, e.total);
}

export function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * BAR) : BAR;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
}

export function plainLine(e: BackfillEvent): string | undefined {
  const head = `backfill ${position(e)}/${e.total} ${label(e)}`;
  if (e.type === 'fetched') return `${head}: ${e.entries} entries (${e.new} new)`;
  if (e.type === 'failed') return `${head}: failed: ${e.error}`;
  return undefined;
}

export function createProgress(io: CliIo) {
  const write = io.errIsTty === true ? io.progress : undefined;
  let shown = 0;
  const clear = (): void => {
    if (write && shown > 0) write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  return {
    onEvent(e: BackfillEvent): void {
      if (!write) {
        const line = plainLine(e);
        if (line) io.err(line);
        return;
      }
      if (e.type === 'failed') {
        clear();
        io.err(plainLine(e)!);
      }
      const text = `${bar(e.done, e.total)} ${position(e)}/${e.total}  ${label(e)}`;
      write(`\r${text.padEnd(shown)}`);
      shown = Math.max(shown, text.length);
    },
    /** Removes the bar before the final report. */
    end: clear,
  };
}
