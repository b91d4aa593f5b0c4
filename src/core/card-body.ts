/**
 * Which text a card shows under its title. Every card gets one, in every language, chosen in
 * this order (README "Which summary a card shows"; docs/adr/0011-card-body-and-source-labels.md):
 *
 *  1. a source's summary in the channel's language (structured ones first);
 *  2. a generated summary in that language (first of all with `summaries: generated`);
 *  3. in an English channel, the abstract; in any other, a TL;DR in its language;
 *  4. the English abstract (marked "Abstract (English)" outside English channels);
 *  5. a TL;DR a source gave in another language, marked as a TL;DR in that language;
 *  6. a summary in another language, cut and marked "Summary (Korean)";
 *  7. a line saying there is no summary yet, so that no card is ever empty.
 *
 * A TL;DR-only summary counts as a TL;DR, not as a summary: in English, the abstract says more.
 */
import type { CardSummary, LabeledText } from './digest-model.js';
import type { PaperView, SummaryView } from './paper-view.js';
import { generatedModel, type SourceLabeler } from './source-label.js';
import { cutText } from './text-cut.js';
import type { Localizer } from './translate.js';
import type { SectionKind } from './types.js';

export interface BodyOptions {
  preferGenerated: boolean;
  /** Limit per summary section, in UTF-16 code units. */
  max: number;
  sourceLabel: SourceLabeler;
}

// A digest's own summary, labelled or not (older digests' plain bullets), says more than an excerpt.
const STRUCTURED: ReadonlySet<SectionKind> = new Set(['whats_new', 'technical_details', 'performance_highlights', 'summary']);

export function language(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? '';
}

const hasText = (s: SummaryView) => s.sections.some((x) => x.text.trim());
const tldrOnly = (s: SummaryView) => s.sections.every((x) => x.kind === 'tldr' || !x.text.trim());
const structuredFirst = (a: SummaryView, b: SummaryView) => rank(a) - rank(b);
const rank = (s: SummaryView) => (s.sections.some((x) => STRUCTURED.has(x.kind)) ? 0 : 1);

/**
 * A summary in the locale: source summaries with more than a TL;DR (structured ones first, since
 * they say more than an excerpt), then generated ones — or the other way round with `preferGenerated`.
 */
export function pickSummary(summaries: SummaryView[], locale: string, preferGenerated: boolean): SummaryView | undefined {
  const usable = summaries.filter((s) => language(s.locale) === language(locale) && hasText(s));
  const fromSources = usable.filter((s) => s.origin === 'source' && !tldrOnly(s)).sort(structuredFirst);
  const generated = usable.filter((s) => s.origin === 'generated');
  return (preferGenerated ? [...generated, ...fromSources] : [...fromSources, ...generated])[0];
}

export function cardBody(paper: PaperView, loc: Localizer, o: BodyOptions): CardSummary {
  const lang = language(loc.locale);
  const english = lang === 'en';
  const chosen = pickSummary(paper.summaries, loc.locale, o.preferGenerated);
  if (chosen) return fromSummary(chosen, loc, o, false);
  const abstract = paper.abstract?.trim();
  const localTldr = tldrFrom(paper.summaries, (l) => l === lang);
  if (english && abstract) return { sections: [{ label: loc.t('section.abstract'), text: cutText(abstract, o.max) }], fallback: false };
  if (localTldr) return fromSummary(localTldr, loc, o, false);
  if (abstract) return { sections: [{ label: loc.t('section.abstract_en'), text: cutText(abstract, o.max) }], fallback: true };
  const otherTldr = tldrFrom(paper.summaries, (l) => l !== lang);
  if (otherTldr) {
    const section = { label: loc.t('section.tldr_in', { language: languageName(otherTldr.locale, loc) }), text: cutText(tldrText(otherTldr), o.max) };
    return { sections: [section], attribution: attribution(otherTldr, loc, o), fallback: true };
  }
  const other = otherLanguageSummary(paper.summaries, lang);
  if (other) {
    const text = other.sections.map((s) => s.text.trim()).filter(Boolean).join('\n');
    const section = { label: loc.t('summary.in_language', { language: languageName(other.locale, loc) }), text: cutText(text, o.max) };
    return { sections: [section], attribution: attribution(other, loc, o), fallback: true };
  }
  return { sections: [{ label: '', text: loc.t('summary.none') }], fallback: true };
}

/** A source's TL;DR-only summary in a language `wanted` accepts, English first. */
function tldrFrom(summaries: SummaryView[], wanted: (lang: string) => boolean): SummaryView | undefined {
  return byLanguage(summaries.filter((s) => s.origin === 'source' && hasText(s) && wanted(language(s.locale)) && s.sections.some((x) => x.kind === 'tldr' && x.text.trim())))[0];
}

function tldrText(s: SummaryView): string {
  return s.sections.find((x) => x.kind === 'tldr' && x.text.trim())!.text.trim();
}

/** Any other-language summary: sources before generated, structured first, English before other languages. */
function otherLanguageSummary(summaries: SummaryView[], lang: string): SummaryView | undefined {
  const others = summaries.filter((s) => language(s.locale) !== lang && hasText(s));
  const sources = byLanguage(others.filter((s) => s.origin === 'source').sort(structuredFirst));
  return sources[0] ?? byLanguage(others.filter((s) => s.origin === 'generated'))[0];
}

/** English first, then by language code; stable within a language. */
function byLanguage(list: SummaryView[]): SummaryView[] {
  const key = (s: SummaryView) => (language(s.locale) === 'en' ? '' : language(s.locale));
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

function fromSummary(summary: SummaryView, loc: Localizer, o: BodyOptions, fallback: boolean): CardSummary {
  const sections: LabeledText[] = summary.sections
    .filter((s) => s.text.trim())
    .map((s) => ({ label: loc.t(`section.${s.kind}`), text: cutText(s.text.trim(), o.max) }));
  return { sections, attribution: attribution(summary, loc, o), fallback };
}

function attribution(summary: SummaryView, loc: Localizer, o: BodyOptions): string {
  return summary.origin === 'generated'
    ? loc.t('summary.generated', { model: generatedModel(summary.source) })
    : loc.t('summary.source', { source: o.sourceLabel(summary.source, loc) });
}

/** "Korean" in an English channel, "한국어" in a Korean one; the code itself when nothing knows it. */
export function languageName(locale: string, loc: Localizer): string {
  const code = language(locale);
  const key = `language.${code}`;
  const named = loc.t(key);
  if (named !== key) return named;
  try {
    return new Intl.DisplayNames([loc.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
