import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../../config.js';
import { keyForLookup } from '../../core/paper-key.js';
import type { PaperView } from '../../core/paper-view.js';
import { summaryLabel, type SourceLabeler } from '../../core/source-label.js';
import type { Localizer } from '../../core/translate.js';
import { createPaperReader } from '../../db/paper-reader.js';
import { createSourceFactsStore } from '../../db/source-facts-store.js';
import { createTranslator } from '../../i18n/translator.js';
import { buildSourceLabeler } from '../../source-labeler.js';
import { parseCommandArgs } from '../args.js';
import { envOf, withDatabase } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const SHOW_USAGE = 'paperboy show ID [--json] [--db FILE]   (ID: arXiv id in any form, or an article URL)';

const SECTION_LABELS: Record<string, string> = {
  whats_new: "What's New",
  technical_details: 'Technical Details',
  performance_highlights: 'Performance Highlights',
  summary: 'Summary',
  tldr: 'TL;DR',
  abstract: 'Abstract',
  excerpt: 'Excerpt',
};

export async function showCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 1) throw new UsageError('show takes exactly one ID');
  const input = positionals[0]!;
  const key = keyForLookup(input);
  if (!key) throw new UsageError(`"${input}" is neither an arXiv id nor a URL`);
  const config = optionalConfig(io);
  // The two stores it reads, not all of them (start-up time, ADR 2).
  return withDatabase(io, values.db, (db) => {
    const paper = createPaperReader(db).getByKey(key);
    if (!paper) {
      io.err(`paperboy: no paper or article ${key} in the store (ingest a source that has it first)`);
      return EXIT.failed;
    }
    const label = labelsFor(buildSourceLabeler({ sourceFacts: createSourceFactsStore(db) }, config));
    io.out(values.json ? JSON.stringify(toJson(paper, label)) : renderText(paper, label));
    return EXIT.ok;
  });
}

/** The config's source labels when there is a readable config; `show` works on a bare database too. */
function optionalConfig(io: CliIo): Config | undefined {
  const file = envOf(io).PAPERBOY_CONFIG;
  if (!existsSync(file)) return undefined;
  try {
    return loadConfig(file);
  } catch {
    return undefined;
  }
}

interface Labels {
  summary(s: PaperView['summaries'][number]): string;
  source(name: string): string;
}

/** Labels in English, the CLI's language: the human name of who wrote a summary or gave an entry. */
function labelsFor(labeler: SourceLabeler): Labels {
  const loc: Localizer = createTranslator('en');
  return { summary: (s) => summaryLabel(s, loc, labeler), source: (name) => labeler(name, loc) };
}

/** The `show --json` contract: the documented keys first, extra ones after. */
function toJson(p: PaperView, label: Labels) {
  return {
    key: p.key,
    kind: p.kind,
    arxivId: p.arxivId,
    title: p.title,
    authors: p.authors,
    abstract: p.abstract,
    categories: p.categories,
    publishedAt: p.publishedAt,
    votes: p.votes,
    thumbnail: p.thumbnail,
    links: p.links,
    summaries: p.summaries.map((s) => ({ ...s, label: label.summary(s) })),
    sources: p.sources.map((s) => ({ ...s, label: label.source(s.source) })),
    arxivVersion: p.arxivVersion,
    url: p.url,
    announcedOn: p.announcedOn,
    featuredOn: p.featuredOn,
  };
}

function renderText(p: PaperView, label: Labels): string {
  const lines = [p.title];
  const id = p.arxivId ? `arXiv:${p.arxivId}${p.arxivVersion ? `v${p.arxivVersion}` : ''}` : p.key;
  lines.push(`${id}${p.url ? ` · ${p.url}` : ''}`);
  if (p.authors.length) lines.push(`Authors: ${p.authors.join(', ')}`);
  if (p.categories.length) lines.push(`Categories: ${p.categories.join(', ')}`);
  const facts = [
    p.publishedAt && `Published ${p.publishedAt.slice(0, 10)}`,
    p.announcedOn && `announced ${p.announcedOn}`,
    p.featuredOn && `featured ${p.featuredOn}`,
    p.votes !== null && `${p.votes} votes`,
  ].filter(Boolean);
  if (facts.length) lines.push(facts.join(' · '));
  for (const [name, url] of Object.entries(p.links)) if (url) lines.push(`${name}: ${url}`);
  if (p.abstract) lines.push('', 'Abstract:', p.abstract);
  for (const s of p.summaries) {
    lines.push('', `Summary [${s.locale}] from ${label.summary(s)}:`);
    if (s.title) lines.push(s.title);
    // A section of several lines (a bulleted summary) stays indented under its label.
    for (const sec of s.sections) lines.push(`  ${SECTION_LABELS[sec.kind] ?? sec.kind}: ${sec.text.replace(/\n/g, '\n    ')}`);
  }
  lines.push('', `Sources: ${p.sources.map((s) => `${label.source(s.source)} (${s.seenAt.slice(0, 10)})`).join(', ')}`);
  return lines.join('\n');
}
