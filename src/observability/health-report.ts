/**
 * /healthz: is this bot doing its job? Ready (started, not stopping), the database writable, the
 * last successful ingest recent enough, and every platform with a token connected.
 */
import { describeConnection, stateSeconds, type ConnectionStatus } from '../core/connection-state.js';
import type { HealthStore } from '../db/health-store.js';

export interface HealthInputs {
  ready(): boolean;
  health: HealthStore;
  connections(): Partial<Record<string, boolean>>;
  /** The platforms whose client reports its state, with since when it has held. */
  connectionStates?(): Partial<Record<string, ConnectionStatus>>;
  /** How many sources the config enables (no sources: ingest age is not checked). */
  sources: number;
  maxIngestAgeMs: number;
  /** Digests not posted because none of their channel's sources could be read, one phrase each. */
  heldDigests?(): string[];
  startedAt: Date;
  now(): Date;
}

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  ready: boolean;
  database: { writable: boolean; error?: string };
  ingest: { ok: boolean; lastSuccessAt: string | null; ageSeconds: number | null; maxAgeSeconds: number };
  chat: Partial<Record<string, boolean>>;
  /** Per platform that reports it: its connection state, since when, for how many seconds, the last error while down. */
  connections: Partial<Record<string, ConnectionStatus & { seconds: number }>>;
  /** What is wrong, one phrase each; empty when healthy. */
  problems: string[];
}

export function healthReport(i: HealthInputs): HealthReport {
  const problems: string[] = [];
  const now = i.now().getTime();
  const ready = i.ready();
  if (!ready) problems.push('not ready (starting or stopping)');

  const db = i.health.checkWritable();
  if (!db.ok) problems.push(`database not writable: ${db.error}`);

  const last = i.health.lastIngestSuccess();
  const ageMs = last ? Math.max(0, now - Date.parse(last)) : null;
  // Without any success yet, the bot is given one max age from its start for the first ingest.
  const stale = i.sources > 0 && (ageMs === null ? now - i.startedAt.getTime() > i.maxIngestAgeMs : ageMs > i.maxIngestAgeMs);
  if (stale) problems.push(last ? `last successful ingest ${Math.round((ageMs ?? 0) / 60_000)} min ago` : 'no successful ingest yet');

  for (const held of i.heldDigests?.() ?? []) problems.push(held);

  const chat = i.connections();
  const states = i.connectionStates?.() ?? {};
  for (const [platform, up] of Object.entries(chat)) {
    const state = states[platform];
    if (!up) problems.push(state ? `${platform} ${describeConnection(state, i.now())}` : `${platform} not connected`);
  }
  const connections = Object.fromEntries(Object.entries(states).flatMap(([p, s]) => (s ? [[p, { ...s, seconds: stateSeconds(s, i.now()) }]] : [])));

  return {
    status: problems.length === 0 ? 'ok' : 'unhealthy',
    ready,
    database: db.ok ? { writable: true } : { writable: false, error: db.error },
    ingest: { ok: !stale, lastSuccessAt: last, ageSeconds: ageMs === null ? null : Math.round(ageMs / 1000), maxAgeSeconds: i.maxIngestAgeMs / 1000 },
    chat,
    connections,
    problems,
  };
}
