/**
 * The name people see for a source ("Summary: Hugging Face Daily Papers"). A source is stored
 * under its config name, URL or — for `paperboy ingest PATH` — its file path; none of these is
 * for people. The label is resolved when a card is built, so a changed `label` in the config
 * shows at once, and a source that left the config still gets a name from what its last ingest
 * saw (format, URL, the feed's own title): never a file path, a URL query or a config key.
 */
import type { Localizer } from './translate.js';

/** A source's `label` in the config: one string, or one per language (`{ en: …, ko: … }`). */
export type LabelText = string | Readonly<Record<string, string>>;

/** What is known about a source: from the config (label, url, format) and its last ingest (title). */
export interface SourceFacts {
  label?: LabelText;
  format?: string;
  url?: string;
  /** The source's own title: a feed's `<title>`, a digest's `# heading`. */
  title?: string;
}

/** Resolves the label of a stored source name, in the localizer's language. */
export type SourceLabeler = (source: string, loc: Localizer) => string;

const FORMAT_NAMES: Record<string, string> = {
  'hf-daily': 'Hugging Face Daily Papers',
};

/** The label for a source: its configured label in the language, else a default from what it is. */
export function sourceLabel(source: string, facts: SourceFacts, loc: Localizer): string {
  return configuredLabel(facts.label, loc.locale) ?? defaultSourceLabel(source, facts, loc);
}

/** A per-language label in `locale`, else English, else the first one given. */
export function configuredLabel(label: LabelText | undefined, locale: string): string | undefined {
  if (label === undefined) return undefined;
  if (typeof label === 'string') return label.trim() || undefined;
  const lang = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  const text = label[locale] ?? label[lang] ?? label.en ?? Object.values(label)[0];
  return text?.trim() || undefined;
}

/**
 * A default from the format and the source's address: Hugging Face Daily Papers; "arXiv cs.CL"
 * (category from the URL or the feed's title); a feed's or digest's own title; else its host;
 * else a localized name of its kind ("Korean paper digest").
 */
export function defaultSourceLabel(source: string, facts: SourceFacts, loc: Localizer): string {
  const url = parseUrl(facts.url) ?? parseUrl(source);
  const format = facts.format ?? guessFormat(url);
  const named = format ? FORMAT_NAMES[format] : undefined;
  if (named) return named;
  if (format === 'arxiv-rss' || format === 'arxiv-atom') {
    const category = arxivCategory(url, facts.title);
    return category ? `arXiv ${category}` : 'arXiv';
  }
  const title = cleanTitle(facts.title);
  if (title && format !== 'article-md') return title;
  if (url) return url.hostname.replace(/^www\./, '');
  return loc.t(`source.kind.${format && KINDS.has(format) ? format : 'other'}`);
}

/** The kinds with a localized generic name (`source.kind.<format>`). */
export const SOURCE_KINDS = ['ko-digest', 'ja-blog', 'article-md', 'rss', 'other'] as const;
const KINDS: ReadonlySet<string> = new Set(SOURCE_KINDS);

/** Who wrote a stored summary, for people: a source's label, or "AI summary (model)" for a generated one. */
export function summaryLabel(summary: { source: string; origin: 'source' | 'generated' }, loc: Localizer, labeler: SourceLabeler): string {
  return summary.origin === 'generated' ? loc.t('source.generated', { model: generatedModel(summary.source) }) : labeler(summary.source, loc);
}

/** The model of a generated summary's source (`llm:qwen2.5:7b@v1` → `qwen2.5:7b`). */
export function generatedModel(source: string): string {
  const m = source.match(/^llm:(.+)@[^@]*$/);
  return (m?.[1] ?? source).trim() || source;
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value || !/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function guessFormat(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  if (url.hostname === 'huggingface.co' && url.pathname.includes('daily_papers')) return 'hf-daily';
  if (/(^|\.)arxiv\.org$/.test(url.hostname)) return url.pathname.startsWith('/api') ? 'arxiv-atom' : 'arxiv-rss';
  return undefined;
}

const CATEGORY = /\b([a-z-]+(?:\.[A-Za-z-]{2,})?)\b/;

/** `rss.arxiv.org/rss/cs.CL`, `…/atom/cs.AI+cs.CL`, `api/query?search_query=cat:cs.CL`, or the feed title "cs.CL updates on arXiv.org". */
function arxivCategory(url: URL | undefined, title: string | undefined): string | undefined {
  const fromPath = url?.pathname.match(/\/(?:rss|atom)\/([^/?#]+)/)?.[1];
  if (fromPath) return decodeURIComponent(fromPath).replace(/\+/g, ', ');
  const fromQuery = url?.searchParams.get('search_query')?.match(/cat:([a-z-]+(?:\.[A-Za-z-]+)?)/)?.[1];
  if (fromQuery) return fromQuery;
  const fromTitle = title?.match(/^\s*(\S+)\s+updates on arXiv/i)?.[1];
  return fromTitle && CATEGORY.test(fromTitle) ? fromTitle : undefined;
}

/** A title fit for a credit line: one line, no file path, not overlong. */
function cleanTitle(title: string | undefined): string | undefined {
  const text = title?.replace(/\s+/g, ' ').trim();
  if (!text || /^(?:\/|\.{1,2}\/|[A-Za-z]:\\|file:)/.test(text)) return undefined;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
