/**
 * The PipelineMetrics port in Prometheus terms (prom-client), on a registry of its own. Counters
 * count what happened in this process since it started; gauges that describe the database
 * (outbox depth, last ingest per source) and the chat connections are read at scrape time.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HealthStore } from '../db/health-store.js';
import type { SourceStatusStore } from '../db/source-status-store.js';
import type { PipelineMetrics } from '../pipeline/metrics.js';

const PLATFORMS = ['discord', 'slack'] as const;
const QUEUED_STATES = ['planned', 'sending'] as const;

export interface PrometheusSources {
  health: HealthStore;
  status: Pick<SourceStatusStore, 'list'>;
  /** Platforms with a token and whether each is connected now. */
  connections(): Partial<Record<string, boolean>>;
}

export function createPrometheusMetrics(sources: PrometheusSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const ingestRuns = new Counter({ name: 'paperboy_ingest_runs_total', help: 'Source ingests by outcome (ok: read and stored; failed: the source could not be read).', labelNames: ['source', 'outcome'], registers });
  const ingestEntries = new Counter({ name: 'paperboy_ingest_entries_total', help: 'Entries read from sources, by what they did to the store.', labelNames: ['source', 'result'], registers });
  const entryErrors = new Counter({ name: 'paperboy_ingest_entry_errors_total', help: 'Entries a source gave that could not be read.', labelNames: ['source'], registers });
  const digests = new Counter({ name: 'paperboy_digests_total', help: 'Digests finished, by platform and outcome (sent, failed, pending, error, missed, held).', labelNames: ['platform', 'outcome'], registers });
  const commands = new Histogram({
    name: 'paperboy_command_duration_seconds',
    help: 'Time to answer a slash command, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  new Gauge({
    name: 'paperboy_outbox_depth',
    help: 'Digest messages waiting to be sent (planned) or in flight (sending), by platform.',
    labelNames: ['platform', 'state'],
    registers,
    collect() {
      this.reset();
      for (const platform of PLATFORMS) for (const state of QUEUED_STATES) this.set({ platform, state }, 0);
      for (const d of sources.health.outboxDepth()) this.set({ platform: d.platform, state: d.state }, d.count);
    },
  });
  new Gauge({
    name: 'paperboy_source_last_success_timestamp_seconds',
    help: 'When each source was last ingested successfully (Unix time); absent for a source that never succeeded.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      for (const s of sources.status.list()) if (s.lastSuccessAt) this.set({ source: s.source }, Date.parse(s.lastSuccessAt) / 1000);
    },
  });
  new Gauge({
    name: 'paperboy_chat_connected',
    help: '1 while the platform connection is up (Discord gateway ready, Slack Socket Mode open or HTTP receiver listening).',
    labelNames: ['platform'],
    registers,
    collect() {
      this.reset();
      for (const [platform, up] of Object.entries(sources.connections())) this.set({ platform }, up ? 1 : 0);
    },
  });

  const metrics: PipelineMetrics = {
    sourceIngested(e) {
      ingestRuns.inc({ source: e.source, outcome: e.failed ? 'failed' : 'ok' });
      if (e.failed) return;
      for (const result of ['new', 'updated', 'unchanged'] as const) if (e[result] > 0) ingestEntries.inc({ source: e.source, result }, e[result]);
      if (e.entryErrors > 0) entryErrors.inc({ source: e.source }, e.entryErrors);
    },
    digestFinished(e) {
      digests.inc({ platform: e.platform, outcome: e.outcome });
    },
    commandAnswered(e) {
      commands.observe({ platform: e.platform, command: e.command, outcome: e.outcome }, e.seconds);
    },
  };
  return {
    metrics,
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type PrometheusMetrics = ReturnType<typeof createPrometheusMetrics>;
