/**
 * Checks that generated text is in the language we asked for, by script alone: a model that
 * ignores the instruction usually answers in English (or Chinese for Japanese), and that is
 * visible in which Unicode scripts the letters belong to. No dictionary or detector library:
 * script shares are cheap, deterministic and good enough to reject the common failures.
 */
import type { SectionKind } from '../core/types.js';

export type CheckResult = { ok: true } | { ok: false; reason: string };

const OK: CheckResult = { ok: true };

/** Letter counts by script; `latinRuns` counts runs of Latin letters (one technical term = one unit). */
export interface ScriptCounts {
  letters: number;
  latin: number;
  latinRuns: number;
  hangul: number;
  han: number;
  kana: number;
  cyrillic: number;
  other: number;
}

/** Counts the letters of `text` by script. */
export function countScripts(text: string): ScriptCounts {
  const c: ScriptCounts = { letters: 0, latin: 0, latinRuns: 0, hangul: 0, han: 0, kana: 0, cyrillic: 0, other: 0 };
  let inLatin = false;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) {
      inLatin = false;
      continue;
    }
    c.letters += 1;
    const latin = /\p{Script=Latin}/u.test(ch);
    if (latin) {
      c.latin += 1;
      if (!inLatin) c.latinRuns += 1;
    } else if (/\p{Script=Hangul}/u.test(ch)) c.hangul += 1;
    else if (/\p{Script=Han}/u.test(ch)) c.han += 1;
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) c.kana += 1;
    else if (/\p{Script=Cyrillic}/u.test(ch)) c.cyrillic += 1;
    else c.other += 1;
    inLatin = latin;
  }
  return c;
}

/**
 * Share of `native` among letter units, where a whole Latin run counts as one unit: Korean or
 * Japanese prose legitimately keeps terms like "Transformer" in English, and counting those
 * letter by letter would make a good answer look foreign.
 */
function nativeShare(c: ScriptCounts, native: number): number {
  const units = c.letters - c.latin + c.latinRuns;
  return units === 0 ? 0 : native / units;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

// Below this share of native-script units the text is mostly in another language.
const MIN_NATIVE_SHARE = 0.4;

function checkKorean(c: ScriptCounts): CheckResult {
  const share = nativeShare(c, c.hangul);
  if (share >= MIN_NATIVE_SHARE) return OK;
  return { ok: false, reason: `expected Korean: only ${pct(share)} of the text is Hangul` };
}

function checkJapanese(c: ScriptCounts): CheckResult {
  const share = nativeShare(c, c.kana + c.han);
  if (share < MIN_NATIVE_SHARE) {
    return { ok: false, reason: `expected Japanese: only ${pct(share)} of the text is kana or kanji` };
  }
  // Japanese prose always carries kana (particles, endings); kanji without kana is Chinese.
  if (c.kana / (c.kana + c.han) < 0.1) {
    return { ok: false, reason: 'expected Japanese: the text has almost no kana (it reads as Chinese)' };
  }
  if (c.hangul > 0) return { ok: false, reason: 'expected Japanese: the text contains Hangul' };
  return OK;
}

function checkChinese(c: ScriptCounts): CheckResult {
  const share = nativeShare(c, c.han);
  if (share < MIN_NATIVE_SHARE) return { ok: false, reason: `expected Chinese: only ${pct(share)} of the text is Han` };
  if (c.kana > 0) return { ok: false, reason: 'expected Chinese: the text contains kana (it reads as Japanese)' };
  if (c.hangul > 0) return { ok: false, reason: 'expected Chinese: the text contains Hangul' };
  return OK;
}

function checkLatinScript(c: ScriptCounts, name: string): CheckResult {
  const share = c.letters === 0 ? 0 : c.latin / c.letters;
  // Counted by letter, not by run: Korean prose full of English terms is still only ~50% Latin
  // letters, while a Latin-script answer quoting a Greek symbol or a Chinese name stays above 80%.
  if (share >= 0.8) return OK;
  return { ok: false, reason: `expected ${name}: only ${pct(share)} of the letters are Latin` };
}

function checkCyrillic(c: ScriptCounts, name: string): CheckResult {
  const share = nativeShare(c, c.cyrillic);
  if (share >= MIN_NATIVE_SHARE) return OK;
  return { ok: false, reason: `expected ${name}: only ${pct(share)} of the text is Cyrillic` };
}

const LATIN_LANGUAGES: Record<string, string> = {
  de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch',
  pl: 'Polish', sv: 'Swedish', da: 'Danish', nb: 'Norwegian', fi: 'Finnish', cs: 'Czech',
  tr: 'Turkish', vi: 'Vietnamese', id: 'Indonesian', ro: 'Romanian', hu: 'Hungarian',
};
const CYRILLIC_LANGUAGES: Record<string, string> = { ru: 'Russian', uk: 'Ukrainian', bg: 'Bulgarian', sr: 'Serbian' };

/** Other locales: reject only text that is mostly CJK or Hangul, which no other language writes in. */
function checkOther(c: ScriptCounts, locale: string): CheckResult {
  const share = nativeShare(c, c.hangul + c.han + c.kana);
  if (share <= 0.5) return OK;
  return { ok: false, reason: `expected ${locale}: ${pct(share)} of the text is CJK or Hangul` };
}

/** Whether `text` is written in the script(s) of `locale` (a BCP 47 tag such as ko, ja, zh-CN, en). */
export function checkLanguage(text: string, locale: string): CheckResult {
  const c = countScripts(text);
  if (c.letters === 0) return { ok: false, reason: 'the text has no letters' };
  const lang = (locale.toLowerCase().split(/[-_]/)[0] ?? '').trim();
  if (lang === 'ko') return checkKorean(c);
  if (lang === 'ja') return checkJapanese(c);
  if (lang === 'zh') return checkChinese(c);
  if (lang === 'en') return checkLatinScript(c, 'English');
  const latinName = LATIN_LANGUAGES[lang];
  if (latinName) return checkLatinScript(c, latinName);
  const cyrillicName = CYRILLIC_LANGUAGES[lang];
  if (cyrillicName) return checkCyrillic(c, cyrillicName);
  return checkOther(c, locale);
}

export type SummaryField = Extract<SectionKind, 'tldr' | 'whats_new' | 'technical_details' | 'performance_highlights'>;

/** Length bounds in characters (code points); a runaway answer is as useless as an empty one. */
export const FIELD_LIMITS: Record<SummaryField, { min: number; max: number }> = {
  tldr: { min: 5, max: 300 },
  whats_new: { min: 20, max: 1200 },
  technical_details: { min: 20, max: 1200 },
  performance_highlights: { min: 20, max: 1200 },
};

/** Length bounds of `field`, then its language. */
export function checkField(field: SummaryField, text: string, locale: string): CheckResult {
  const { min, max } = FIELD_LIMITS[field];
  const length = [...text.trim()].length;
  if (length > max) return { ok: false, reason: `${field} is too long (${length} characters, at most ${max})` };
  if (length < min) return { ok: false, reason: `${field} is too short (${length} characters, at least ${min})` };
  const lang = checkLanguage(text, locale);
  return lang.ok ? OK : { ok: false, reason: `${field}: ${lang.reason}` };
}
