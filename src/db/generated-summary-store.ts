/**
 * Summaries written by the optional LLM: one per (paper, locale, model and prompt version), so
 * nothing is generated twice. They are stored beside the sources' summaries (origin 'generated')
 * and indexed for search like them.
 */
import type { SummarySection } from '../core/types.js';
import type { Db } from './open-database.js';
import { createPaperWriter } from './paper-writer.js';

export interface SummaryNeed {
  paperId: number;
  title: string;
  abstract: string;
}

export function createGeneratedSummaryStore(db: Db) {
  const writer = createPaperWriter(db);
  // Papers with an abstract and no summary in the locale: neither from a source, nor from this model.
  const needing = db.prepare<{ locale: string; source: string; ids: string; limit: number }, { id: number; title: string; abstract: string }>(
    `SELECT p.id, p.title, p.abstract FROM papers p
     WHERE p.id IN (SELECT value FROM json_each(@ids)) AND p.abstract IS NOT NULL AND p.abstract != ''
       AND NOT EXISTS (SELECT 1 FROM summaries s WHERE s.paper_id = p.id AND s.locale = @locale
                       AND (s.origin = 'source' OR s.source = @source))
     ORDER BY p.id DESC LIMIT @limit`,
  );
  const recent = db.prepare<[number], { id: number }>('SELECT id FROM papers ORDER BY id DESC LIMIT ?');
  const save = db.prepare(
    `INSERT INTO summaries (paper_id, locale, source, origin, title, sections, updated_at)
     VALUES (?, ?, ?, 'generated', NULL, ?, ?)
     ON CONFLICT (paper_id, locale, source) DO UPDATE SET sections = excluded.sections, updated_at = excluded.updated_at`,
  );
  const generatedSince = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM summaries WHERE origin = 'generated' AND updated_at >= ?",
  );

  return {
    /** Which of these papers (newest first) still need a summary in the locale from this source. */
    needing(paperIds: number[], locale: string, source: string, limit: number): SummaryNeed[] {
      return needing.all({ locale, source, ids: JSON.stringify(paperIds), limit }).map((r) => ({ paperId: r.id, title: r.title, abstract: r.abstract }));
    },
    /** The newest papers' ids, when no particular papers are asked for. */
    recentPaperIds(limit: number): number[] {
      return recent.all(limit).map((r) => r.id);
    },
    /** Stores a generated summary and reindexes the paper so search finds it. */
    save(paperId: number, locale: string, source: string, sections: SummarySection[], now: string): void {
      db.transaction(() => {
        save.run(paperId, locale, source, JSON.stringify(sections), now);
        writer.recompute(paperId, now);
      })();
    },
    /** How many summaries were generated since an instant (the daily budget). */
    generatedSince(since: string): number {
      return generatedSince.get(since)?.n ?? 0;
    },
  };
}

export type GeneratedSummaryStore = ReturnType<typeof createGeneratedSummaryStore>;
