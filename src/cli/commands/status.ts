import { describeRecorded } from '../../core/connection-state.js';
import { nextDigest } from '../../core/channel.js';
import { readConnections } from '../../db/connection-store.js';
import type { Stores } from '../../main.js';
import { parseCommandArgs } from '../args.js';
import { withStores } from '../context.js';
import { EXIT, type CliIo } from '../io.js';

export const STATUS_USAGE = 'paperboy status [--json] [--db FILE]';

/** Each channel: failing or not (and why), its last digest, and when the next one is due. */
function channelStatus(stores: Stores, now: Date) {
  return stores.channels.list().map((c) => {
    const last = stores.digests.latest(c.id);
    const hold = stores.holds.activeFor(c.id);
    return {
      platform: c.platform,
      channel: c.channel,
      locale: c.locale,
      time: c.time,
      timezone: c.timezone,
      failing: c.failingReason,
      failingSince: c.failingSince,
      lastDigest: last ? { date: last.local_date, ...(last.kind === 'weekly' ? { kind: 'weekly', week: last.period } : {}), state: last.state, papers: last.paper_count, error: last.error } : null,
      // A digest not posted because none of the channel's sources could be read (retrying, or held at the window's end).
      held: hold ? { date: hold.localDate, state: hold.state, sources: hold.sources, reason: hold.reason, attempts: hold.attempts, since: hold.firstAt } : null,
      nextDigestAt: nextDigest(c, now).at.toISOString(),
      cadence: c.settings.cadence,
    };
  });
}

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {}, false);
  const now = new Date();
  const { counts, sources, channels, recorded } = await withStores(io, values.db, (s) => ({
    counts: s.reader.counts(),
    sources: s.status.list(),
    channels: channelStatus(s, now),
    recorded: readConnections(s.db),
  }));
  // As the running bot recorded them; `live` is false when no bot has confirmed them lately.
  const connections = recorded.map((r) => ({ ...r, live: describeRecorded(r, now).live }));
  if (values.json) {
    io.out(JSON.stringify({ papers: counts.papers, articles: counts.articles, summaries: counts.summariesByLocale, sources, channels, connections }));
    return EXIT.ok;
  }
  const locales = Object.entries(counts.summariesByLocale).map(([l, n]) => `${l} ${n}`).join(', ') || 'none';
  io.out(`papers: ${counts.papers}\narticles: ${counts.articles}\nsummaries: ${locales}`);
  if (sources.length === 0) io.out('sources: none ingested yet');
  for (const s of sources) {
    const failedLast = s.lastSuccessAt !== s.lastRunAt;
    const ok = failedLast ? `FAILED: ${s.lastError}` : s.errors.length ? `ok, ${s.errors.length} entry errors (first: ${s.lastError})` : 'ok';
    io.out(
      `- ${s.source}${s.format ? ` [${s.format}]` : ''}: last run ${s.lastRunAt}, last success ${s.lastSuccessAt ?? 'never'}; ` +
        `${s.entries} entries (${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged); ${ok}`,
    );
  }
  if (channels.length === 0) io.out('channels: none (the bot has not run with channels in its config yet)');
  for (const c of channels) {
    const health = c.failing ? `FAILING since ${c.failingSince}: ${c.failing}` : 'ok';
    const last = c.lastDigest ? `last digest ${c.lastDigest.date} ${c.lastDigest.state} (${c.lastDigest.papers} papers)` : 'no digest yet';
    const held = c.held ? `; ${heldLine(c.held)}` : '';
    io.out(`- ${c.platform}:${c.channel} [${c.locale}, ${c.time} ${c.timezone}]: ${health}${held}; ${last}; next ${c.nextDigestAt}`);
  }
  if (recorded.length === 0) io.out('connections: none recorded (the bot records them while it runs with a chat token)');
  for (const r of recorded) io.out(`- ${r.platform} connection: ${describeRecorded(r, now).text}`);
  return EXIT.ok;
}

function heldLine(h: { date: string; state: string; sources: string[]; reason: string; attempts: number }): string {
  const what = h.state === 'held' ? `held: sources failed` : `waiting (retrying): sources failed`;
  return `digest ${h.date} ${what}: ${h.sources.join(', ')} (${h.reason}; ${h.attempts} attempts)`;
}
