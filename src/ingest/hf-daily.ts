/**
 * Hugging Face Daily Papers (`GET https://huggingface.co/api/daily_papers?date=YYYY-MM-DD`):
 * a JSON array of featured papers. Each element is validated on its own so one odd element
 * costs only that paper; unknown keys are allowed because the API grows new ones.
 */
import { z } from 'zod';
import { arxivAbsUrl, arxivPdfUrl, parseArxivRef } from '../core/arxiv-id.js';
import type { EntryError, EntryLinks, ParseResult, SourceEntry } from '../core/types.js';
import { SourceError } from './errors.js';
import { collapse } from './feed-xml.js';

const timestamp = z.iso.datetime({ offset: true });
// The API writes absent optional values sometimes as null, sometimes not at all.
const optionalText = z.string().nullish();

const Author = z.looseObject({ name: z.string(), hidden: z.boolean().nullish() });

const Paper = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  summary: optionalText,
  authors: z.array(Author).default([]),
  publishedAt: timestamp.nullish(),
  submittedOnDailyAt: timestamp.nullish(),
  upvotes: z.number().int().nonnegative().nullish(),
  ai_summary: optionalText,
  githubRepo: optionalText,
  projectPage: optionalText,
});

const DailyPaper = z.looseObject({
  paper: Paper,
  title: optionalText,
  thumbnail: optionalText,
  publishedAt: timestamp.nullish(),
});

type DailyPaper = z.infer<typeof DailyPaper>;

export function parseHfDaily(body: string): ParseResult {
  const list = readArray(body);
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  list.forEach((element, i) => {
    const place = `item ${i + 1}`;
    const parsed = DailyPaper.safeParse(element);
    if (!parsed.success) {
      errors.push({ message: describeIssues(parsed.error), place });
      return;
    }
    const result = toEntry(parsed.data);
    if (typeof result === 'string') errors.push({ message: result, place });
    else entries.push(result);
  });
  return { entries, errors };
}

function readArray(body: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SourceError(`not JSON: ${reason.split('\n')[0] ?? reason}`);
  }
  if (Array.isArray(data)) return data;
  // The API answers a bad request with {"error": "…"}: show it.
  const apiError = data && typeof data === 'object' && 'error' in data ? data.error : undefined;
  const detail = typeof apiError === 'string' ? ` with error "${apiError}"` : '';
  throw new SourceError(`expected a JSON array of daily papers, got ${data === null ? 'null' : typeof data}${detail}`);
}

/** "paper.id: Invalid input: expected string, received undefined; …" */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function toEntry(item: DailyPaper): SourceEntry | string {
  const { paper } = item;
  const ref = parseArxivRef(paper.id);
  if (!ref) return `paper.id "${paper.id}" is not an arXiv id`;
  const title = collapse(paper.title || item.title || '');
  if (!title) return `arXiv:${ref.id} has an empty title`;
  const entry: SourceEntry = {
    entryKey: `arxiv:${ref.id}`,
    kind: 'paper',
    arxivId: ref.id,
    title,
    authors: paper.authors.map((a) => collapse(a.name)).filter((n) => n.length > 0),
    links: links(ref.id, paper.githubRepo, paper.projectPage),
  };
  if (ref.version !== undefined) entry.arxivVersion = ref.version;
  const abstract = paper.summary ? collapse(paper.summary) : '';
  if (abstract) entry.abstract = abstract;
  if (paper.publishedAt) entry.publishedAt = new Date(paper.publishedAt).toISOString();
  // The day it was featured on Hugging Face, which is what a daily digest is about.
  const featured = paper.submittedOnDailyAt ?? item.publishedAt;
  if (featured) entry.announcedOn = new Date(featured).toISOString().slice(0, 10);
  if (paper.upvotes != null) entry.votes = paper.upvotes;
  if (item.thumbnail) entry.thumbnail = item.thumbnail;
  const tldr = paper.ai_summary?.trim();
  if (tldr) entry.summaries = [{ locale: 'en', sections: [{ kind: 'tldr', text: tldr }] }];
  return entry;
}

function links(id: string, code: string | null | undefined, project: string | null | undefined): EntryLinks {
  const out: EntryLinks = { huggingface: `https://huggingface.co/papers/${id}`, arxiv: arxivAbsUrl(id), pdf: arxivPdfUrl(id) };
  if (code?.trim()) out.code = code.trim();
  if (project?.trim()) out.project = project.trim();
  return out;
}
