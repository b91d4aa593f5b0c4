import { describe, expect, it } from 'vitest';
import { checkField, checkLanguage, countScripts } from './language-check.js';

const KO = 'Transformer 기반 LLM의 추론 속도를 높이는 새로운 speculative decoding 방법을 제안한다.';
const JA = 'Transformer を用いた LLM の推論を高速化する新しい speculative decoding 手法を提案する。';
const ZH = '本文提出了一种基于 Transformer 的新型 speculative decoding 方法，可显著加速 LLM 推理。';
const EN = 'We propose a new speculative decoding method that speeds up LLM inference.';

describe('checkLanguage', () => {
  it('accepts Korean with English technical terms and rejects English for ko', () => {
    expect(checkLanguage(KO, 'ko')).toEqual({ ok: true });
    const bad = checkLanguage(EN, 'ko');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/Korean/);
  });

  it('rejects mostly-English text with a few Korean words', () => {
    expect(checkLanguage('We propose a new 방법 for fast LLM inference using speculative decoding.', 'ko').ok).toBe(false);
  });

  it('tells Japanese from Chinese by kana', () => {
    expect(checkLanguage(JA, 'ja')).toEqual({ ok: true });
    expect(checkLanguage(ZH, 'zh-CN')).toEqual({ ok: true });
    const zhForJa = checkLanguage(ZH, 'ja');
    expect(!zhForJa.ok && zhForJa.reason).toMatch(/Japanese.*kana/);
    const jaForZh = checkLanguage(JA, 'zh');
    expect(!jaForZh.ok && jaForZh.reason).toMatch(/Chinese/);
    expect(checkLanguage(KO, 'ja').ok).toBe(false);
  });

  it('accepts English for en and rejects Korean for en', () => {
    expect(checkLanguage(EN, 'en-US')).toEqual({ ok: true });
    expect(checkLanguage(KO, 'en').ok).toBe(false);
  });

  it('checks Cyrillic and only rejects obviously wrong scripts elsewhere', () => {
    expect(checkLanguage('Мы предлагаем новый метод speculative decoding для LLM.', 'ru')).toEqual({ ok: true });
    expect(checkLanguage(EN, 'ru').ok).toBe(false);
    expect(checkLanguage('Wir schlagen eine neue Methode vor.', 'de')).toEqual({ ok: true });
    expect(checkLanguage(KO, 'de').ok).toBe(false);
    expect(checkLanguage('نقترح طريقة جديدة', 'ar')).toEqual({ ok: true });
    expect(checkLanguage(ZH, 'ar').ok).toBe(false);
  });

  it('rejects text without letters', () => {
    expect(checkLanguage('12345 !!', 'en').ok).toBe(false);
  });
});

describe('countScripts', () => {
  it('counts a Latin run as one unit', () => {
    const c = countScripts('LLM 기반');
    expect(c).toMatchObject({ latin: 3, latinRuns: 1, hangul: 2 });
  });
});

describe('checkField', () => {
  it('bounds the length of each field', () => {
    expect(checkField('tldr', KO, 'ko')).toEqual({ ok: true });
    const long = checkField('tldr', KO.repeat(6), 'ko');
    expect(!long.ok && long.reason).toMatch(/tldr is too long/);
    const short = checkField('whats_new', '새 방법', 'ko');
    expect(!short.ok && short.reason).toMatch(/too short/);
    expect(checkField('technical_details', KO.repeat(30), 'ko').ok).toBe(false);
  });

  it('names the field in a language failure', () => {
    const r = checkField('whats_new', EN, 'ko');
    expect(!r.ok && r.reason).toMatch(/^whats_new: expected Korean/);
  });
});
