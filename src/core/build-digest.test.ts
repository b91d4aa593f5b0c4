import { describe, expect, it } from 'vitest';
import type { EmptyDay } from './empty-day.js';
import { buildDigestModel, buildPaperCard } from './build-digest.js';
import type { PaperView, SummaryView } from './paper-view.js';
import type { Localizer } from './translate.js';

// The core never sees message files, so a fake that echoes `locale:key(params)` shows exactly
// which message each label came from. src/i18n/digest-messages.test.ts runs the real ones.
function fakeLocalizer(locale: string): Localizer {
  return {
    locale,
    t: (key, params) => `${locale}:${key}${params ? `(${Object.values(params).join(',')})` : ''}`,
    formatDate: (date, timeZone, style) => `${locale}-date(${String(date)},${timeZone},${style})`,
    formatDateTime: (date, timeZone) => `${locale}-datetime(${String(date)},${timeZone})`,
    formatNumber: (n) => `${locale}-n(${n})`,
  };
}

const [ko, ja, en] = ['ko', 'ja', 'en'].map(fakeLocalizer) as [Localizer, Localizer, Localizer];
// Source labels come from the config and the store (src/core/source-label.test.ts); here a fake that shows them.
const labeled = { sourceLabel: (source: string) => `label(${source})` };

const koStructured: SummaryView = {
  locale: 'ko',
  source: 'daily-papers-ko',
  origin: 'source',
  sections: [
    { kind: 'whats_new', text: '긴 문맥을 효율적으로 처리하는 새로운 어텐션을 제안합니다.' },
    { kind: 'technical_details', text: '블록 단위 희소 어텐션을 씁니다.' },
    { kind: 'performance_highlights', text: '기존 방법보다 2배 빠릅니다.' },
  ],
};

function paper(overrides: Partial<PaperView> = {}): PaperView {
  return {
    id: 1,
    key: 'arxiv:2410.22304',
    kind: 'paper',
    arxivId: '2410.22304',
    arxivVersion: 1,
    url: null,
    title: '  Flow-DPO:\n  Improving   Reasoning ',
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: 'We propose Flow-DPO. It improves reasoning.',
    categories: ['cs.CL'],
    publishedAt: '2024-10-29T17:59:00Z',
    announcedOn: null,
    featuredOn: null,
    votes: null,
    thumbnail: null,
    links: { arxiv: 'https://arxiv.org/abs/2410.22304' },
    summaries: [],
    sources: [],
    ...overrides,
  };
}

describe('buildPaperCard: which summary a channel sees', () => {
  const excerpt: SummaryView = { locale: 'ko', source: 'ko-blog', origin: 'source', sections: [{ kind: 'excerpt', text: '블로그 발췌입니다.' }] };
  const jaSummary: SummaryView = { locale: 'ja', source: 'ja-blog', origin: 'source', sections: [{ kind: 'tldr', text: '推論を改善する。' }] };
  const generated: SummaryView = { locale: 'ko', source: 'gpt-4o-mini', origin: 'generated', sections: [{ kind: 'tldr', text: '생성된 요약.' }] };
  const all = paper({ summaries: [excerpt, generated, jaSummary, koStructured] });

  it('gives a Korean channel the structured Korean summary with Korean labels', () => {
    const summary = buildPaperCard(all, ko, labeled).summary;
    expect(summary).toEqual({
      sections: [
        { label: 'ko:section.whats_new', text: koStructured.sections[0]?.text },
        { label: 'ko:section.technical_details', text: '블록 단위 희소 어텐션을 씁니다.' },
        { label: 'ko:section.performance_highlights', text: '기존 방법보다 2배 빠릅니다.' },
      ],
      attribution: 'ko:summary.source(label(daily-papers-ko))',
      fallback: false,
    });
    // A regional channel locale matches the summary language.
    expect(buildPaperCard(all, fakeLocalizer('ko-KR'), labeled).summary?.attribution).toBe('ko-KR:summary.source(label(daily-papers-ko))');
  });

  it('gives a Japanese channel the Japanese summary', () => {
    expect(buildPaperCard(all, ja, labeled).summary).toEqual({
      sections: [{ label: 'ja:section.tldr', text: '推論を改善する。' }],
      attribution: 'ja:summary.source(label(ja-blog))',
      fallback: false,
    });
  });

  it('prefers a generated summary only when asked, attributing it to the model', () => {
    expect(buildPaperCard(all, ko, { preferGenerated: true }).summary?.attribution).toBe('ko:summary.generated(gpt-4o-mini)');
    const onlyGenerated = paper({ summaries: [generated] });
    expect(buildPaperCard(onlyGenerated, ko).summary?.sections).toEqual([{ label: 'ko:section.tldr', text: '생성된 요약.' }]);
  });

  it('falls back to the English abstract, labelled in the channel language', () => {
    const summary = buildPaperCard(paper({ summaries: [koStructured] }), fakeLocalizer('de')).summary;
    expect(summary).toEqual({
      sections: [{ label: 'de:section.abstract_en', text: 'We propose Flow-DPO. It improves reasoning.' }],
      fallback: true,
    });
  });

  it('gives an English channel the abstract when there is no English summary', () => {
    const sections = [{ label: 'en:section.abstract', text: 'We propose Flow-DPO. It improves reasoning.' }];
    expect(buildPaperCard(all, en).summary).toEqual({ sections, fallback: false });
  });

  it('falls back to another language’s summary, English first and marked with its language, when there is no abstract', () => {
    const enExcerpt: SummaryView = { ...excerpt, locale: 'en', source: 'blog' };
    const card = buildPaperCard(paper({ abstract: null, summaries: [excerpt, enExcerpt] }), ja, labeled);
    expect(card.summary).toEqual({
      sections: [{ label: 'ja:summary.in_language(ja:language.en)', text: '블로그 발췌입니다.' }],
      attribution: 'ja:summary.source(label(blog))',
      fallback: true,
    });
    const koOnly = buildPaperCard(paper({ abstract: null, summaries: [excerpt] }), ja, labeled).summary;
    expect(koOnly?.sections).toEqual([{ label: 'ja:summary.in_language(ja:language.ko)', text: '블로그 발췌입니다.' }]);
  });

  it('says there is no summary yet on a card with nothing but a title, instead of an empty body', () => {
    expect(buildPaperCard(paper({ abstract: null, summaries: [] }), ko).summary).toEqual({ sections: [{ label: '', text: 'ko:summary.none' }], fallback: true });
  });

  it('credits a generated summary to its model, not to the stored `llm:` source name', () => {
    const llm: SummaryView = { ...generated, source: 'llm:qwen2.5:7b@v1' };
    expect(buildPaperCard(paper({ summaries: [llm] }), ko).summary?.attribution).toBe('ko:summary.generated(qwen2.5:7b)');
  });

  it('resolves each source’s label once per digest, however many cards credit it', () => {
    const calls: string[] = [];
    const sourceLabel = (source: string) => (calls.push(source), `label(${source})`);
    const model = buildDigestModel([paper({ summaries: [koStructured] }), paper({ key: 'arxiv:2', summaries: [excerpt] }), paper({ key: 'arxiv:3', summaries: [koStructured] })], ko, { date: '2024-10-30', timeZone: 'UTC', cardOptions: { sourceLabel } });
    expect(model.papers.map((p) => p.summary?.attribution)).toEqual(['ko:summary.source(label(daily-papers-ko))', 'ko:summary.source(label(ko-blog))', 'ko:summary.source(label(daily-papers-ko))']);
    expect(calls).toEqual(['daily-papers-ko', 'ko-blog']);
  });

  it('never credits a file path or a config key when no labeler is given', () => {
    const fromPath: SummaryView = { ...koStructured, source: '/home/me/digests/2024-10-30.md' };
    const fromKey: SummaryView = { ...koStructured, source: 'daily-papers-ko' };
    for (const s of [fromPath, fromKey]) expect(buildPaperCard(paper({ summaries: [s] }), ko).summary?.attribution).toBe('ko:summary.source(ko:source.kind.other)');
  });

  it('cuts each long section to the limit at a sentence end', () => {
    const long = `${'가'.repeat(300)}다. ${'나'.repeat(300)}다. ${'다'.repeat(300)}다.`;
    const card = (max?: number) =>
      buildPaperCard(paper({ summaries: [{ ...koStructured, sections: [{ kind: 'whats_new', text: long }] }] }), ko, { maxSummaryChars: max });
    expect(card().summary?.sections[0]?.text).toBe(`${'가'.repeat(300)}다. ${'나'.repeat(300)}다.`); // 605 ≤ 700
    expect(card(400).summary?.sections[0]?.text).toBe(`${'가'.repeat(300)}다.`);
  });
});

describe('buildPaperCard: title, authors, facts and links', () => {
  it('collapses whitespace in the title and links it to arXiv', () => {
    const card = buildPaperCard(paper({ links: {} }), en);
    expect(card.title).toBe('Flow-DPO: Improving Reasoning');
    expect(card.url).toBe('https://arxiv.org/abs/2410.22304');
  });

  it('links an article card to the article', () => {
    const article = paper({ kind: 'article', arxivId: null, url: 'https://example.com/a', links: { article: 'https://example.com/a?utm=x' } });
    expect(buildPaperCard(article, en).url).toBe('https://example.com/a?utm=x');
  });

  it('keeps up to five authors and shortens more to three plus a localized count', () => {
    const five = ['A', 'B', 'C', 'D', 'E'];
    expect(buildPaperCard(paper({ authors: five }), ko).authors).toBe('A, B, C, D, E');
    expect(buildPaperCard(paper({ authors: [...five, 'F', 'G'] }), ko).authors).toBe('A, B, C ko:authors.others(4)');
    expect(buildPaperCard(paper({ authors: [] }), ko).authors).toBeUndefined();
  });

  it('states votes, the first four categories and the announce date, localized', () => {
    const card = buildPaperCard(
      paper({ votes: 1234, categories: ['cs.CL', 'cs.AI', 'cs.LG', 'cs.CV', 'stat.ML'], announcedOn: '2024-10-30' }),
      ko,
      { timeZone: 'Asia/Seoul' },
    );
    expect(card.facts).toEqual([
      { label: 'ko:fact.votes', text: 'ko-n(1234)' },
      { label: 'ko:fact.categories', text: 'cs.CL, cs.AI, cs.LG, cs.CV' },
      { label: 'ko:fact.announced', text: 'ko-date(2024-10-30,Asia/Seoul,medium)' },
    ]);
  });

  it('falls back to the featured, then the published date, and omits zero votes', () => {
    expect(buildPaperCard(paper({ votes: 0, featuredOn: '2024-10-31' }), ja).facts.map((f) => f.label)).toEqual([
      'ja:fact.categories',
      'ja:fact.featured',
    ]);
    expect(buildPaperCard(paper(), ja).facts[1]).toEqual({ label: 'ja:fact.published', text: 'ja-date(2024-10-29T17:59:00Z,UTC,medium)' });
  });

  it('lists the links present in a fixed order with localized labels', () => {
    const links = { code: 'https://github.com/x/y', pdf: 'https://arxiv.org/pdf/2410.22304', huggingface: 'https://huggingface.co/papers/2410.22304', arxiv: 'https://arxiv.org/abs/2410.22304', other: 'https://x.org' };
    const card = buildPaperCard(paper({ links, thumbnail: 'https://img/1.png' }), ko);
    expect(card.links).toEqual([
      { label: 'ko:link.arxiv', url: links.arxiv },
      { label: 'ko:link.pdf', url: links.pdf },
      { label: 'ko:link.huggingface', url: links.huggingface },
      { label: 'ko:link.code', url: links.code },
    ]);
    expect(card.thumbnail).toBe('https://img/1.png');
  });
});

describe('buildDigestModel', () => {
  const day = { date: '2024-10-30', timeZone: 'Asia/Seoul' };

  it('titles the digest with the full local date and counts the papers', () => {
    const model = buildDigestModel([paper(), paper({ key: 'arxiv:2', arxivId: '2' })], ko, day);
    expect(model).toMatchObject({ locale: 'ko', date: '2024-10-30', intro: 'ko:digest.intro(2)' });
    expect(model.title).toBe('ko:digest.title(ko-date(2024-10-30,Asia/Seoul,full))');
    expect(model.papers.map((p) => p.key)).toEqual(['arxiv:2410.22304', 'arxiv:2']);
    expect([model.more, model.notice]).toEqual([undefined, undefined]);
  });

  it('says how many more papers the channel limit left out', () => {
    const model = buildDigestModel([paper()], ja, { ...day, totalAvailable: 8 });
    expect(model.intro).toBe('ja:digest.intro(8)');
    expect(model.more).toBe('ja:digest.more(7)');
  });

  it('adds the empty-day notice only when the channel wants it, saying why the day is empty', () => {
    const notice = (emptyDay?: EmptyDay) => buildDigestModel([], en, { ...day, emptyNotice: true, ...(emptyDay ? { emptyDay } : {}) }).notice;
    expect(notice()).toBe('en:digest.empty_none');
    expect(notice({ kind: 'none' })).toBe('en:digest.empty_none');
    expect(notice({ kind: 'quiet', reason: 'weekend' })).toBe('en:digest.empty_weekend');
    expect(notice({ kind: 'quiet', reason: 'holiday' })).toBe('en:digest.empty_holiday');
    expect(notice({ kind: 'filtered', total: 312 })).toBe('en:digest.empty_filtered(312)');
    expect(buildDigestModel([], en, { ...day, emptyDay: { kind: 'filtered', total: 3 } }).notice).toBeUndefined();
  });

  it('replaces the "no new papers" intro of an empty day with the notice', () => {
    const model = buildDigestModel([], en, { ...day, emptyNotice: true, emptyDay: { kind: 'filtered', total: 312 } });
    expect(model.intro).toBe('');
    expect(buildDigestModel([], en, day).intro).toBe('en:digest.intro(0)');
  });

  it('names the sources it could not read, after the notice or after the intro', () => {
    const unreadSources = ['arXiv cs.AI', 'Hugging Face'];
    expect(buildDigestModel([], en, { ...day, emptyNotice: true, unreadSources }).notice).toBe('en:digest.empty_none en:digest.unread_sources(arXiv cs.AI, Hugging Face)');
    expect(buildDigestModel([paper()], en, { ...day, unreadSources }).intro).toBe('en:digest.intro(1) · en:digest.unread_sources(arXiv cs.AI, Hugging Face)');
    expect(buildDigestModel([paper()], en, day).intro).toBe('en:digest.intro(1)');
  });

  it('builds cards with the card options, dating instants in the digest time zone', () => {
    const generated: SummaryView = { locale: 'en', source: 'gpt-4o-mini', origin: 'generated', sections: [{ kind: 'tldr', text: 'Short.' }] };
    const model = buildDigestModel([paper({ summaries: [generated] })], en, { ...day, cardOptions: { maxSummaryChars: 3 } });
    expect(model.papers[0]?.summary?.sections[0]?.text).toBe('Sh…');
    expect(model.papers[0]?.facts.at(-1)?.text).toBe('en-date(2024-10-29T17:59:00Z,Asia/Seoul,medium)');
  });
});

describe('buildPaperCard: an older digest\'s unlabelled summary', () => {
  const plain: SummaryView = {
    locale: 'ko',
    source: 'daily-papers-ko-2023',
    origin: 'source',
    sections: [{ kind: 'summary', text: '- 첫 번째 요점입니다.\n- 두 번째 요점입니다.' }],
  };
  const excerpt: SummaryView = { locale: 'ko', source: 'ko-blog', origin: 'source', sections: [{ kind: 'excerpt', text: '블로그 발췌입니다.' }] };

  it('is the Korean card\'s summary, under the summary label, its bullets kept one a line', () => {
    const card = buildPaperCard(paper({ summaries: [excerpt, plain] }), ko);
    expect(card.summary?.sections).toEqual([{ label: 'ko:section.summary', text: '- 첫 번째 요점입니다.\n- 두 번째 요점입니다.' }]);
    // Without the config's label or stored facts, the credit is a generic kind, never the config name.
    expect(card.summary?.attribution).toBe('ko:summary.source(ko:source.kind.other)');
  });
});

