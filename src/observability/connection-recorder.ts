/**
 * Keeps the chat_connections rows current while the bot runs: a row per tracked platform on start
 * and on every change, checked_at refreshed every `intervalMs`, and "disconnected" on stop. Each
 * change is logged once: a warning when a connection is lost, info when it is back.
 */
import type { Platform } from '../core/chat-poster.js';
import { RECORD_REFRESH_MS, type ConnectionStatus } from '../core/connection-state.js';
import type { ConnectionStore } from '../db/connection-store.js';
import type { Logger } from '../log.js';

export interface ConnectionSource {
  connectionStates(): Partial<Record<Platform, ConnectionStatus>>;
  onConnectionChange(listener: (platform: Platform, status: ConnectionStatus) => void): void;
}

export interface ConnectionRecorderOptions {
  chat: ConnectionSource;
  store: ConnectionStore;
  log: Logger;
  now(): Date;
  /** How often checked_at is refreshed; 60 s by default. */
  intervalMs?: number;
}

export function startConnectionRecorder(o: ConnectionRecorderOptions): { stop(): void } {
  let stopped = false;
  const record = (platform: string, status: ConnectionStatus) => {
    try {
      o.store.record(platform, status, o.now().toISOString());
    } catch (err) {
      // A locked or read-only database must not break the connection; /healthz reports the database.
      o.log.warn({ err, platform }, 'chat connection state not recorded');
    }
  };
  for (const [platform, status] of Object.entries(o.chat.connectionStates())) if (status) record(platform, status);
  o.chat.onConnectionChange((platform, status) => {
    if (stopped) return;
    record(platform, status);
    if (status.state === 'connected') o.log.info({ platform, since: status.since }, 'chat connection up');
    else o.log.warn({ platform, state: status.state, since: status.since, error: status.error }, 'chat connection down');
  });
  const timer = setInterval(() => {
    try {
      o.store.touch(o.now().toISOString());
    } catch (err) {
      o.log.debug({ err }, 'chat connection check time not recorded');
    }
  }, o.intervalMs ?? RECORD_REFRESH_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      const at = o.now().toISOString();
      for (const platform of Object.keys(o.chat.connectionStates())) record(platform, { state: 'disconnected', since: at });
    },
  };
}
