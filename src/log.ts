/**
 * The root logger, on stderr (stdout stays free for `--json` output). JSON lines by default;
 * human-readable lines (pino-pretty) when LOG_FORMAT=pretty, or LOG_FORMAT=auto and stderr is a
 * terminal. Modules take a child with their context (source, channel, paper).
 */
import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go; stderr by default (its TTY-ness decides `auto`). */
  destination?: Writable & { isTTY?: boolean };
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', options: Omit<LoggerOptions, 'level'> = {}): Logger {
  const destination = options.destination;
  const format = options.format ?? 'auto';
  const isTty = destination ? destination.isTTY === true : process.stderr.isTTY === true;
  const pretty = format === 'pretty' || (format === 'auto' && isTty);
  const base = { level, base: { app: 'paperboy' } };
  if (!pretty) return pino(base, destination ?? pino.destination(2));
  // In-process and synchronous (no worker thread): a line is written before the call returns, as with JSON.
  const stream = PinoPretty({ destination: destination ?? 2, sync: true, colorize: isTty, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l o', ignore: 'pid,hostname,app' });
  return pino(base, stream);
}

/** A logger that drops everything, for tests and quiet CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Logs a background failure once: the first time (or when its message changes) at `level` with
 * the error and its stack, then at `debug` with the message only while it repeats, and once at
 * `info` when it recovers. `key` names what is failing (a job, a channel).
 */
export type FailureLog = ReturnType<typeof createFailureLog>;

export function createFailureLog(log: Logger, level: 'error' | 'warn' = 'error') {
  const failing = new Map<string, { message: string; since: string; repeats: number }>();
  return {
    failed(key: string, context: Record<string, unknown>, err: unknown, msg: string): void {
      const message = err instanceof Error ? err.message : String(err);
      const before = failing.get(key);
      if (before && before.message === message) {
        before.repeats++;
        log.debug({ ...context, err: message, repeats: before.repeats, since: before.since }, `${msg} (again)`);
        return;
      }
      failing.set(key, { message, since: new Date().toISOString(), repeats: 0 });
      log[level]({ ...context, err }, msg);
    },
    succeeded(key: string, context: Record<string, unknown>, msg: string): void {
      const before = failing.get(key);
      if (!before) return;
      failing.delete(key);
      log.info({ ...context, failedSince: before.since, repeats: before.repeats }, msg);
    },
  };
}
