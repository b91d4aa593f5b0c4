/** `help` and `status`: what each command does; the last ingest per source and this channel's next digest. */
import type { Answer, CommandContext } from '../../core/commands.js';
import { COMMAND_NAMES } from '../../core/commands.js';
import { defaultSourceLabel } from '../../core/source-label.js';
import { nextDigest } from '../../core/channel.js';
import type { Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

export function help(loc: Translator): Answer {
  return { ephemeral: true, title: loc.t('help.title'), lines: COMMAND_NAMES.map((c) => `/papers ${c} — ${loc.t(`help.${c}`)}`) };
}

export function status(ctx: CommandContext, deps: CommandDeps, loc: Translator): Answer {
  const lines: string[] = [];
  // Chat users see a source's label, not the config name or file path the operator gave it.
  const label = (source: string) => (deps.sourceLabel ? deps.sourceLabel(source, loc) : defaultSourceLabel(source, {}, loc));
  for (const s of deps.status.list()) {
    const time = loc.formatDateTime(s.lastRunAt, deps.timezone);
    const failed = s.lastSuccessAt !== s.lastRunAt;
    lines.push(failed ? loc.t('status.source_failed', { source: label(s.source), time, error: s.lastError ?? '' }) : loc.t('status.source_ok', { source: label(s.source), time, count: s.entries }));
  }
  if (lines.length === 0) lines.push(loc.t('status.never'));
  const channel = deps.channels.find(ctx.channelId);
  if (channel) {
    const next = nextDigest(channel, deps.now());
    lines.push(loc.t('status.next_digest', { time: loc.formatDateTime(next.at.toISOString(), channel.timezone) }));
  }
  for (const c of deps.channels.list().filter((x) => x.failingReason)) {
    lines.push(loc.t('status.channel_failing', { channel: c.channel, reason: c.failingReason ?? '' }));
  }
  return { ephemeral: true, title: loc.t('status.title'), lines };
}
