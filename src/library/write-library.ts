/**
 * Writes papers as a reference library that Zotero, JabRef, Mendeley or EndNote import: BibTeX
 * (the BibLaTeX dialect), RIS or CSL-JSON, all through citation-js (@citation-js/core with
 * plugin-bibtex and plugin-ris; names split by @citation-js/name), the same family the importer
 * reads with, so an export reads back as the same papers (docs/adr/0019-reading-list-and-export.md).
 * Every entry carries the arXiv id (in its citation key, URL and arXiv DOI), authors, title, year,
 * abstract and URL. The items are built here as clean CSL-JSON and handed to citation-js's output
 * plugin at once (`plugins.output.format`), without a `Cite` instance: its input normalization and
 * copy of every item cost more than the formatting itself, and a Cite per entry costs more still
 * (bench/export-bench.ts).
 */
import { Cite, plugins } from '@citation-js/core';
import { parse as parseName } from '@citation-js/name';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'ris'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an entry is made of: a stored paper's identity and bibliographic fields. */
export interface ExportPaper {
  key: string;
  arxivId: string | null;
  url: string | null;
  title: string;
  authors: string[];
  abstract: string | null;
  publishedAt: string | null;
  announcedOn: string | null;
}

export const EXPORT_FILE = {
  bibtex: { extension: 'bib', mime: 'application/x-bibtex' },
  'csl-json': { extension: 'json', mime: 'application/vnd.citationstyles.csl+json' },
  ris: { extension: 'ris', mime: 'application/x-research-info-systems' },
} as const satisfies Record<ExportFormat, { extension: string; mime: string }>;

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

type CslName = ReturnType<typeof parseName>;

/** A name as CSL wants it: given and family split (particles kept), or the name as one literal when it cannot be split (one word, CJK). */
function cslName(name: string): CslName {
  const parsed = parseName(name);
  return parsed.family && parsed.given ? parsed : { literal: name };
}

/** A value whose braces do not balance would end a BibTeX field early: its braces become parentheses. */
function balanced(text: string): string {
  if (!text.includes('{') && !text.includes('}')) return text;
  let depth = 0;
  for (const c of text) {
    depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? text : text.replace(/\{/g, '(').replace(/\}/g, ')');
}

function dateParts(paper: ExportPaper): number[] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(paper.publishedAt ?? paper.announcedOn ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The paper as a CSL-JSON item; the id doubles as the BibTeX citation key. */
export function paperToCsl(paper: ExportPaper, index: number): Record<string, unknown> {
  const arxiv = paper.arxivId;
  const url = arxiv ? `https://arxiv.org/abs/${arxiv}` : (paper.url ?? undefined);
  const date = dateParts(paper);
  const item: Record<string, unknown> = {
    id: arxiv ? `arXiv:${arxiv}` : `paperboy${index + 1}`,
    type: arxiv ? 'article' : 'webpage',
    title: balanced(paper.title),
    author: paper.authors.map((a) => cslName(balanced(a))),
  };
  if (date) item.issued = { 'date-parts': [date] };
  if (paper.abstract) item.abstract = balanced(paper.abstract);
  if (url) item.URL = url;
  if (arxiv) {
    // arXiv registers a DataCite DOI for every paper (10.48550/arXiv.<id>); Zotero and the importer read the id from it.
    item.DOI = `10.48550/arXiv.${arxiv}`;
    item.number = `arXiv:${arxiv}`;
    item.publisher = 'arXiv';
  }
  return item;
}

/**
 * The file text for `papers` in `format`. BibTeX is written as UTF-8 (citation-js's ASCII mode
 * drops every character it has no LaTeX command for, Korean and Japanese titles included).
 */
export function writeLibrary(papers: readonly ExportPaper[], format: ExportFormat): string {
  const items = papers.map(paperToCsl);
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  if (items.length === 0) return '';
  return withBibtexConfig(() => plugins.output.format(format === 'bibtex' ? 'biblatex' : 'ris', items, { format: 'text' }));
}

/** citation-js's BibTeX options are global: set for one call, then put back as they were. */
function withBibtexConfig<T>(fn: () => T): T {
  const config = plugins.config.get('@bibtex').format;
  const saved = { asciiOnly: config.asciiOnly, useIdAsLabel: config.useIdAsLabel };
  Object.assign(config, { asciiOnly: false, useIdAsLabel: true });
  try {
    return fn();
  } finally {
    Object.assign(config, saved);
  }
}

/** The naive way, kept as the benchmark's baseline: a `Cite` per paper, each formatted on its own. */
export function writeLibraryPerEntry(papers: readonly ExportPaper[], format: ExportFormat): string {
  if (format === 'csl-json') return `${JSON.stringify(papers.map((p, i) => (new Cite([paperToCsl(p, i)]).format('data', { format: 'object' }) as unknown as unknown[])[0]), null, 2)}\n`;
  const style = format === 'bibtex' ? 'biblatex' : 'ris';
  return withBibtexConfig(() => papers.map((p, i) => new Cite([paperToCsl(p, i)]).format(style, { format: 'text' })).join('\n'));
}
