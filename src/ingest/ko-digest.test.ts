import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from './errors.js';
import { parseAuthorList, parseKoDigest, parseKoDigestFolderDate } from './ko-digest.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/digests/ko/${name}`, import.meta.url), 'utf8');

describe('parseKoDigest', () => {
  const day = parseKoDigest(fixture('2024/10/30.md'));

  it('reads every paper of the day with its arXiv identity, votes, authors and thumbnail', () => {
    expect(day.errors).toEqual([]);
    expect(day.entries.map((e) => e.entryKey)).toEqual([
      'arxiv:2410.22304',
      'arxiv:2410.21242',
      'arxiv:2410.22325',
      'arxiv:2410.21845',
    ]);
    const [flow, dense] = day.entries;
    expect(flow).toMatchObject({
      kind: 'paper',
      arxivId: '2410.22304',
      title: 'Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning',
      authors: ['Yihe Deng', 'Paul Mineiro'],
      votes: 11,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.22304.png',
      links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
      line: 3,
    });
    expect(dense?.authors).toEqual(['Yung-Sung Chuang', 'Nour Jedidi', 'James Glass', 'Leslie Shing']);
  });

  it('takes a page’s own `# title` as the digest’s name, and none when it has none', () => {
    const day = '## Daily Papers (2024-10-30)\n\n### [Flow-DPO](https://arxiv.org/abs/2410.22304)\n\nVote: 3\n';
    expect(parseKoDigest(`# 오늘의 AI 논문 요약\n\n${day}`).title).toBe('오늘의 AI 논문 요약');
    expect(parseKoDigest(day).title).toBeUndefined();
  });

  it('gives every entry the featured date of the header as announcedOn', () => {
    expect(new Set(day.entries.map((e) => e.announcedOn))).toEqual(new Set(['2024-10-30']));
  });

  it('keeps the version named by a versioned link apart from the id', () => {
    const hil = day.entries[3];
    expect(hil).toMatchObject({ entryKey: 'arxiv:2410.21845', arxivId: '2410.21845', arxivVersion: 2 });
    expect(day.entries[0]?.arxivVersion).toBeUndefined();
  });

  it('splits the three Korean sections and keeps continuation lines with their section', () => {
    const [summary] = day.entries[0]?.summaries ?? [];
    expect(summary?.locale).toBe('ko');
    expect(summary?.sections.map((s) => s.kind)).toEqual(['whats_new', 'technical_details', 'performance_highlights']);
    expect(summary?.sections[1]?.text).toBe(
      'Answer LLM이 답의 한 조각을 쓰고 Stop LLM이 멈출지를 정합니다.\n롤아웃마다 온라인 DPO로 두 모델을 함께 강화합니다.',
    );
    expect(summary?.sections[2]?.text).toBe('Llama-3-8B-Instruct의 정확도가 79%에서 83%로 올랐습니다.');
  });

  it('keeps one blank line of an indented continuation paragraph and nothing of the next heading', () => {
    const robots = day.entries[2]?.summaries?.[0]?.sections;
    expect(robots?.[1]?.text).toBe(
      '동역학 정렬 손실과 행동 예측 손실로 로봇의 상태와 행동을 이미지 관찰에 연결합니다.\n\n시간 대조 학습으로 시간 정보도 담습니다.',
    );
    expect(day.entries[3]?.summaries?.[0]?.sections[0]?.text).toContain('강화학습');
  });

  it('reads Python-list authors, including names with apostrophes in double quotes', () => {
    const older = parseKoDigest(fixture('2024/10/31.md'));
    expect(older.errors).toEqual([]);
    expect(older.entries.map((e) => [e.arxivId, e.votes, e.announcedOn])).toEqual([
      ['2410.22304', 24, '2024-10-31'],
      ['2410.29999', 2, '2024-10-31'],
    ]);
    expect(older.entries[0]?.authors).toEqual(['Yihe Deng', 'Paul Mineiro']);
    expect(older.entries[1]?.authors).toEqual(["Siobhán O'Brien", 'Kenji Watanabe', "D'Arcy Lee"]);
  });

  it('lists only the sections a paper has', () => {
    const older = parseKoDigest(fixture('2024/10/31.md'));
    expect(older.entries[1]?.summaries?.[0]?.sections.map((s) => s.kind)).toEqual(['whats_new']);
  });

  it('reports a heading without an arXiv link at its line and still reads the papers around it', () => {
    const result = parseKoDigest(fixture('broken.md'));
    expect(result.entries.map((e) => e.entryKey)).toEqual(['arxiv:2410.21242', 'arxiv:2410.22304']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.place).toBe('line 11');
    expect(result.errors[0]?.message).toContain('A Blog Post That Is Not a Paper');
    // The broken paper's votes and sections must not leak into the paper before it.
    expect(result.entries[0]?.votes).toBe(4);
    expect(result.entries[0]?.summaries?.[0]?.sections).toHaveLength(1);
    expect(result.entries[1]?.votes).toBe(30);
  });

  it('reads a CRLF file the same way as an LF file', () => {
    const crlf = parseKoDigest(fixture('2024/10/30.md').replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(day);
  });

  it('uses the fallback date for a file without the header', () => {
    const body = fixture('2024/10/30.md').replace('## Daily Papers (2024-10-30)\n', '');
    const result = parseKoDigest(body, { fallbackDate: '2024-10-29' });
    expect(result.entries).toHaveLength(4);
    expect(result.entries[0]?.announcedOn).toBe('2024-10-29');
    expect(parseKoDigest(body).entries[0]?.announcedOn).toBeUndefined();
  });

  it('throws a SourceError for text with neither the header nor papers', () => {
    expect(() => parseKoDigest('# Some notes\n\nNothing to see.')).toThrow(SourceError);
    expect(() => parseKoDigest('')).toThrow(/no "## Daily Papers \(YYYY-MM-DD\)" header/);
  });

  it('returns an empty result for a day with the header but no papers', () => {
    expect(parseKoDigest('## Daily Papers (2024-11-02)\n')).toEqual({ entries: [], errors: [] });
  });
});

describe('parseAuthorList', () => {
  it('splits plain comma lists and Python lists with either quote', () => {
    expect(parseAuthorList('A. One, B. Two')).toEqual(['A. One', 'B. Two']);
    expect(parseAuthorList(`['A', "O'Brien", 'C \\'D\\'']`)).toEqual(['A', "O'Brien", "C 'D'"]);
    expect(parseAuthorList('[]')).toEqual([]);
  });
});

describe('parseKoDigestFolderDate', () => {
  it('turns a YYYY/MM/DD.md path into the date it names', () => {
    expect(parseKoDigestFolderDate('2024/10/30.md')).toBe('2024-10-30');
    expect(parseKoDigestFolderDate('digests/ko/2024/1/5.md')).toBe('2024-01-05');
    expect(parseKoDigestFolderDate('2024\\10\\31.md')).toBe('2024-10-31');
  });

  it('refuses paths that are not a real date', () => {
    expect(parseKoDigestFolderDate('2024/02/31.md')).toBeUndefined();
    expect(parseKoDigestFolderDate('2024/10/30.txt')).toBeUndefined();
    expect(parseKoDigestFolderDate('notes/readme.md')).toBeUndefined();
  });
});
