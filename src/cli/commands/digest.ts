import { DEFAULT_CHANNEL_SETTINGS, type Channel } from '../../core/channel.js';
import type { ChatRenderer, Platform } from '../../core/chat-poster.js';
import { localDate } from '../../core/zoned-time.js';
import { buildChannelRanker, buildSourceLabeler, channelSpecs } from '../../main.js';
import { deliveryKeys, previewDigest, windowStartFor } from '../../pipeline/plan-digest.js';
import { createConsolePoster } from '../../adapters/console/console-poster.js';
import { discordRenderer } from '../../adapters/discord/discord-poster.js';
import { slackRenderer } from '../../adapters/slack/slack-poster.js';
import { parseCommandArgs } from '../args.js';
import { configOf, envOf, withStores } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const DIGEST_USAGE =
  'paperboy digest [--channel ID | --locale L --platform discord|slack|text] [--date YYYY-MM-DD] [--json] [--db FILE]';

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

export async function digestCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { channel: { type: 'string' }, locale: { type: 'string' }, platform: { type: 'string' }, date: { type: 'string' } }, false);
  const date = parseDate(values.date);
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


