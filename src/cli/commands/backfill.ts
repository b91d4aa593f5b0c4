import { sourceName, type Config } from '../../config.js';
import { localDate } from '../../core/zoned-time.js';
import { backfillPlan, daysBetween, isDay } from '../../ingest/backfill-urls.js';
import { runBackfill, type BackfillReport, type BackfillSource } from '../../pipeline/backfill.js';
import { parseCommandArgs } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';

export const BACKFILL_USAGE = 'paperboy backfill --from YYYY-MM-DD [--to YYYY-MM-DD] [--source NAME]… [--json] [--db FILE]';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function dayOption(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !isDay(value)) throw new UsageError(`--${name} must be a day written YYYY-MM-DD, not "${value}"`);
  return value;
}

function planDays(config: Config, fromFlag: string | undefined, toFlag: string | undefined): string[] {
  const from = dayOption(fromFlag, 'from');
  if (from === undefined) throw new UsageError('--from YYYY-MM-DD is required');
  const to = dayOption(toFlag, 'to') ?? localDate(new Date(), config.timezone);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const days = daysBetween(from, to);
  if (days.length > config.backfill.maxDays) {
    throw new UsageError(`${from} to ${to} is ${days.length} days, more than backfill.maxDays (${config.backfill.maxDays}); backfill in parts or raise it`);
  }
  return days;
}

/** The named sources (each must be configured), else every enabled one. */
function pickSources(config: Config, names: string[] | undefined, arxivApiUrl: string): BackfillSource[] {
  const configured = config.sources.map((s) => ({ name: sourceName(s), s }));
  const unknown = (names ?? []).filter((n) => !configured.some((c) => c.name === n));
  if (unknown.length > 0) {
    const known = configured.map((c) => c.name).join(', ') || 'none';
    throw new UsageError(`--source ${unknown.map((n) => `"${n}"`).join(', ')} names no configured source (configured: ${known})`);
  }
  const chosen = names ? configured.filter((c) => names.includes(c.name)) : configured.filter((c) => c.s.enabled);
  if (chosen.length === 0) throw new UsageError('no sources: add sources to the config');
  return chosen.map(({ name, s }) => ({
    name,
    plan: backfillPlan({ ...(s.url ? { url: s.url } : {}), ...(s.path ? { path: s.path } : {}), ...(s.format ? { format: s.format } : {}), ...(s.backfillUrl ? { backfillUrl: s.backfillUrl } : {}) }, arxivApiUrl),
  }));
}

/** SIGINT/SIGTERM abort the backfill gently (the fetch in flight finishes); a second one stops at once. */
function onSignals(controller: AbortController, io: CliIo): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(130);
    io.err(`paperboy: ${signal}: finishing the fetch in flight (again to stop at once)`);
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, handler);
  return () => {
    for (const s of SIGNALS) process.off(s, handler);
  };
}

export async function backfillCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' }, source: { type: 'string', multiple: true } }, false);
  const config = configOf(io);
  const env = envOf(io);
  const days = planDays(config, values.from, values.to);
  const sources = pickSources(config, values.source, env.ARXIV_API_URL);
  for (const s of sources) if (s.plan.kind === 'none') io.err(`paperboy: ${s.name}: skipped: ${s.plan.reason}`);
  if (sources.every((s) => s.plan.kind === 'none')) {
    io.err('paperboy: nothing to backfill: no selected source has past days');
    return EXIT.failed;
  }
  const progress = createProgress(io);
  const controller = new AbortController();
  const removeHandlers = onSignals(controller, io);
  let report: BackfillReport;
  try {
    report = await withStores(io, values.db, (stores) =>
      runBackfill(
        {
          store: stores.backfill,
          load: { timeoutMs: config.ingest.timeoutSeconds * 1000, maxBytes: config.ingest.maxBytes },
          delayMs: config.backfill.delaySeconds * 1000,
          signal: controller.signal,
          onProgress: progress.onEvent,
        },
        sources,
        days,
      ),
    );
  } finally {
    removeHandlers();
    progress.end();
  }
  return finish(report, io, values.json === true);
}

function finish(report: BackfillReport, io: CliIo, json: boolean): number {
  for (const f of report.failures) io.err(`paperboy: ${f.source} ${f.day}: ${f.message} (${f.url})`);
  if (json) io.out(JSON.stringify(report));
  else {
    for (const s of report.sources) {
      if (s.unsupported) io.out(`- ${s.source}: skipped: ${s.unsupported}`);
      else io.out(`${s.failed ? '✗' : '✓'} ${s.source}: ${s.days} days: ${s.fetched} fetched, ${s.skipped} already done, ${s.failed} failed; ${s.new} new, ${s.updated} updated`);
    }
  }
  if (report.interrupted) {
    io.err(`paperboy: interrupted after ${report.done} of ${report.total}; run the same command again to resume`);
    return EXIT.failed;
  }
  if (report.failures.length > 0) {
    io.err(`paperboy: ${report.failures.length} fetch${report.failures.length === 1 ? '' : 'es'} failed; run the same command again to retry ${report.failures.length === 1 ? 'it' : 'them'}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
