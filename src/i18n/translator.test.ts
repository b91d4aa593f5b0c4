import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from './messages/en.js';
import { ja } from './messages/ja.js';
import { ko } from './messages/ko.js';
import { createTranslator, plainMessage, resolveLocale, SUPPORTED_LOCALES } from './translator.js';

describe('resolveLocale', () => {
  it('maps regional and platform tags to a message locale, anything else to English', () => {
    expect(SUPPORTED_LOCALES).toEqual(['en', 'ko', 'ja']);
    expect(resolveLocale('ko-KR')).toBe('ko');
    expect(resolveLocale('ko_KR')).toBe('ko');
    expect(resolveLocale('JA-JP')).toBe('ja');
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('zh-CN')).toBe('en');
    expect(resolveLocale('')).toBe('en');
  });
});

describe('createTranslator', () => {
  const seoul = 'Asia/Seoul';
  // 2024-10-30 00:30 in Seoul is still 2024-10-29 in UTC.
  const instant = new Date('2024-10-29T15:30:00Z');

  it('formats messages with plurals and numbers in the locale', () => {
    const en = createTranslator('en-US');
    expect(en.t('digest.intro', { count: 1 })).toBe('1 new paper');
    expect(en.t('digest.intro', { count: 7 })).toBe('7 new papers');
    expect(createTranslator('ko-KR').t('digest.intro', { count: 7 })).toBe('새 논문 7편');
    expect(createTranslator('ko').t('authors.others', { count: 1200 })).toBe('외 1,200명');
    expect(createTranslator('ja-JP').t('authors.others', { count: 12 })).toBe('他12名');
  });

  it('returns an unknown key as is instead of throwing', () => {
    expect(createTranslator('ko').t('no.such.key')).toBe('no.such.key');
    expect(createTranslator('ko').t('toString')).toBe('toString');
  });

  it('formats Korean and Japanese dates in the channel time zone', () => {
    expect(createTranslator('ko-KR').formatDate(instant, seoul, 'full')).toBe('2024년 10월 30일 수요일');
    expect(createTranslator('ja-JP').formatDate(instant, seoul, 'long')).toBe('2024年10月30日');
    expect(createTranslator('en').formatDate(instant, 'UTC', 'medium')).toBe('Oct 29, 2024');
    expect(createTranslator('ko').formatDate(instant.toISOString(), seoul, 'long')).toContain('년');
  });

  it('keeps a bare calendar date on its day in any time zone', () => {
    expect(createTranslator('en').formatDate('2024-10-30', 'America/Los_Angeles', 'long')).toBe('October 30, 2024');
    expect(createTranslator('ja').formatDate('2024-10-30', 'Pacific/Kiritimati', 'full')).toBe('2024年10月30日水曜日');
  });

  it('shows an unparseable date as given', () => {
    expect(createTranslator('en').formatDate('last tuesday', seoul, 'medium')).toBe('last tuesday');
  });

  it('formats dates and numbers with the regional tag of the message language', () => {
    const gb = createTranslator('en-GB');
    expect(gb).toMatchObject({ locale: 'en', intlLocale: 'en-GB' });
    expect(gb.formatDate('2024-10-30', seoul, 'long')).toBe('30 October 2024');
    const de = createTranslator('de-DE');
    expect(de).toMatchObject({ locale: 'en', intlLocale: 'en' });
    expect(de.formatNumber(1234.5)).toBe('1,234.5');
  });

  it('builds one translator per locale tag', () => {
    expect(createTranslator('ko-KR')).toBe(createTranslator('ko-KR'));
    expect(createTranslator('ko').locale).toBe('ko');
  });
});

describe('plainMessage (messages filled in without intl-messageformat, ADR 2)', () => {
  const catalogs = { en, ko, ja } as Record<string, Record<string, string>>;

  it('gives what ICU gives for every message it fills in, with text arguments', () => {
    let plain = 0;
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) {
        const names = [...text.matchAll(/\{\s*(\w+)/g)].map((m) => m[1]!);
        const params = Object.fromEntries(names.map((n) => [n, `<${n}> 'x' {y}`]));
        const got = plainMessage(text, params);
        if (got === undefined) continue;
        plain++;
        expect(got, `${locale} ${key}`).toBe(String(new IntlMessageFormat(text, locale).format(params)));
      }
    }
    expect(plain).toBeGreaterThan(50);
  });

  it('leaves numbers, dates, plurals, quotes, tags and missing arguments to ICU', () => {
    expect(plainMessage('Summary: {source}', { source: 'arXiv' })).toBe('Summary: arXiv');
    expect(plainMessage('Paper source')).toBe('Paper source');
    expect(plainMessage('{n} papers', { n: 1200 })).toBeUndefined();
    expect(plainMessage('{n, plural, one {# paper} other {# papers}}', { n: 1 })).toBeUndefined();
    expect(plainMessage("What's new")).toBeUndefined();
    expect(plainMessage('<b>{x}</b>', { x: 'a' })).toBeUndefined();
    expect(plainMessage('Summary: {source}', {})).toBeUndefined();
    expect(plainMessage('Summary: {source}', { constructor: 'x' })).toBeUndefined();
    expect(createTranslator('ko').t('authors.others', { count: 1200 })).toBe('외 1,200명');
  });
});
