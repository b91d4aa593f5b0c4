import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLocale, SUPPORTED_LOCALES } from './translator.js';

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
