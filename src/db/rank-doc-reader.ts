/**
 * What personal ranking reads of stored papers: title, abstract, authors, categories, votes,
 * date and every summary text in every language. Read in batches by id, or the newest papers
 * as the background a profile's classifier learns against.
 */
import type { RankCandidate } from '../core/personal-ranking/rank-day.js';
import type { SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

interface Row {
  id: number;
  title: string;
  abstract: string | null;
  authors: string;
  categories: string;
  votes: number | null;
  date: string | null;
}

const COLUMNS = `id, title, abstract, authors, categories, votes, coalesce(featured_on, announced_on, substr(published_at, 1, 10)) AS date`;

export function createRankDocReader(db: Db) {
  const maxId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM papers').pluck();
  const byKey = db.prepare<[string], number>('SELECT id FROM papers WHERE key = ?').pluck();
  const newest = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM papers ORDER BY id DESC LIMIT ?`);
  const byIds = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`);
  const summaries = db.prepare<[string], { paper_id: number; title: string | null; sections: string }>(
    'SELECT paper_id, title, sections FROM summaries WHERE paper_id IN (SELECT value FROM json_each(?)) ORDER BY paper_id, locale, source',
  );

  function withSummaries(rows: Row[]): RankCandidate[] {
    const texts = new Map<number, string[]>();
    for (let i = 0; i < rows.length; i += 500) {
      for (const s of summaries.all(JSON.stringify(rows.slice(i, i + 500).map((r) => r.id)))) {
        const list = texts.get(s.paper_id) ?? [];
        if (s.title) list.push(s.title);
        for (const section of parseJson<SummarySection[]>(s.sections, [])) list.push(section.text);
        texts.set(s.paper_id, list);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      abstract: r.abstract,
      summaries: texts.get(r.id) ?? [],
      authors: parseJson<string[]>(r.authors, []),
      categories: parseJson<string[]>(r.categories, []),
      votes: r.votes,
      date: r.date,
    }));
  }

  return {
    /** The papers with these ids, in the order given (unknown ids are skipped). */
    byIds(ids: number[]): RankCandidate[] {
      const rows = new Map<number, Row>();
      for (let i = 0; i < ids.length; i += 500) for (const r of byIds.all(JSON.stringify(ids.slice(i, i + 500)))) rows.set(r.id, r);
      return withSummaries(ids.flatMap((id) => rows.get(id) ?? []));
    },
    /** The stored paper with this key (`arxiv:<id>`, `url:<url>`), if any. */
    idForKey(key: string): number | undefined {
      return byKey.get(key);
    },
    /** The id of the newest stored paper (0 when none): it changes when papers are stored. */
    newestId(): number {
      return maxId.get()!;
    },
    newest(limit: number): RankCandidate[] {
      return withSummaries(newest.all(limit));
    },
  };
}

export type RankDocReader = ReturnType<typeof createRankDocReader>;
