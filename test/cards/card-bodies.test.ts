/**
 * Every card in every locale and on every platform has a body, and it is the one the documented
 * order picks (src/core/card-body.ts, README "Which summary a card shows"). One paper of each
 * kind, rendered by the real Discord, Slack and text renderers with the real message files.
 */
import { describe, expect, it } from 'vitest';
import { discordRenderer } from '../../src/adapters/discord/discord-poster.js';
import { slackRenderer } from '../../src/adapters/slack/slack-poster.js';
import { renderTextDigest } from '../../src/adapters/console/render-text.js';
import { buildDigestModel } from '../../src/core/build-digest.js';
import type { DigestModel } from '../../src/core/digest-model.js';
import type { PaperView, SummaryView } from '../../src/core/paper-view.js';
import { sourceLabel, type SourceFacts, type SourceLabeler } from '../../src/core/source-label.js';
import { createTranslator } from '../../src/i18n/translator.js';

const KO_DIGEST = 'daily-papers-ko';
const JA_PATH = '/home/me/digests/ja/2025-02-24.txt';
const HF = 'https://huggingface.co/api/daily_papers';
const LAB = 'https://lab.example/feed.xml?token=s3cret';
const facts: Record<string, SourceFacts> = {
  [KO_DIGEST]: { format: 'ko-digest', url: 'https://digest.example/daily.md', label: { en: 'Daily Papers in Korean', ko: '데일리 페이퍼' } },
  [JA_PATH]: { format: 'ja-blog' },
  [HF]: { format: 'hf-daily' },
  [LAB]: { format: 'rss', title: 'Example Lab Blog' },
};
const labeler: SourceLabeler = (source, loc) => sourceLabel(source, facts[source] ?? {}, loc);

const KO_TEXT = '온라인 다중 에이전트 학습으로 수학 추론을 개선합니다.';
const JA_TEXT = 'オンライン学習で数学的推論を改善する。';
const EN_EXCERPT = 'A lab post on multi-agent learning for math reasoning.';
const ABSTRACT = 'We propose Flow-DPO, which improves mathematical reasoning.';
const TLDR = 'Two LLMs learn together online to write better solutions.';
const GENERATED = { en: 'Generated: agents learn online.', ko: '생성 요약: 에이전트가 온라인으로 학습합니다.', ja: '生成要約：エージェントがオンラインで学習する。' };

const koSummary: SummaryView = { locale: 'ko', source: KO_DIGEST, origin: 'source', sections: [{ kind: 'whats_new', text: KO_TEXT }] };
const jaSummary: SummaryView = { locale: 'ja', source: JA_PATH, origin: 'source', sections: [{ kind: 'abstract', text: JA_TEXT }] };
const enExcerpt: SummaryView = { locale: 'en', source: LAB, origin: 'source', sections: [{ kind: 'excerpt', text: EN_EXCERPT }] };
const hfTldr: SummaryView = { locale: 'en', source: HF, origin: 'source', sections: [{ kind: 'tldr', text: TLDR }] };
const generated = (['en', 'ko', 'ja'] as const).map(
  (locale): SummaryView => ({ locale, source: 'llm:qwen2.5:7b@v1', origin: 'generated', sections: [{ kind: 'tldr', text: GENERATED[locale] }] }),
);

function paper(n: number, over: Partial<PaperView>): PaperView {
  return {
    id: n, key: `arxiv:2410.2230${n}`, kind: 'paper', arxivId: `2410.2230${n}`, arxivVersion: 1, url: null,
    title: `Paper ${n}`, authors: ['A. One'], abstract: null, categories: ['cs.CL'], publishedAt: null,
    announcedOn: '2024-10-30', featuredOn: null, votes: null, thumbnail: null, links: {}, summaries: [], sources: [], ...over,
  };
}

type Locale = 'en' | 'ko' | 'ja';
/** The body each locale must show: its heading (empty for the no-summary line), its text, and its credit. */
type Expected = Record<Locale, { label: string; text: string; credit?: string }>;

const none = { en: 'No summary or abstract yet', ko: '아직 요약이나 초록이 없습니다', ja: '要約も概要もまだありません' };
const KINDS: { name: string; paper: PaperView; expected: Expected }[] = [
  {
    name: 'summaries in each language',
    paper: paper(1, { abstract: ABSTRACT, summaries: [koSummary, jaSummary, enExcerpt, hfTldr] }),
    expected: {
      en: { label: 'Excerpt', text: EN_EXCERPT, credit: 'Summary: Example Lab Blog' },
      ko: { label: '새로운 점', text: KO_TEXT, credit: '요약 출처: 데일리 페이퍼' },
      ja: { label: '概要', text: JA_TEXT, credit: '要約の出典: 日本語の論文ブログ' },
    },
  },
  {
    name: 'a Korean summary only',
    paper: paper(2, { summaries: [koSummary] }),
    expected: {
      en: { label: 'Summary (Korean)', text: KO_TEXT, credit: 'Summary: Daily Papers in Korean' },
      ko: { label: '새로운 점', text: KO_TEXT, credit: '요약 출처: 데일리 페이퍼' },
      ja: { label: '要約（韓国語）', text: KO_TEXT, credit: '要約の出典: Daily Papers in Korean' },
    },
  },
  {
    name: 'an abstract only',
    paper: paper(3, { abstract: ABSTRACT }),
    expected: { en: { label: 'Abstract', text: ABSTRACT }, ko: { label: '초록 (영문)', text: ABSTRACT }, ja: { label: '概要（英語）', text: ABSTRACT } },
  },
  {
    name: 'a source’s TL;DR only',
    paper: paper(4, { summaries: [hfTldr] }),
    expected: {
      en: { label: 'TL;DR', text: TLDR, credit: 'Summary: Hugging Face Daily Papers' },
      ko: { label: '한 줄 요약 (영어)', text: TLDR, credit: '요약 출처: Hugging Face Daily Papers' },
      ja: { label: '要点（英語）', text: TLDR, credit: '要約の出典: Hugging Face Daily Papers' },
    },
  },
  {
    name: 'generated summaries and an abstract',
    paper: paper(5, { abstract: ABSTRACT, summaries: [hfTldr, ...generated] }),
    expected: {
      en: { label: 'TL;DR', text: GENERATED.en, credit: 'Summary generated by qwen2.5:7b' },
      ko: { label: '한 줄 요약', text: GENERATED.ko, credit: '자동 생성 요약 (모델: qwen2.5:7b)' },
      ja: { label: '要点', text: GENERATED.ja, credit: 'qwen2.5:7b による自動生成の要約' },
    },
  },
  {
    name: 'nothing but a title',
    paper: paper(6, {}),
    expected: { en: { label: '', text: none.en }, ko: { label: '', text: none.ko }, ja: { label: '', text: none.ja } },
  },
];

function model(locale: Locale): DigestModel {
  return buildDigestModel(KINDS.map((k) => k.paper), createTranslator(locale), { date: '2024-10-30', timeZone: 'UTC', cardOptions: { sourceLabel: labeler } });
}

/** The body under one paper's title, as each platform shows it. */
const bodyOf: Record<'discord' | 'slack' | 'text', (m: DigestModel, title: string) => string> = {
  discord(m, title) {
    const embeds = discordRenderer.render(m, 'thread').flatMap((msg) => (msg.body.embeds as { title?: string; description?: string }[] | undefined) ?? []);
    return embeds.find((e) => e.title === title)?.description ?? '';
  },
  slack(m, title) {
    const blocks = slackRenderer.render(m, 'thread').flatMap((msg) => msg.body.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[]);
    const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(title));
    const after = blocks.slice(at + 1);
    const end = after.findIndex((b) => b.type !== 'section');
    const body = after.slice(0, end).map((b) => b.text?.text ?? '');
    const credit = after[end]?.type === 'context' ? (after[end].elements ?? []).map((e) => e.text) : [];
    return [...body, ...credit].join('\n');
  },
  text(m, title) {
    const card = renderTextDigest(m, 'thread').map((msg) => String(msg.body.text)).find((t) => t.includes(`. ${title}\n`)) ?? '';
    return card.split('\n').slice(4).join('\n');
  },
};

describe('every card has a body, chosen in the documented order', () => {
  for (const locale of ['en', 'ko', 'ja'] as const) {
    const m = model(locale);
    for (const platform of ['discord', 'slack', 'text'] as const) {
      for (const kind of KINDS) {
        it(`${kind.name}: ${locale} on ${platform}`, () => {
          const body = bodyOf[platform](m, kind.paper.title);
          const want = kind.expected[locale];
          expect(body.trim()).not.toBe('');
          expect(body).toContain(want.text);
          if (want.label) expect(body).toContain(want.label);
          if (want.credit) expect(body).toContain(want.credit);
          // Never a file path, a config key or a URL with its query.
          for (const internal of ['/home/me', KO_DIGEST, 's3cret', 'llm:']) expect(body).not.toContain(internal);
        });
      }
    }
  }
});
