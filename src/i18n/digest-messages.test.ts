// The core's digest builder with the real message files: what a channel actually reads.
import { describe, expect, it } from 'vitest';
import type { EmptyDay } from '../core/empty-day.js';
import { buildDigestModel, buildPaperCard } from '../core/build-digest.js';
import type { PaperView } from '../core/paper-view.js';
import { sourceLabel } from '../core/source-label.js';
import { en } from './messages/en.js';
import { createTranslator } from './translator.js';

const paper: PaperView = {
  id: 1,
  key: 'arxiv:2410.22304',
  kind: 'paper',
  arxivId: '2410.22304',
  arxivVersion: 1,
  url: null,
  title: 'Flow-DPO: Improving LLM Mathematical Reasoning',
  authors: ['A. One', 'B. Two', 'C. Three', 'D. Four', 'E. Five', 'F. Six', 'G. Seven'],
  abstract: 'We propose Flow-DPO.',
  categories: ['cs.CL', 'cs.AI'],
  publishedAt: '2024-10-29T17:59:00Z',
  announcedOn: '2024-10-30',
  featuredOn: null,
  votes: 42,
  thumbnail: null,
  links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304', code: 'https://github.com/x/y' },
  summaries: [
    {
      locale: 'ko',
      source: 'daily-papers-ko',
      origin: 'source',
      sections: [
        { kind: 'whats_new', text: '온라인 다중 에이전트 학습을 제안합니다.' },
        { kind: 'technical_details', text: '두 LLM이 함께 풀이를 만듭니다.' },
        { kind: 'performance_highlights', text: '수학 벤치마크에서 성능이 오릅니다.' },
      ],
    },
    { locale: 'ja', source: 'ja-blog', origin: 'source', sections: [{ kind: 'tldr', text: '推論を改善する。' }] },
  ],
  sources: [],
};

/** Every English label the card could show, brand names aside. */
const englishLabels = Object.entries(en)
  .filter(([key]) => /^(section|fact|link|summary|authors)\./.test(key))
  .map(([, text]) => text.replace(/\{.*$/, '').trim())
  .filter((text) => text.length > 3 && !['arXiv', 'Hugging Face'].includes(text));

describe('digest cards with the real messages', () => {
  it('shows a Korean channel Korean labels and no English ones', () => {
    const label = { en: 'Daily Papers in Korean', ko: '한국어 데일리 페이퍼' };
    const card = buildPaperCard(paper, createTranslator('ko-KR'), { sourceLabel: (source, loc) => sourceLabel(source, { label }, loc) });
    expect(card.summary?.sections.map((s) => s.label)).toEqual(['새로운 점', '기술적 세부 사항', '주요 성능 결과']);
    expect(card.summary?.attribution).toBe('요약 출처: 한국어 데일리 페이퍼');
    expect(card.authors).toBe('A. One, B. Two, C. Three 외 4명');
    expect(card.links.map((l) => l.label)).toEqual(['arXiv', 'PDF', '코드']);
    const labels = JSON.stringify([card.summary, card.facts.map((f) => f.label), card.links]);
    for (const english of englishLabels) expect(labels).not.toContain(english);
  });

  it('shows a Japanese channel the Japanese summary and Japanese facts', () => {
    const card = buildPaperCard(paper, createTranslator('ja-JP'), { timeZone: 'Asia/Tokyo' });
    expect(card.summary?.sections).toEqual([{ label: '要点', text: '推論を改善する。' }]);
    expect(card.authors).toBe('A. One, B. Two, C. Three 他4名');
    expect(card.facts).toEqual([
      { label: '投票数', text: '42' },
      { label: '分野', text: 'cs.CL, cs.AI' },
      { label: '公開日', text: '2024/10/30' },
    ]);
  });

  it('labels the English abstract fallback in the channel language', () => {
    const card = buildPaperCard({ ...paper, summaries: [] }, createTranslator('ko'));
    expect(card.summary).toEqual({ sections: [{ label: '초록 (영문)', text: 'We propose Flow-DPO.' }], fallback: true });
  });

  it('titles a Korean digest with the full Korean date and counts in Korean', () => {
    const model = buildDigestModel([paper], createTranslator('ko'), { date: '2024-10-30', timeZone: 'Asia/Seoul', totalAvailable: 8 });
    expect(model.title).toBe('📰 오늘의 논문 — 2024년 10월 30일 수요일');
    expect(model.intro).toBe('새 논문 8편');
    expect(model.more).toBe('그 밖에 7편이 더 있습니다');
  });

  it('explains each kind of empty day in each language', () => {
    const notice = (locale: string, emptyDay: EmptyDay, unreadSources: string[] = []) =>
      buildDigestModel([], createTranslator(locale), { date: '2024-11-02', timeZone: 'UTC', emptyNotice: true, emptyDay, unreadSources }).notice;
    const weekend: EmptyDay = { kind: 'quiet', reason: 'weekend' };
    const holiday: EmptyDay = { kind: 'quiet', reason: 'holiday' };
    const filtered: EmptyDay = { kind: 'filtered', total: 1312 };
    expect(notice('en', weekend)).toBe('No new papers today — arXiv does not announce on weekends.');
    expect(notice('ko', weekend)).toContain('주말에는');
    expect(notice('ja', weekend)).toContain('土日には');
    expect(notice('en', holiday)).toBe('No new papers today — arXiv does not announce on holidays.');
    expect(notice('ko', holiday)).toContain('공휴일에는');
    expect(notice('ja', holiday)).toContain('祝日には');
    expect(notice('en', { kind: 'none' })).toBe('No new papers since the last digest.');
    expect(notice('ko', { kind: 'none' })).toBe('지난 다이제스트 이후 새 논문이 없습니다.');
    expect(notice('ja', { kind: 'none' })).toBe('前回のダイジェスト以降、新着論文はありません。');
    expect(notice('en', filtered)).toBe('None of today’s 1,312 new papers matched this channel’s filters.');
    expect(notice('en', { kind: 'filtered', total: 1 })).toBe('Today’s 1 new paper did not match this channel’s filters.');
    expect(notice('ko', filtered)).toBe('오늘 새 논문 1,312편 중 이 채널의 필터에 맞는 논문이 없습니다.');
    expect(notice('ja', filtered)).toBe('本日の新着論文1,312件のうち、このチャンネルのフィルターに合う論文はありませんでした。');
    expect(notice('en', { kind: 'none' }, ['arXiv cs.AI'])).toBe('No new papers since the last digest. Could not be read this time: arXiv cs.AI.');
    expect(notice('ko', { kind: 'none' }, ['arXiv cs.AI'])).toContain('읽지 못했습니다: arXiv cs.AI');
    expect(notice('ja', { kind: 'none' }, ['arXiv cs.AI'])).toContain('読み込めませんでした: arXiv cs.AI');
  });
});
