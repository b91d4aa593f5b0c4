import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../core/types.js';
import { parseKoDigest } from './ko-digest.js';

const parse = (name: string) =>
  parseKoDigest(readFileSync(new URL(`../../test/fixtures/digests/ko-older/${name}`, import.meta.url), 'utf8'));
const sections = (e: SourceEntry | undefined) => e?.summaries?.flatMap((s) => s.sections.map((x) => [s.locale, x.kind])) ?? [];
const text = (e: SourceEntry | undefined) => e?.summaries?.[0]?.sections[0]?.text ?? '';

describe('parseKoDigest on the older generations of the digest', () => {
  it('keeps the plain bullets of the first generation (no image, votes or authors) as one Korean summary', () => {
    const day = parse('2023/11/20.md');
    expect(day.errors).toEqual([]);
    expect(day.entries.map((e) => e.arxivId)).toEqual(['2311.10122', '2311.10770', '2311.10125']);
    for (const entry of day.entries) expect(sections(entry)).toEqual([['ko', 'summary']]);
    expect(text(day.entries[0])).toBe(
      [
        '- 이미지와 비디오를 서로 다른 특징 공간에 두던 기존 방식의 한계를 짚습니다.',
        '- 두 모달리티를 언어 특징 공간에 먼저 정렬한 뒤 투영하는 통합 표현을 제안합니다.',
        '- 이미지와 비디오를 섞어 학습하면 서로의 성능이 함께 좋아집니다.',
      ].join('\n'),
    );
  });

  it('ends a summary at the next paper heading even without a blank line, and keeps nested items', () => {
    const day = parse('2023/11/20.md');
    expect(text(day.entries[1]).split('\n')).toHaveLength(2);
    expect(text(day.entries[2])).toContain('- (2) 비전 모델 선택의 자동화\n- 코드는');
  });

  it('gives a title the digest translated into Korean to the Korean summary', () => {
    const fast = parse('2023/11/20.md').entries[1];
    expect(fast?.summaries?.[0]?.title).toBe('지수적으로 빠른 언어 모델링');
    expect(parse('2023/11/20.md').entries[0]?.summaries?.[0]?.title).toBeUndefined();
  });

  it('reads image, authors and summary of the second generation, and keeps a video as a link', () => {
    const day = parse('2023/12/05.md');
    expect(day.errors).toEqual([]);
    const [magicoder, videoswap, nash] = day.entries;
    expect(magicoder).toMatchObject({
      thumbnail: 'https://cdn-uploads.huggingface.co/production/uploads/fixture/magicoder.png',
      authors: ['Yuxiang Wei', 'Zhe Wang', 'Jiawei Liu', 'Yifeng Ding', 'Lingming Zhang'],
    });
    expect(videoswap?.thumbnail).toBeUndefined();
    expect(videoswap?.links?.video).toBe('https://cdn-uploads.huggingface.co/production/uploads/fixture/videoswap.mp4');
    expect(text(videoswap).split('\n')).toHaveLength(3);
    expect(text(videoswap)).not.toContain('<div>');
    expect(nash?.authors).toEqual(['Rémi Munos', 'Michal Valko', 'Thomas Mésnard']);
    for (const entry of day.entries) expect(sections(entry)).toEqual([['ko', 'summary']]);
  });

  it('reads votes, a well-formed video link and Python-list authors of the third generation', () => {
    const day = parse('2024/02/15.md');
    expect(day.entries.map((e) => [e.arxivId, e.votes])).toEqual([
      ['2402.09368', 18],
      ['2402.08939', 10],
    ]);
    expect(day.entries[0]?.links?.video).toBe('https://cdn-uploads.huggingface.co/production/uploads/fixture/magic-me.mp4');
    expect(day.entries[1]?.authors).toEqual(['Xinyun Chen', 'Ryan A. Chi', 'Denny Zhou', 'Xuezhi Wang']);
    expect(text(day.entries[1])).toMatch(/^- 전제의 순서를 .*\n- GSM8K를 /);
  });

  it('reads numbered bullets, a 요약 heading and section names without emphasis', () => {
    const [numbered, headed, unbolded] = parse('variants.md').entries;
    expect(text(numbered)).toBe('1. 번호를 붙인 목록으로 쓴 요약의 첫 문장입니다.\n2. 두 번째 문장도 같은 요약에 들어갑니다.');
    expect(numbered?.authors).toEqual(['Ada Lovelace', "Grace O'Hara"]);
    expect(sections(headed)).toEqual([['ko', 'summary']]);
    expect(text(headed)).toBe('- 요약이라는 제목 아래의 글머리표입니다.\n- 이어지는 줄도 같은 요약입니다.');
    expect(unbolded?.summaries?.[0]?.sections.map((s) => [s.kind, s.text])).toEqual([
      ['whats_new', '굵은 글씨 없이 이름만 쓴 섹션입니다.'],
      ['technical_details', '기술 설명도 굵은 글씨가 없습니다.'],
      ['performance_highlights', '성능 요약입니다.'],
    ]);
  });

  it('still reads the current generation unchanged: plain bullets after a labelled section continue it', () => {
    const day = parseKoDigest(
      '## Daily Papers (2024-10-30)\n\n### [T](https://arxiv.org/abs/2410.00001)\n\n' +
        "- ***What's New***: 새로움.\n- 이어지는 항목.\n- ***Technical Details***: 기술.\n",
    );
    expect(day.entries[0]?.summaries?.[0]?.sections).toEqual([
      { kind: 'whats_new', text: '새로움.\n- 이어지는 항목.' },
      { kind: 'technical_details', text: '기술.' },
    ]);
  });
});
