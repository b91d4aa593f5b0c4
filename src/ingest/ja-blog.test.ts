import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from './errors.js';
import { parseJaBlog } from './ja-blog.js';

const page = readFileSync(new URL('../../test/fixtures/digests/ja/2025-02-24.txt', import.meta.url), 'utf8');

describe('parseJaBlog', () => {
  const result = parseJaBlog(page);
  const byTitle = (start: string) => result.entries.find((e) => e.title.startsWith(start));

  it('reads every entry of the page, keyed by normalized title', () => {
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => e.entryKey)).toEqual([
      'title:regent a retrieval augmented generalist agent that can act in context in new environments',
      'title:zero shot dense retrieval with embeddings from relevance feedback',
      'title:tdmpbc self imitative reinforcement learning for humanoid robot control',
      'title:flow dpo improving llm mathematical reasoning through online multi agent learning',
    ]);
    expect(result.entries.map((e) => e.line)).toEqual([1, 26, 50, 75]);
  });

  it('reads authors, UTC publication time, date and categories from the arxiv情報 block', () => {
    expect(byTitle('Zero-Shot')).toMatchObject({
      kind: 'paper',
      title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
      authors: ['Yung-Sung Chuang', 'Nour Jedidi', 'James Glass', 'Leslie Shing'],
      publishedAt: '2025-02-24T16:20:10.000Z',
      announcedOn: '2025-02-24',
      categories: ['cs.IR', 'cs.CL'],
    });
    expect(byTitle('REGENT')?.categories).toEqual(['cs.AI']);
  });

  it('joins the Japanese summary lines with newlines as the ja abstract section', () => {
    expect(byTitle('REGENT')?.summaries).toEqual([
      {
        locale: 'ja',
        sections: [
          {
            kind: 'abstract',
            text: [
              '新しい環境にすばやく適応できる汎用エージェントを作ることは重要な課題です。',
              '私たちは、小さなデータセットで小さな方策を事前学習し、微調整なしで文脈内学習により未知の環境へ適応させる手法を提案します。',
              '鍵となる考えは、検索が素早い適応のための強い手がかりになるということです。',
              'REGENTは検索で得た近傍を入力に加えて行動を決めます。',
            ].join('\n'),
          },
        ],
      },
    ]);
  });

  it('keeps the English original abstract apart from the Japanese text', () => {
    expect(byTitle('TDMPBC')?.abstract).toBe(
      'Exploration for humanoid control wastes most samples on falling. We propose $\\textbf{S}$elf-$\\textbf{I}$mitative $\\textbf{R}$einforcement $\\textbf{L}$earning, which adds behaviour cloning of high-return trajectories to RL.\n' +
        'With 5% extra computation it improves HumanoidBench results by 120%.',
    );
    expect(byTitle('TDMPBC')?.summaries?.[0]?.sections[0]?.text).toContain('強化学習');
  });

  it('keeps the LaTeX title as written but keys it without markup', () => {
    const tdmpbc = byTitle('TDMPBC');
    expect(tdmpbc?.title).toBe('TDMPBC: $\\textbf{S}$elf-Imitative Reinforcement Learning for Humanoid Robot Control');
    expect(tdmpbc?.entryKey).toBe('title:tdmpbc self imitative reinforcement learning for humanoid robot control');
  });

  it('accepts the full-width 要約（オリジナル） marker', () => {
    expect(byTitle('Zero-Shot')?.abstract).toMatch(/^Zero-shot dense retrieval is hard without relevance labels\./);
    expect(byTitle('Zero-Shot')?.summaries?.[0]?.sections[0]?.text.split('\n')).toHaveLength(3);
  });

  it('sets the arXiv id only when the entry links the paper', () => {
    expect(byTitle('Flow-DPO')).toMatchObject({ arxivId: '2410.22304', arxivVersion: 2 });
    expect(byTitle('Flow-DPO')?.entryKey).toMatch(/^title:/);
    expect(byTitle('REGENT')?.arxivId).toBeUndefined();
    expect(byTitle('Zero-Shot')?.arxivId).toBeUndefined();
  });

  it('reads Windows newlines the same as Unix ones', () => {
    expect(parseJaBlog(page.replace(/\n/g, '\r\n'))).toEqual(result);
  });

  it('reports an entry without its English abstract at its line and keeps the others', () => {
    const broken = page.replace('要約（オリジナル）', '原文');
    const parsed = parseJaBlog(broken);
    expect(parsed.entries.map((e) => e.title.slice(0, 6))).toEqual(['REGENT', 'TDMPBC', 'Flow-D']);
    expect(parsed.errors).toEqual([
      { message: 'entry "Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback" lacks 要約(オリジナル)', place: 'line 26' },
    ]);
  });

  it('reports an entry whose 要約 line is missing instead of dropping it silently', () => {
    const lines = page.split('\n');
    lines[27] = '概要'; // the 要約 line of the second entry (line 28)
    const parsed = parseJaBlog(lines.join('\n'));
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.errors).toEqual([
      { message: 'entry "Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback" lacks 要約', place: 'line 26' },
    ]);
  });

  it('takes the title from the category line when the title line is missing', () => {
    const lines = page.split('\n');
    lines.splice(25, 2); // drops "Zero-Shot …" (line 26) and the blank line after it
    const parsed = parseJaBlog(lines.join('\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[1]).toMatchObject({
      title: 'Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback',
      entryKey: 'title:zero shot dense retrieval with embeddings from relevance feedback',
      line: 26,
    });
    expect(parsed.entries[0]?.categories).toEqual(['cs.AI']);
  });

  it('treats a time without offset as UTC', () => {
    const local = page.replace('2025-02-24 16:06:51+00:00', '2025-02-24 23:30:00');
    expect(parseJaBlog(local).entries[0]?.publishedAt).toBe('2025-02-24T23:30:00.000Z');
  });

  it('throws a SourceError when the text has no entry at all', () => {
    expect(() => parseJaBlog('<html><body>メンテナンス中です</body></html>')).toThrow(SourceError);
    expect(() => parseJaBlog('')).toThrow(/no entry with 要約/);
  });
});
