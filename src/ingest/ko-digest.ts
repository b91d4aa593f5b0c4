/**
 * Korean Markdown digest of one day of Hugging Face Daily Papers:
 *
 *   ## Daily Papers (2024-10-30)
 *   ### [Title](https://arxiv.org/abs/2410.22304)
 *   ![](thumbnail)  Vote: 11  Authors: A, B
 *   - ***What's New***: …  - ***Technical Details***: …  - ***Performance Highlights***: …
 *
 * Older generations of the same digest (see docs/adr/0009-source-fidelity.md) have no section
 * labels: 3–10 plain `- ` bullets of Korean summary, at first with no image, votes or authors,
 * later with `[Watch Video](mp4)` in place of the image. Plain bullets become one `summary`.
 */
import { arxivAbsUrl, arxivPdfUrl, parseArxivRef } from '../core/arxiv-id.js';
import type { EntryError, ParseResult, SectionKind, SourceEntry, SummarySection } from '../core/types.js';
import { SourceError } from './errors.js';

const HEADER = /^##\s+Daily Papers\s*\(\s*(\d{4}-\d{2}-\d{2})\s*\)/i;
const PAPER_HEADING = /^###\s+(.*)$/;
// Greedy title so a title containing brackets ("[RE]Search") still ends at the last `](`.
const TITLE_LINK = /^\[(.+)\]\(\s*<?([^\s()<>]+)>?\s*\)\s*$/;
const IMAGE = /^!\[[^\]]*\]\(\s*<?([^\s()<>]+)>?\s*\)/;
const VOTE = /^votes?\s*:\s*(\d+)/i;
const AUTHORS = /^authors?\s*:\s*(.*)$/i;
// `- ***What's New***: text`; some files put the colon inside the emphasis. The colon is
// required so an ordinary bullet starting in bold continues the section it is in.
const SECTION_BULLET = /^[-*+]\s+\*{1,3}\s*([^*:]+?)\s*(?::\s*\*{1,3}|\*{1,3}\s*:)\s*(.*)$/;
const RULE = /^(?:[-*_]\s*){3,}$/;
// `- ***What's New***` without emphasis (`- What's New: …`); only known names count as labels.
const PLAIN_LABEL = /^[-*+]\s+([^:*]{3,40}?)\s*:\s*(.*)$/;
// A plain list item: `- text`, `* text`, `1. text`, `2) text`.
const PLAIN_BULLET = /^(?:[-*+]|(\d{1,2})[.)])\s+(.*)$/;
// A label on its own line: `#### 요약`, `**요약**`, `요약:`.
const LABEL_LINE = /^(?:#{3,6}\s*)?(?:\*{1,3}|_{1,2})?\s*([^*_:#]{2,40}?)\s*(?:\*{1,3}|_{1,2})?\s*:?\s*$/;
// `[Watch Video](https://…mp4)`, or in some files the broken `[Watch Video]https://…mp4`.
const VIDEO = /^\[watch video\]\(?\s*<?(https?:\/\/[^\s()<>]+)>?\s*\)?$/i;
const HANGUL = /[\uac00-\ud7a3]/;

const SECTION_NAMES: Record<string, SectionKind> = {
  "what's new": 'whats_new',
  'technical details': 'technical_details',
  'performance highlights': 'performance_highlights',
  summary: 'summary',
  '요약': 'summary',
};

export interface KoDigestOptions {
  /** Featured date for a file without the `## Daily Papers (…)` header (see parseKoDigestFolderDate). */
  fallbackDate?: string;
}

interface Draft {
  entry: SourceEntry;
  /** Section being filled; later lines without a marker continue it. */
  open?: SummarySection;
  sections: SummarySection[];
}

export function parseKoDigest(md: string, options: KoDigestOptions = {}): ParseResult {
  const lines = md.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  let date = options.fallbackDate;
  let sawHeader = false;
  let draft: Draft | undefined;
  let title: string | undefined;
  const flush = (): void => {
    if (draft) entries.push(finish(draft));
    draft = undefined;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const header = line.match(HEADER);
    if (header) {
      flush();
      sawHeader = true;
      date = header[1];
      return;
    }
    const heading = line.match(PAPER_HEADING);
    if (heading) {
      flush();
      draft = startEntry(heading[1] ?? '', i + 1, date, errors);
      return;
    }
    // The page's own `# title`, if it has one, names the digest on cards.
    if (!title && !draft && /^#\s/.test(line)) title = line.replace(/^#\s+/, '').trim() || undefined;
    // Any other heading (a `##` section of a longer page) ends the paper before it.
    if (/^#{1,2}\s/.test(line)) flush();
    else if (draft) addLine(draft, line);
  });
  flush();
  if (!sawHeader && entries.length === 0) {
    const why = errors.length ? `; ${errors.length} paper heading(s) had no arXiv link` : '';
    throw new SourceError(`not a Korean daily-papers digest: no "## Daily Papers (YYYY-MM-DD)" header and no papers${why}`);
  }
  return { entries, errors, ...(title ? { title } : {}) };
}

function startEntry(text: string, line: number, date: string | undefined, errors: EntryError[]): Draft | undefined {
  const link = text.trim().match(TITLE_LINK);
  const ref = link ? parseArxivRef(link[2] ?? '') : undefined;
  const title = (link?.[1] ?? text).trim();
  if (!link || !ref) {
    const what = link ? `link ${link[2]} has no arXiv id` : 'has no [title](arXiv link)';
    errors.push({ message: `paper heading "${title}" ${what}`, place: `line ${line}` });
    return undefined;
  }
  const entry: SourceEntry = {
    entryKey: `arxiv:${ref.id}`,
    kind: 'paper',
    arxivId: ref.id,
    title,
    links: { arxiv: arxivAbsUrl(ref.id), pdf: arxivPdfUrl(ref.id) },
    line,
  };
  if (ref.version !== undefined) entry.arxivVersion = ref.version;
  if (date) entry.announcedOn = date;
  return { entry, sections: [] };
}

function addLine(draft: Draft, line: string): void {
  if (RULE.test(line)) return;
  const bullet = line.match(SECTION_BULLET);
  if (bullet) {
    const kind = SECTION_NAMES[normalizeName(bullet[1] ?? '')];
    // An unknown labelled bullet closes the current section instead of leaking into it.
    openSection(draft, kind, bullet[2] ?? '');
    return;
  }
  const label = sectionLabel(line);
  if (label) {
    openSection(draft, label.kind, label.text);
    return;
  }
  const plain = line.match(PLAIN_BULLET);
  // Plain bullets outside a labelled section are the older generations' whole summary.
  if (plain && (!draft.open || draft.open.kind === 'summary')) {
    const item = `${plain[1] ? `${plain[1]}.` : '-'} ${plain[2] ?? ''}`;
    if (draft.open) draft.open.text += `\n${item}`;
    else openSection(draft, 'summary', item);
    return;
  }
  if (draft.open) {
    draft.open.text += `\n${line}`;
    return;
  }
  readFact(draft.entry, line);
}

/** A line naming a known section: `- What's New: text` without emphasis, `#### 요약`, `**요약**`. */
function sectionLabel(line: string): { kind: SectionKind; text: string } | undefined {
  const inline = line.match(PLAIN_LABEL);
  const inlineKind = inline && SECTION_NAMES[normalizeName(inline[1] ?? '')];
  if (inlineKind) return { kind: inlineKind, text: inline[2] ?? '' };
  if (/^[-*+]\s/.test(line)) return undefined;
  const own = line.match(LABEL_LINE);
  const ownKind = own && SECTION_NAMES[normalizeName(own[1] ?? '')];
  return ownKind ? { kind: ownKind, text: '' } : undefined;
}

function openSection(draft: Draft, kind: SectionKind | undefined, text: string): void {
  draft.open = kind ? { kind, text } : undefined;
  if (draft.open) draft.sections.push(draft.open);
}

/** The facts before the summary: image (or video), votes, authors. */
function readFact(entry: SourceEntry, line: string): void {
  const image = line.match(IMAGE);
  const video = line.match(VIDEO);
  const vote = line.match(VOTE);
  const authors = line.match(AUTHORS);
  if (image && !entry.thumbnail) entry.thumbnail = image[1];
  else if (video && !entry.links?.video) entry.links = { ...entry.links, video: video[1] };
  else if (vote) entry.votes = Number(vote[1]);
  else if (authors) entry.authors = parseAuthorList(authors[1] ?? '');
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

function finish(draft: Draft): SourceEntry {
  const sections = draft.sections
    .map((s) => ({ kind: s.kind, text: tidy(s.text) }))
    .filter((s) => s.text !== '');
  // The first generation sometimes translated the title itself; that is the summary's title.
  const koTitle = HANGUL.test(draft.entry.title) ? { title: draft.entry.title } : {};
  if (sections.length) draft.entry.summaries = [{ locale: 'ko', ...koTitle, sections }];
  return draft.entry;
}

/** Trims each line and keeps at most one blank line between paragraphs of a section. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * `A, B` or, in older files, a Python list literal: `['A', 'B']`, where a name holding an
 * apostrophe is written in double quotes (`["O'Brien", 'B']`).
 */
export function parseAuthorList(text: string): string[] {
  const s = text.trim();
  if (!s.startsWith('[')) return splitNames(s);
  const quoted = [...s.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)];
  if (quoted.length === 0) return splitNames(s.replace(/^\[|\]$/g, ''));
  return quoted
    .map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1').trim())
    .filter((name) => name !== '');
}

function splitNames(s: string): string[] {
  return s
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/** `2024/10/30.md` (optionally under a folder) → `2024-10-30`; undefined for other paths. */
export function parseKoDigestFolderDate(relPath: string): string | undefined {
  const m = relPath.replace(/\\/g, '/').match(/(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})\.md$/i);
  if (!m) return undefined;
  const [, y = '', mo = '', d = ''] = m;
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  // Rejects 2024/02/31 and the like: Date rolls them over into another day.
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}
