/** Reads records back: one paper with its summaries and provenance, and store-wide counts. */
import type { PaperView, SummaryView } from '../core/paper-view.js';
import type { EntryKind, EntryLinks, SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';
import type { RecordRow } from './paper-record.js';

interface PaperRow extends RecordRow {
  id: number;
  key: string;
}

interface SummaryRow {
  paper_id: number;
  locale: string;
  source: string;
  origin: 'source' | 'generated';
  title: string | null;
  sections: string;
}

export function createPaperReader(db: Db) {
  const byKey = db.prepare<[{ key: string }], PaperRow>(
    `SELECT * FROM papers WHERE id = (
       SELECT id FROM papers WHERE key = @key UNION ALL SELECT paper_id FROM paper_aliases WHERE key = @key LIMIT 1)`,
  );
  const byId = db.prepare<[number], PaperRow>('SELECT * FROM papers WHERE id = ?');
  const summariesOf = db.prepare<[number], SummaryRow>(
    "SELECT * FROM summaries WHERE paper_id = ? ORDER BY locale, origin = 'generated', source",
  );
  const sourcesOf = db.prepare<[number], { source: string; format: string; seen_at: string; changed_at: string }>(
    `SELECT source, format, min(first_seen_at) AS seen_at, max(changed_at) AS changed_at
     FROM observations WHERE paper_id = ? GROUP BY source, format ORDER BY seen_at, source`,
  );
  const counts = db.prepare<[], { papers: number; articles: number }>(
    "SELECT count(*) FILTER (WHERE kind = 'paper') AS papers, count(*) FILTER (WHERE kind = 'article') AS articles FROM papers",
  );
  const summaryCounts = db.prepare<[], { locale: string; n: number }>(
    'SELECT locale, count(*) AS n FROM summaries GROUP BY locale ORDER BY locale',
  );

  function toView(row: PaperRow): PaperView {
    return {
      id: row.id,
      key: row.key,
      kind: row.kind as EntryKind,
      arxivId: row.arxiv_id,
      arxivVersion: row.arxiv_version,
      url: row.url,
      title: row.title,
      authors: parseJson<string[]>(row.authors, []),
      abstract: row.abstract,
      categories: parseJson<string[]>(row.categories, []),
      publishedAt: row.published_at,
      announcedOn: row.announced_on,
      featuredOn: row.featured_on,
      votes: row.votes,
      thumbnail: row.thumbnail,
      links: parseJson<EntryLinks>(row.links, {}),
      summaries: summariesOf.all(row.id).map(toSummary),
      sources: sourcesOf.all(row.id).map((s) => ({ source: s.source, format: s.format, seenAt: s.seen_at, changedAt: s.changed_at })),
    };
  }

  return {
    /** The record under a key (`arxiv:…`, `url:…`, `title:…`, or a key it was merged from). */
    getByKey(key: string): PaperView | undefined {
      const row = byKey.get({ key });
      return row ? toView(row) : undefined;
    },
    getById(id: number): PaperView | undefined {
      const row = byId.get(id);
      return row ? toView(row) : undefined;
    },
    counts(): { papers: number; articles: number; summariesByLocale: Record<string, number> } {
      const c = counts.get() ?? { papers: 0, articles: 0 };
      const byLocale = Object.fromEntries(summaryCounts.all().map((r) => [r.locale, r.n]));
      return { papers: c.papers, articles: c.articles, summariesByLocale: byLocale };
    },
  };
}

function toSummary(r: SummaryRow): SummaryView {
  const sections = parseJson<SummarySection[]>(r.sections, []);
  const view: SummaryView = { locale: r.locale, source: r.source, origin: r.origin, sections };
  if (r.title) view.title = r.title;
  return view;
}

export type PaperReader = ReturnType<typeof createPaperReader>;
