/**
 * The `Localizer` the core asks for, built from the message files: ICU messages compiled once
 * per locale, and Intl date and number formatters built once and reused.
 */
import type { IntlMessageFormat } from 'intl-messageformat';
import { createRequire } from 'node:module';
import type { DateStyle, Localizer } from '../core/translate.js';
import { en, type Messages } from './messages/en.js';
import { ja } from './messages/ja.js';
import { ko } from './messages/ko.js';

/** Message locales; every other locale reads English. */
export const SUPPORTED_LOCALES = ['en', 'ko', 'ja'] as const;
/** A locale with its own message file. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** Parameters of a message; dates should come preformatted (`formatDate`) to get the zone right. */
export type MessageParams = Record<string, string | number | Date>;

/** Messages and formats for one channel locale. */
export interface Translator extends Localizer {
  /** The message locale (`ko` for `ko-KR`). */
  locale: SupportedLocale;
  /** The BCP 47 tag dates and numbers are formatted with (`en-GB` keeps British dates). */
  intlLocale: string;
  t: (key: string, params?: MessageParams) => string;
}

const CATALOGS: Record<SupportedLocale, Messages> = { en, ko, ja };

// intl-messageformat (and its ICU parser) is loaded at the first message that needs it: a plain
// message, or one with only `{name}` text arguments, is filled in without it (plainMessage), so
// a CLI command printing such labels does not pay for loading it (ADR 2).
const requireLibrary = createRequire(import.meta.url);
let messageFormat: typeof IntlMessageFormat | undefined;
const loadMessageFormat = () => (messageFormat ??= (requireLibrary('intl-messageformat') as { IntlMessageFormat: typeof IntlMessageFormat }).IntlMessageFormat);

/**
 * The message filled in as ICU would fill it, when that needs no ICU: text with no quote, `#`
 * or tag, and at most `{name}` arguments whose values are text (numbers and dates are
 * formatted by ICU). Otherwise undefined. translator.test.ts checks it against ICU on every message.
 */
export function plainMessage(text: string, params?: MessageParams): string | undefined {
  if (/['#<]/.test(text)) return undefined;
  let plain = true;
  const filled = text.replace(/\{(\w+)\}|[{}]/g, (match, name: string | undefined) => {
    const value = name !== undefined && params && Object.hasOwn(params, name) ? params[name] : undefined;
    if (typeof value === 'string') return value;
    plain = false;
    return match;
  });
  return plain ? filled : undefined;
}

const translators = new Map<string, Translator>();

/** `ko-KR`, `ko_KR`, `KO` → `ko`; `ja-JP` → `ja`; `en-US`, `de` or anything unknown → `en`. */
export function resolveLocale(locale: string): SupportedLocale {
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((l) => l === primary) ?? 'en';
}

/** The translator for a channel locale; one per locale tag for the life of the process. */
export function createTranslator(locale: string): Translator {
  const intlLocale = intlLocaleFor(locale);
  let translator = translators.get(intlLocale);
  if (!translator) {
    translator = buildTranslator(resolveLocale(locale), intlLocale);
    translators.set(intlLocale, translator);
  }
  return translator;
}

function buildTranslator(locale: SupportedLocale, intlLocale: string): Translator {
  const catalog = CATALOGS[locale];
  const compiled = new Map<string, IntlMessageFormat>();
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  // Built at the first number (ICU's number data costs about 15 ms to set up; `show` formats none).
  let numberFormat: Intl.NumberFormat | undefined;

  // A key we do not know shows up as itself in the post rather than failing the whole digest.
  const t = (key: string, params?: MessageParams): string => {
    if (!Object.hasOwn(catalog, key)) return key;
    const text = catalog[key as keyof Messages];
    const plain = plainMessage(text, params);
    if (plain !== undefined) return plain;
    let format = compiled.get(key);
    if (!format) {
      format = new (loadMessageFormat())(text, intlLocale);
      compiled.set(key, format);
    }
    return String(format.format(params));
  };

  const dateFormat = (timeZone: string, style: DateStyle): Intl.DateTimeFormat => {
    const id = `${timeZone}|${style}`;
    let format = dateFormats.get(id);
    if (!format) {
      format = new Intl.DateTimeFormat(intlLocale, { dateStyle: style, timeZone });
      dateFormats.set(id, format);
    }
    return format;
  };

  const formatDate = (date: Date | string, timeZone: string, style: DateStyle): string => {
    // A bare YYYY-MM-DD is a calendar day already: format it as noon UTC so no zone shifts it.
    const day = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim()) : null;
    const instant = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12)) : new Date(date);
    // A source's unparseable date is shown as given rather than as "Invalid Date".
    if (Number.isNaN(instant.getTime())) return String(date);
    return dateFormat(day ? 'UTC' : timeZone, style).format(instant);
  };

  const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
  const formatDateTime = (date: Date | string, timeZone: string): string => {
    const instant = new Date(date);
    if (Number.isNaN(instant.getTime())) return String(date);
    let format = dateTimeFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(intlLocale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
      dateTimeFormats.set(timeZone, format);
    }
    return format.format(instant);
  };

  return { locale, intlLocale, t, formatDate, formatDateTime, formatNumber: (n) => (numberFormat ??= new Intl.NumberFormat(intlLocale)).format(n) };
}

/**
 * The caller's own tag when Intl knows it and it speaks the message language (so `en-GB` gets
 * British dates); the message locale otherwise, so messages and dates never disagree.
 */
function intlLocaleFor(locale: string): string {
  const resolved = resolveLocale(locale);
  try {
    const [tag] = Intl.getCanonicalLocales(locale.trim().replace(/_/g, '-'));
    if (tag?.toLowerCase().split('-')[0] === resolved && Intl.DateTimeFormat.supportedLocalesOf(tag).length) return tag;
  } catch {
    // Not a BCP 47 tag ("", "korean"): fall through to the message locale.
  }
  return resolved;
}
