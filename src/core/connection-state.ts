/**
 * The state of one chat platform's connection and since when it has held, fed by the platform
 * client's public events. `since` moves only when the state changes: a reconnect that goes
 * through several attempts stays "reconnecting since the connection was lost".
 */

/**
 * connecting: first connection, not up yet; connected: receiving commands; reconnecting: lost,
 * the client is trying again on its own; disconnected: down and nobody is trying (stopped, or the
 * client gave up).
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionStatus {
  state: ConnectionState;
  /** ISO time the state began. */
  since: string;
  /** The last error the client reported while not connected (cleared on connect). */
  error?: string;
}

export interface ConnectionTracker {
  /** Moves to `state` (keeping `since` when the state is unchanged); `error` is kept until connected. */
  set(state: ConnectionState, error?: string): void;
  /** Records an error without changing the state (the close that follows an error changes it). */
  fail(error: string): void;
  status(): ConnectionStatus;
  connected(): boolean;
  /** Called after every change of state or error. */
  onChange(listener: (status: ConnectionStatus) => void): void;
}

export function createConnectionTracker(now: () => Date, initial: ConnectionState = 'connecting'): ConnectionTracker {
  let current: ConnectionStatus = { state: initial, since: now().toISOString() };
  const listeners: ((status: ConnectionStatus) => void)[] = [];
  const changed = (next: ConnectionStatus) => {
    current = next;
    for (const l of listeners) l({ ...current });
  };
  return {
    set(state, error) {
      const since = state === current.state ? current.since : now().toISOString();
      const kept = state === 'connected' ? undefined : (error ?? current.error);
      if (state === current.state && kept === current.error) return;
      changed({ state, since, ...(kept !== undefined ? { error: kept } : {}) });
    },
    fail(error) {
      if (error !== current.error) changed({ ...current, error });
    },
    status: () => ({ ...current }),
    connected: () => current.state === 'connected',
    onChange: (listener) => void listeners.push(listener),
  };
}

/** Whole seconds the state has held at `at` (never negative). */
export function stateSeconds(status: ConnectionStatus, at: Date): number {
  return Math.max(0, Math.round((at.getTime() - Date.parse(status.since)) / 1000));
}

/** One phrase for logs, health problems and `status`: "reconnecting for 42 s (last error: …)". */
export function describeConnection(status: ConnectionStatus, at: Date): string {
  const error = status.error && status.state !== 'connected' ? ` (last error: ${status.error})` : '';
  return `${status.state} for ${stateSeconds(status, at)} s${error}`;
}

/** A connection state as the running bot recorded it for other processes (`status`, `doctor`). */
export interface RecordedConnection extends ConnectionStatus {
  platform: string;
  /** When the bot last confirmed it (it does every RECORD_REFRESH_MS while it runs). */
  checkedAt: string;
}

export const RECORD_REFRESH_MS = 60_000;
/** A record not confirmed for this long is no running bot's: three missed refreshes. */
export const RECORD_STALE_MS = 3 * RECORD_REFRESH_MS;

/** Whether a running bot is keeping the record current, and one line saying what it holds. */
export function describeRecorded(r: RecordedConnection, at: Date): { live: boolean; text: string } {
  const age = at.getTime() - Date.parse(r.checkedAt);
  if (age <= RECORD_STALE_MS) return { live: true, text: `${describeConnection(r, at)}, since ${r.since} (checked ${Math.max(0, Math.round(age / 1000))} s ago)` };
  const crashed = r.state === 'disconnected' ? '' : '; the bot may have stopped without shutting down';
  return { live: false, text: `no running bot: last recorded ${r.state} since ${r.since}, checked ${r.checkedAt}${crashed}` };
}
