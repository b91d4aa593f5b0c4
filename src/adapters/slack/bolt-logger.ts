/**
 * Bolt's Logger interface over our pino logger, so Bolt, web-api and socket-mode log as JSON
 * lines with everything else. Bolt calls with console-style arguments (`'Slack API error: x', err`);
 * an Error among them becomes pino's `err`, the rest the message.
 */
import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

const RANK: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/** The Bolt level that lets through what the pino logger would (trace → debug, fatal and silent → error). */
export function boltLevelOf(log: Logger): LogLevel {
  if (log.level === 'trace' || log.level === 'debug') return LogLevel.DEBUG;
  if (log.level === 'info') return LogLevel.INFO;
  if (log.level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}

export function createBoltLogger(log: Logger): BoltLogger {
  // Bolt sets a level on its logger; it filters here and never changes the shared pino logger.
  let level = boltLevelOf(log);
  const emit = (at: LogLevel, args: unknown[]): void => {
    if (RANK[at] < RANK[level]) return;
    const err = args.find((a): a is Error => a instanceof Error);
    const rest = args.filter((a) => a !== err);
    const msg = rest.length > 0 ? format(...rest) : (err?.message ?? '');
    log[at](err ? { err } : {}, msg);
  };
  return {
    debug: (...args: unknown[]) => emit(LogLevel.DEBUG, args),
    info: (...args: unknown[]) => emit(LogLevel.INFO, args),
    warn: (...args: unknown[]) => emit(LogLevel.WARN, args),
    error: (...args: unknown[]) => emit(LogLevel.ERROR, args),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
