/**
 * A profile's seeds: papers (or library entries that are not stored) it starts from, imported
 * or added by hand. One row per owner and reference; adding the same reference again updates it.
 */
import type { Db } from './open-database.js';
import { parseJson } from './json.js';

export interface InterestSeed {
  ref: string;
  paperId: number | null;
  title: string;
  abstract: string | null;
  authors: string[];
  value: 1 | -1;
  origin: 'import' | 'add';
  addedAt: string;
}

interface Row {
  ref: string;
  paper_id: number | null;
  title: string;
  abstract: string | null;
  authors: string;
  value: number;
  origin: string;
  added_at: string;
}

const toSeed = (r: Row): InterestSeed => ({
  ref: r.ref,
  paperId: r.paper_id,
  title: r.title,
  abstract: r.abstract,
  authors: parseJson<string[]>(r.authors, []),
  value: r.value === -1 ? -1 : 1,
  origin: r.origin === 'import' ? 'import' : 'add',
  addedAt: r.added_at,
});

export function createInterestStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO interest_seeds (owner, ref, paper_id, title, abstract, authors, value, origin, added_at)
     VALUES (@owner, @ref, @paperId, @title, @abstract, @authors, @value, @origin, @addedAt)
     ON CONFLICT (owner, ref) DO UPDATE SET paper_id = excluded.paper_id, title = excluded.title,
       abstract = coalesce(excluded.abstract, interest_seeds.abstract), authors = excluded.authors, value = excluded.value`,
  );
  const list = db.prepare<[string], Row>('SELECT * FROM interest_seeds WHERE owner = ? ORDER BY id');
  const remove = db.prepare('DELETE FROM interest_seeds WHERE owner = ? AND (ref = ? OR paper_id = ?)');
  const clear = db.prepare('DELETE FROM interest_seeds WHERE owner = ?');
  const count = db.prepare<[], { n: number; v: number }>('SELECT count(*) AS n, coalesce(max(id), 0) AS v FROM interest_seeds');
  const addAll = db.transaction((owner: string, seeds: InterestSeed[]) => {
    let n = 0;
    for (const s of seeds) n += upsert.run({ owner, ...s, authors: JSON.stringify(s.authors) }).changes;
    return n;
  });
  return {
    /** Adds (or updates) seeds in one transaction; returns how many rows were written. */
    add(owner: string, seeds: InterestSeed[]): number {
      return addAll(owner, seeds);
    },
    list(owner: string): InterestSeed[] {
      return list.all(owner).map(toSeed);
    },
    /** Removes a seed by its reference or by its paper's id; returns how many were removed. */
    remove(owner: string, ref: string, paperId: number | null): number {
      return remove.run(owner, ref, paperId ?? -1).changes;
    },
    clear(owner: string): number {
      return clear.run(owner).changes;
    },
    /** Changes when seeds are added anywhere (with the row count, when some are removed). */
    version(): string {
      const c = count.get()!;
      return `${c.n}:${c.v}`;
    },
  };
}

export type InterestStore = ReturnType<typeof createInterestStore>;
