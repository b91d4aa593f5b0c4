/** `settings`: show the channel's and the asker's settings; change them (the channel's needs permission). */
import { UserError, type Answer, type CommandContext, type CommandInput } from '../../core/commands.js';
import { DEFAULT_CHANNEL_SETTINGS, hasDaily, hasWeekly, type Cadence, type Channel, type ChannelSettings } from '../../core/channel.js';
import { WEEKDAYS, type Weekday } from '../../core/iso-week.js';
import { SUPPORTED_LOCALES, createTranslator, resolveLocale, type Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

type SettingsInput = Extract<CommandInput, { command: 'settings' }>;

function checkLocale(locale: string): string {
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!(SUPPORTED_LOCALES as readonly string[]).includes(primary)) {
    throw new UserError('error.unsupported_language', { language: locale.slice(0, 20), supported: SUPPORTED_LOCALES.join(', ') });
  }
  return resolveLocale(primary);
}

function checkTime(time: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new UserError('error.invalid_time', { time: time.slice(0, 20) });
  return time;
}

function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UserError('error.invalid_timezone', { zone: zone.slice(0, 60) });
  }
}

const CADENCES: readonly Cadence[] = ['daily', 'weekly', 'both'];

function checkCadence(cadence: string): Cadence {
  if (!(CADENCES as readonly string[]).includes(cadence)) throw new UserError('error.invalid_cadence', { cadence: cadence.slice(0, 20) });
  return cadence as Cadence;
}

function checkWeekday(day: string): Weekday {
  if (!(WEEKDAYS as readonly string[]).includes(day)) throw new UserError('error.invalid_weekday', { day: day.slice(0, 20) });
  return day as Weekday;
}

/** A weekday's name in the answer's language (2024-01-01 was a Monday). */
function weekdayName(loc: Translator, day: Weekday): string {
  return new Intl.DateTimeFormat(loc.locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
}

/** Cadence and weekday set by command; the weekly digest then comes at the channel's digest time. */
function scheduleSettings(base: ChannelSettings, c: NonNullable<SettingsInput['channel']>, time: string): ChannelSettings {
  if (c.cadence === undefined && c.weekday === undefined && c.time === undefined) return base;
  return {
    ...base,
    cadence: c.cadence === undefined ? base.cadence : checkCadence(c.cadence),
    weekly: { weekday: c.weekday === undefined ? base.weekly.weekday : checkWeekday(c.weekday), time },
  };
}

function describe(loc: Translator, channel: Channel | undefined, ctx: CommandContext, deps: CommandDeps): string[] {
  const own = deps.users.locale(ctx.platform, ctx.userId);
  const lines = [loc.t('settings.my_language', { language: loc.t(`language.${own ?? loc.locale}`) })];
  if (channel) {
    lines.push(loc.t('settings.channel_language', { language: loc.t(`language.${resolveLocale(channel.locale)}`) }));
    if (hasDaily(channel)) lines.push(loc.t('settings.channel_time', { time: channel.time, zone: channel.timezone }));
    if (hasWeekly(channel)) lines.push(loc.t('settings.channel_weekly', { weekday: weekdayName(loc, channel.settings.weekly.weekday), time: channel.settings.weekly.time, zone: channel.timezone }));
  } else lines.push(loc.t('settings.channel_none'));
  return lines;
}

export function settings(ctx: CommandContext, deps: CommandDeps, loc: Translator, input: SettingsInput): Answer {
  const now = deps.now().toISOString();
  let answerLoc = loc;
  if (input.me?.locale) {
    const locale = checkLocale(input.me.locale);
    deps.users.setLocale(ctx.platform, ctx.userId, locale, now);
    answerLoc = createTranslator(locale);
  }
  const existing = deps.channels.find(ctx.channelId);
  if (input.channel) {
    if (!ctx.canManageChannel) throw new UserError('error.no_permission');
    const c = input.channel;
    const base = existing ?? { platform: ctx.platform, channel: ctx.channelId, locale: 'en', time: '09:00', timezone: deps.timezone, settings: DEFAULT_CHANNEL_SETTINGS };
    const time = c.time ? checkTime(c.time) : base.time;
    deps.channels.upsertByCommand(
      {
        ...base,
        ...(ctx.guildId ? { guild: ctx.guildId } : {}),
        locale: c.locale ? checkLocale(c.locale) : base.locale,
        time,
        timezone: c.timezone ? checkZone(c.timezone) : base.timezone,
        settings: scheduleSettings(base.settings, c, time),
      },
      now,
    );
  }
  const channel = deps.channels.find(ctx.channelId);
  return { ephemeral: true, title: answerLoc.t('settings.title'), lines: describe(answerLoc, channel, ctx, deps) };
}
