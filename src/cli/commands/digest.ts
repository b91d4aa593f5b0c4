import { DEFAULT_CHANNEL_SETTINGS, type Channel } from '../../core/channel.js';
import type { ChatRenderer, Platform } from '../../core/chat-poster.js';
import { isoWeekProblem, weeklySlotOf } from '../../core/iso-week.js';
import { localDate } from '../../core/zoned-time.js';
import { buildChannelRanker, buildSourceLabeler, buildWeeklyEngagement, channelSpecs } from '../../main.js';
import type { Stores } from '../../open-stores.js';
import { deliveryKeys, previewDigest, windowStartFor } from '../../pipeline/plan-digest.js';
import { previewWeekly } from '../../pipeline/plan-weekly.js';
import { createConsolePoster } from '../../adapters/console/console-poster.js';
import { discordRenderer } from '../../adapters/discord/discord-poster.js';
import { slackRenderer } from '../../adapters/slack/slack-poster.js';
import { parseCommandArgs } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const DIGEST_USAGE =
  'paperboy digest [--channel ID | --locale L --platform discord|slack|text] [--date YYYY-MM-DD | --week YYYY-Www] [--json] [--db FILE]';

const PLATFORMS = ['discord', 'slack', 'text'] as const;
type PreviewPlatform = (typeof PLATFORMS)[number];

/** Renderers only: previews never send, so no client is built and no token is needed. */
function rendererFor(platform: PreviewPlatform): ChatRenderer {
  if (platform === 'discord') return discordRenderer;
  if (platform === 'slack') return slackRenderer;
  return createConsolePoster(() => undefined);
}

export function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--date must be YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** `--week`: an ISO week such as 2024-W44 (W53 only in years that have one). */
export function parseWeek(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = isoWeekProblem(value);
  if (problem) throw new UsageError(`--week ${JSON.stringify(value)}: ${problem}`);
  return value;
}

export async function digestCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { channel: { type: 'string' }, locale: { type: 'string' }, platform: { type: 'string' }, date: { type: 'string' }, week: { type: 'string' } }, false);
  const date = parseDate(values.date);
  const week = parseWeek(values.week);
  if (date && week) throw new UsageError('give either --date (a daily digest) or --week (a weekly digest), not both');
  if (values.channel && (values.locale || values.platform)) throw new UsageError('--channel takes its locale and platform from the config; give either --channel or --locale/--platform');
  const platform = (values.platform ?? 'text') as PreviewPlatform;
  if (!PLATFORMS.includes(platform)) throw new UsageError(`--platform must be discord, slack or text, not "${values.platform}"`);
  const config = configOf(io);
  const now = new Date();
  return withStores(io, values.db, (stores) => {
    let channel: Channel;
    if (values.channel) {
      const spec = channelSpecs(config).find((c) => c.channel === values.channel);
      if (!spec) throw new UsageError(`no channel "${values.channel}" in ${envOf(io).PAPERBOY_CONFIG}`);
      const known = stores.channels.find(spec.channel);
      channel = { ...spec, id: known?.id ?? -1, origin: 'config', addedAt: known?.addedAt ?? now.toISOString(), failingReason: null, failingSince: null };
    } else {
      channel = { id: -1, platform: 'discord', channel: 'preview', locale: values.locale ?? 'en', time: '09:00', timezone: config.timezone, settings: DEFAULT_CHANNEL_SETTINGS, origin: 'config', addedAt: now.toISOString(), failingReason: null, failingSince: null };
    }
    const previewPlatform: PreviewPlatform = values.channel ? (channel.platform as Platform) : platform;
    if (week) return previewWeek(io, stores, channel, week, rendererFor(previewPlatform), previewPlatform, Boolean(values.json), config);
    const day = date ?? localDate(now, channel.timezone);
    const needText = channel.settings.keywords.length > 0;
    const candidates = date || channel.id === -1
      ? stores.digests.onDate(day, needText)
      : stores.digests.candidates(channel.id, windowStartFor(channel, stores.digests, config.digest.firstDigestLookbackHours), now.toISOString(), channel.settings.sources, needText);
    const poster = rendererFor(previewPlatform);
    const preview = previewDigest(channel, candidates, day, poster, stores.reader, { sourceLabel: buildSourceLabeler(stores, config), rankChannel: buildChannelRanker(stores) });
    const keys = deliveryKeys(preview.messages.length);
    const bodies = preview.messages.map((m, i) => poster.requestBody(channel.channel, m, { key: keys[i]! }));
    if (values.json) {
      io.out(JSON.stringify({ platform: previewPlatform, locale: channel.locale, date: day, papers: preview.papers.map((p) => p.arxivId ?? p.key), ...(preview.scores ? { scores: preview.scores.map((s, i) => ({ paper: preview.papers[i]!.arxivId ?? preview.papers[i]!.key, score: s.score, ...(s.reason ? { reason: s.reason } : {}) })) } : {}), messages: bodies }));
    } else if (previewPlatform === 'text') {
      io.out(bodies.map((b) => String(b.text)).join('\n\n────────\n\n'));
    } else {
      io.out(bodies.map((b) => JSON.stringify(b, null, 2)).join('\n'));
    }
    return EXIT.ok;
  });
}

/** `--week`: the channel's weekly digest of that ISO week, as it would be planned at its slot (nothing is sent). */
function previewWeek(io: CliIo, stores: Stores, channel: Channel, week: string, poster: ChatRenderer, platform: PreviewPlatform, json: boolean, config: ReturnType<typeof configOf>): number {
  const slot = weeklySlotOf(week, { ...channel.settings.weekly, timezone: channel.timezone });
  const candidates = stores.digests.storedBetween(slot.from.toISOString(), slot.at.toISOString(), channel.settings.sources, channel.settings.keywords.length > 0);
  const preview = previewWeekly(channel, candidates, slot, poster, stores.reader, {
    engagement: buildWeeklyEngagement(stores.db),
    rankChannel: buildChannelRanker(stores),
    sourceLabel: buildSourceLabeler(stores, config),
  });
  const keys = deliveryKeys(preview.messages.length);
  const bodies = preview.messages.map((m, i) => poster.requestBody(channel.channel, m, { key: keys[i]! }));
  const name = (i: number) => preview.papers[i]!.arxivId ?? preview.papers[i]!.key;
  if (json) {
    io.out(JSON.stringify({
      platform, locale: channel.locale, week, date: slot.date, slotAt: slot.at.toISOString(), window: { start: slot.from.toISOString(), end: slot.at.toISOString() },
      papers: preview.papers.map((_, i) => name(i)),
      engagement: preview.engagement.map((e, i) => ({ paper: name(i), ...e })),
      ...(preview.scores ? { scores: preview.scores.map((s, i) => ({ paper: name(i), score: s.score, ...(s.reason ? { reason: s.reason } : {}) })) } : {}),
      total: preview.total,
      messages: bodies,
    }));
  } else if (platform === 'text') io.out(bodies.map((b) => String(b.text)).join('\n\n────────\n\n'));
  else io.out(bodies.map((b) => JSON.stringify(b, null, 2)).join('\n'));
  return EXIT.ok;
}
