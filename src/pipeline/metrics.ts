/**
 * What the use cases report for monitoring, as a port: the Prometheus adapter
 * (src/observability/prometheus-metrics.ts) implements it; without a listener nothing is counted.
 */
import type { Platform } from '../core/chat-poster.js';

export type CommandOutcome = 'ok' | 'user_error' | 'error';

export interface CommandEvent {
  platform: Platform;
  command: string;
  outcome: CommandOutcome;
  /** Time spent answering, in seconds. */
  seconds: number;
}

export interface SourceIngested {
  source: string;
  failed: boolean;
  new: number;
  updated: number;
  unchanged: number;
  /** Entries the source gave that could not be read. */
  entryErrors: number;
}

export interface DigestFinished {
  platform: Platform;
  /** sent, failed, pending (to be resumed), error (planning or sending threw), missed, held (no source could be read). */
  outcome: 'sent' | 'failed' | 'pending' | 'error' | 'missed' | 'held';
}

export interface PipelineMetrics {
  sourceIngested(e: SourceIngested): void;
  digestFinished(e: DigestFinished): void;
  commandAnswered(e: CommandEvent): void;
}

export const noMetrics: PipelineMetrics = {
  sourceIngested: () => undefined,
  digestFinished: () => undefined,
  commandAnswered: () => undefined,
};
