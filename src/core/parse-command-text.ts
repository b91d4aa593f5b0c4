/**
 * Slack has one slash command, `/papers`, whose text carries the subcommand
 * (`/papers search 강화학습`); this turns that text into the CommandInput Discord's options give
 * directly. It checks shape only (a query is there, a time looks like 08:30); the use cases
 * check meaning (the id exists, the topic parses, the language is supported) for both platforms.
 */
import { UserError, type CommandInput, type SubscriptionScope } from './commands.js';

// `--channel` first or last, or the word `channel` first when more follows, so that
// `subscribe channel` still subscribes to the word; `subscribe "channel coding"` is a topic.
const SCOPE_FIRST = /^(?:--channel|channel(?=\s+\S))(?:\s+|$)/iu;
const SCOPE_LAST = /(?:^|\s+)--channel$/iu;
const PAGE = /(?:^|\s+)--page(?:(?:=|\s+)(\S+))?(?=\s|$)/iu;
// `subscribe liked [N]` (or `--liked`): papers like the ones liked, at most N a day. `subscribe "liked"` is a topic.
const LIKED = /^(?:--)?liked(?:\s+(\d{1,4}))?$/iu;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/u;
const LANGUAGE = new Set(['language', 'lang', 'locale']);
const ZONE = new Set(['timezone', 'zone', 'tz']);
const CADENCE = new Set(['cadence', 'schedule']);
const WEEKDAY = new Set(['weekday', 'day']);

/**
 * Parses the text of `/papers <text>` as Slack sends it (HTML entities and `<url|label>` links
 * are undone). Empty text asks for help. Throws UserError `error.unknown_command` {command},
 * `error.missing_argument` {command}, `error.empty_query`, `error.invalid_page` {page},
 * `error.unknown_setting` {setting}, `error.invalid_time` {time}, `error.invalid_timezone` {zone}.
 */
export function parseCommandText(text: string): CommandInput {
  const [, head = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/u.exec(unescapeSlack(text).trim()) ?? [];
  switch (head.normalize('NFKC').toLowerCase()) {
    case '':
    case 'help':
      return { command: 'help' };
    case 'status':
      return { command: 'status' };
    case 'today':
      return rest ? { command: 'today', topic: rest } : { command: 'today' };
    case 'search':
      return parseSearch(rest);
    case 'show':
      return { command: 'show', id: required('show', rest) };
    case 'subscribe': {
      const { scope, value } = takeScope(rest);
      const liked = LIKED.exec(value.normalize('NFKC'));
      if (liked) return { command: 'subscribe', kind: 'liked', scope, ...(liked[1] ? { cap: Number(liked[1]) } : {}) };
      return { command: 'subscribe', topic: required('subscribe', value), scope };
    }
    case 'unsubscribe': {
      const { scope, value } = takeScope(rest);
      return { command: 'unsubscribe', target: required('unsubscribe', value), scope };
    }
    case 'subscriptions': {
      // Without a scope the use case decides what to list; extra words are ignored.
      const scope = /^(?:--)?channel\b/iu.test(rest) ? 'channel' : /^(?:--)?me\b/iu.test(rest) ? 'me' : undefined;
      return scope ? { command: 'subscriptions', scope } : { command: 'subscriptions' };
    }
    case 'settings':
      return parseSettings(rest.split(/\s+/u).filter(Boolean));
    case 'like':
    case 'dislike':
    case 'similar':
      return { command: head.normalize('NFKC').toLowerCase() as 'like' | 'dislike' | 'similar', id: required(head.toLowerCase(), rest) };
    case 'interests':
      return parseInterests(rest);
    case 'save':
    case 'unsave':
      return { command: head.normalize('NFKC').toLowerCase() as 'save' | 'unsave', id: required(head.toLowerCase(), rest) };
    case 'saved':
      return parseSaved(rest);
    case 'export':
      return rest ? { command: 'export', format: rest } : { command: 'export' };
    default:
      throw new UserError('error.unknown_command', { command: clip(head) });
  }
}

/** `interests [channel] [clear | remove ID]`. */
function parseInterests(rest: string): CommandInput {
  const taken = takeScope(rest);
  const scope = /^channel$/iu.test(taken.value) ? 'channel' : taken.scope;
  const value = scope === 'channel' && /^channel$/iu.test(taken.value) ? '' : taken.value;
  const [verb = '', ...more] = value.split(/\s+/u).filter(Boolean);
  if (!verb) return { command: 'interests', scope };
  if (verb.toLowerCase() === 'clear') return { command: 'interests', scope, clear: true };
  if (verb.toLowerCase() === 'remove') return { command: 'interests', scope, remove: required('interests remove', more.join(' ')) };
  throw new UserError('error.unknown_setting', { setting: clip(verb) });
}

function required(command: string, value: string): string {
  if (!value) throw new UserError('error.missing_argument', { command });
  return value;
}

function takeScope(rest: string): { scope: SubscriptionScope; value: string } {
  let scope: SubscriptionScope = 'me';
  let value = rest;
  for (const flag of [SCOPE_FIRST, SCOPE_LAST]) {
    if (!flag.test(value)) continue;
    scope = 'channel';
    value = value.replace(flag, '');
  }
  return { scope, value: value.trim() };
}

/** The words and the `--page N` of a paged command's text. */
function takePage(command: string, rest: string): { query: string; page?: number } {
  const m = PAGE.exec(rest);
  const query = m ? `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`.trim() : rest;
  if (!m) return { query };
  const page = required(`${command} --page`, m[1] ?? '').normalize('NFKC');
  if (!/^[1-9]\d{0,3}$/u.test(page)) throw new UserError('error.invalid_page', { page: clip(m[1]!) });
  return { query, page: Number(page) };
}

function parseSearch(rest: string): CommandInput {
  const { query, page } = takePage('search', rest);
  if (!query) throw new UserError('error.empty_query');
  return page === undefined ? { command: 'search', query } : { command: 'search', query, page };
}

/** `saved [words] [--page N]`: the reading list, or the part of it matching the words. */
function parseSaved(rest: string): CommandInput {
  const { query, page } = takePage('saved', rest);
  return { command: 'saved', ...(query ? { query } : {}), ...(page !== undefined ? { page } : {}) };
}

/**
 * `settings`, `settings language ko`, `settings channel language ja`, `settings channel time 08:30 [Zone/City]`,
 * `settings channel cadence daily|weekly|both`, `settings channel weekday mon…sun`.
 */
function parseSettings(words: string[]): CommandInput {
  const [first, ...more] = words;
  if (first === undefined) return { command: 'settings' };
  if (first.toLowerCase() !== 'channel') {
    if (!LANGUAGE.has(first.toLowerCase())) throw new UserError('error.unknown_setting', { setting: clip(first) });
    return { command: 'settings', me: { locale: required(`settings ${first}`, more[0] ?? '') } };
  }
  const [field, value = '', zone] = more;
  // `settings channel` alone shows the settings, as `settings` does.
  if (field === undefined) return { command: 'settings' };
  const name = field.toLowerCase();
  const command = `settings channel ${field}`;
  if (LANGUAGE.has(name)) return { command: 'settings', channel: { locale: required(command, value) } };
  if (ZONE.has(name)) return { command: 'settings', channel: { timezone: parseZone(required(command, value)) } };
  if (CADENCE.has(name)) return { command: 'settings', channel: { cadence: required(command, value).toLowerCase() } };
  if (WEEKDAY.has(name)) return { command: 'settings', channel: { weekday: required(command, value).toLowerCase().slice(0, 3) } };
  if (name !== 'time') throw new UserError('error.unknown_setting', { setting: clip(field) });
  const time = parseTime(required(command, value));
  return { command: 'settings', channel: zone === undefined ? { time } : { time, timezone: parseZone(zone) } };
}

/** `8:30` → `08:30`; full-width digits are accepted. */
function parseTime(raw: string): string {
  const m = TIME.exec(raw.normalize('NFKC'));
  if (!m) throw new UserError('error.invalid_time', { time: clip(raw) });
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** The zone as Intl spells it (`asia/tokyo` → `Asia/Tokyo`); Intl knows the IANA database. */
function parseZone(raw: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new UserError('error.invalid_timezone', { zone: clip(raw) });
  }
}

/**
 * Slack escapes `&`, `<` and `>` and wraps links as `<https://…|label>`; macOS smart punctuation
 * turns a typed `--channel` into `—channel`.
 */
function unescapeSlack(text: string): string {
  return text
    .replace(/(^|\s)[—–](?=\S)/gu, '$1--')
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|[^>]*)?>/gu, '$1')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&');
}

/** What the user typed, shortened for an error message. */
function clip(text: string, max = 40): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
