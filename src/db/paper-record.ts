/**
 * A paper's stored record (its row and its source summaries) read back as the merge that wrote
 * it: what pruned payloads reference (docs/adr/0007-retention.md). Each column maps back to the
 * field `paper-writer` wrote it from, so row → record → row is the identity.
 */
import type { MergedPaper, MergedSummary } from '../core/merge-paper.js';
import type { EntryKind, EntryLinks, SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

/** The columns of a `papers` row that hold its merged record. */
export interface RecordRow {
  kind: string;
  arxiv_id: string | null;
  arxiv_version: number | null;
  url: string | null;
  title: string;
  authors: string;
  abstract: string | null;
  categories: string;
  published_at: string | null;
  announced_on: string | null;
  featured_on: string | null;
  votes: number | null;
  thumbnail: string | null;
  links: string;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function createRecordReader(db: Db) {
  const rowOf = db.prepare<[number], RecordRow>(
    `SELECT kind, arxiv_id, arxiv_version, url, title, authors, abstract, categories, published_at, announced_on,
       featured_on, votes, thumbnail, links FROM papers WHERE id = ?`,
  );
  const summariesOf = db.prepare<[number], { locale: string; source: string; title: string | null; sections: string }>(
    "SELECT locale, source, title, sections FROM summaries WHERE paper_id = ? AND origin = 'source' ORDER BY rowid",
  );

  return {
    /** The record as stored, or undefined when there is no such paper. */
    read(id: number): MergedPaper | undefined {
      const r = rowOf.get(id);
      if (!r) return undefined;
      const summaries = summariesOf.all(id).map((s): MergedSummary => {
        const sections = parseJson<SummarySection[]>(s.sections, []);
        return s.title ? { locale: s.locale, source: s.source, title: s.title, sections } : { locale: s.locale, source: s.source, sections };
      });
      return {
        kind: r.kind as EntryKind,
        arxivId: orUndefined(r.arxiv_id),
        arxivVersion: orUndefined(r.arxiv_version),
        url: orUndefined(r.url),
        title: r.title,
        authors: parseJson<string[]>(r.authors, []),
        abstract: orUndefined(r.abstract),
        categories: parseJson<string[]>(r.categories, []),
        publishedAt: orUndefined(r.published_at),
        announcedOn: orUndefined(r.announced_on),
        featuredOn: orUndefined(r.featured_on),
        votes: orUndefined(r.votes),
        thumbnail: orUndefined(r.thumbnail),
        links: parseJson<EntryLinks>(r.links, {}),
        summaries,
      };
    },
  };
}

export type RecordReader = ReturnType<typeof createRecordReader>;
