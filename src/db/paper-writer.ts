/**
 * Keeps a paper's row, its source summaries and its search entry equal to the merge of its
 * observations. Every write of a paper goes through `recompute`, so the three never disagree.
 * A pruned observation (docs/adr/0007-retention.md) is resolved against the record as stored
 * before the merge, and pruned again against the new record after it, so it always resolves
 * to the entry it was.
 */
import { mergeObservations, type MergedPaper, type Observation } from '../core/merge-paper.js';
import { normalizeTitle } from '../core/normalize-title.js';
import { prunePayload, resolvePayload, type StoredPayload } from '../core/prune-entry.js';
import type { SourceEntry, SourceFormat, SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';
import { createRecordReader } from './paper-record.js';
import { createSearchIndexWriter } from './search-index-writer.js';

interface ObsRow {
  id: number;
  pruned_at: string | null;
  source: string;
  format: string;
  changed_at: string;
  payload: string;
}

function summaryText(summaries: { title?: string | undefined; sections: SummarySection[] }[]): string {
  return summaries.map((s) => [s.title ?? '', ...s.sections.map((x) => x.text)].join('\n')).join('\n');
}

export function createPaperWriter(db: Db) {
  const insertPaper = db.prepare(
    `INSERT INTO papers (key, kind, arxiv_id, arxiv_version, url, title, title_norm, authors, abstract, categories,
       published_at, announced_on, featured_on, votes, thumbnail, links, first_seen_at, updated_at)
     VALUES (@key, @kind, @arxivId, @arxivVersion, @url, @title, @titleNorm, @authors, @abstract, @categories,
       @publishedAt, @announcedOn, @featuredOn, @votes, @thumbnail, @links, @firstSeenAt, @now)`,
  );
  const observationsOf = db.prepare<[number], ObsRow>(
    'SELECT id, pruned_at, source, format, changed_at, payload FROM observations WHERE paper_id = ? ORDER BY id',
  );
  const records = createRecordReader(db);
  const setPayload = db.prepare('UPDATE observations SET payload = ? WHERE id = ?');
  const restorePayload = db.prepare('UPDATE observations SET payload = ?, pruned_at = NULL WHERE id = ?');
  const updatePaper = db.prepare(
    `UPDATE papers SET kind = @kind, arxiv_id = @arxivId, arxiv_version = @arxivVersion, url = @url,
       title = @title, title_norm = @titleNorm, authors = @authors, abstract = @abstract,
       categories = @categories, published_at = @publishedAt, announced_on = @announcedOn,
       featured_on = @featuredOn, votes = @votes, thumbnail = @thumbnail, links = @links, updated_at = @now
     WHERE id = @id`,
  );
  const deleteSourceSummaries = db.prepare("DELETE FROM summaries WHERE paper_id = ? AND origin = 'source'");
  const insertSummary = db.prepare(
    `INSERT INTO summaries (paper_id, locale, source, origin, title, sections, updated_at)
     VALUES (?, ?, ?, 'source', ?, ?, ?)
     ON CONFLICT (paper_id, locale, source) DO UPDATE SET
       origin = 'source', title = excluded.title, sections = excluded.sections, updated_at = excluded.updated_at`,
  );
  const allSummaries = db.prepare<[number], { title: string | null; sections: string }>(
    'SELECT title, sections FROM summaries WHERE paper_id = ?',
  );
  const searchIndex = createSearchIndexWriter(db);
  const countObs = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM observations WHERE paper_id = ?');
  const keyOf = db.prepare<[number], { key: string }>('SELECT key FROM papers WHERE id = ?');
  const moveObs = db.prepare('UPDATE observations SET paper_id = ? WHERE paper_id = ?');
  const moveAliases = db.prepare('UPDATE paper_aliases SET paper_id = ? WHERE paper_id = ?');
  const moveGenerated = db.prepare(
    "UPDATE OR IGNORE summaries SET paper_id = ? WHERE paper_id = ? AND origin = 'generated'",
  );
  // A channel that was sent the id-less record must not get its arXiv record again.
  const moveSent = db.prepare('UPDATE OR IGNORE channel_papers SET paper_id = ? WHERE paper_id = ?');
  const insertAlias = db.prepare('INSERT OR REPLACE INTO paper_aliases (key, paper_id) VALUES (?, ?)');
  const deletePaper = db.prepare('DELETE FROM papers WHERE id = ?');

  function rowParams(m: MergedPaper) {
    return {
      kind: m.kind,
      arxivId: m.arxivId ?? null,
      arxivVersion: m.arxivVersion ?? null,
      url: m.url ?? null,
      title: m.title,
      titleNorm: normalizeTitle(m.title),
      authors: JSON.stringify(m.authors),
      abstract: m.abstract ?? null,
      categories: JSON.stringify(m.categories),
      publishedAt: m.publishedAt ?? null,
      announcedOn: m.announcedOn ?? null,
      featuredOn: m.featuredOn ?? null,
      votes: m.votes ?? null,
      thumbnail: m.thumbnail ?? null,
      links: JSON.stringify(m.links),
    };
  }

  function writeSummaries(id: number, m: MergedPaper, now: string): void {
    for (const s of m.summaries) insertSummary.run(id, s.locale, s.source, s.title ?? null, JSON.stringify(s.sections), now);
  }

  /** Generated summaries are not part of the merge but are searchable too: read them all back. */
  function reindex(id: number, merged: MergedPaper): void {
    const summaries = allSummaries.all(id).map((s) => ({ title: s.title ?? undefined, sections: parseJson<SummarySection[]>(s.sections, []) }));
    searchIndex.replace(id, { title: merged.title, authors: merged.authors, summaries: summaryText(summaries), abstract: merged.abstract });
  }

  /** The paper's observations with every pruned payload resolved against its stored record. */
  function resolvedObservations(id: number): { rows: ObsRow[]; observations: Observation[] } {
    const rows = observationsOf.all(id);
    const record = rows.some((r) => r.pruned_at !== null) ? records.read(id) : undefined;
    const observations = rows.map((r): Observation => {
      const origin = { source: r.source, format: r.format as SourceFormat };
      const payload = JSON.parse(r.payload) as StoredPayload;
      const entry = record && r.pruned_at !== null ? resolvePayload(payload, origin, record) : (payload as unknown as SourceEntry);
      return { ...origin, seenAt: r.changed_at, entry };
    });
    return { rows, observations };
  }

  function drop(id: number): void {
    searchIndex.remove(id);
    deletePaper.run(id);
  }

  const writer = {
    /** Writes a new record (row, summaries, search entry) from its merge; returns its id. */
    insertMerged(key: string, m: MergedPaper, now: string, firstSeenAt: string = now): number {
      const id = Number(insertPaper.run({ key, now, firstSeenAt, ...rowParams(m) }).lastInsertRowid);
      writeSummaries(id, m, now);
      searchIndex.insert(id, { title: m.title, authors: m.authors, summaries: summaryText(m.summaries), abstract: m.abstract });
      return id;
    },

    recompute(id: number, now: string): MergedPaper {
      const { rows, observations } = resolvedObservations(id);
      const m = mergeObservations(observations);
      updatePaper.run({ id, now, ...rowParams(m) });
      deleteSourceSummaries.run(id);
      writeSummaries(id, m, now);
      reindex(id, m);
      // A reference to a field the merge just changed would now resolve to the new value: write it out.
      rows.forEach((r, i) => {
        if (r.pruned_at === null) return;
        const payload = JSON.stringify(prunePayload(observations[i]!.entry as unknown as StoredPayload, observations[i]!, m));
        if (payload !== r.payload) setPayload.run(payload, r.id);
      });
      return m;
    },

    /** After an observation moved away: recompute what is left, or drop a record with nothing left. */
    recomputeOrDrop(id: number, now: string): void {
      if ((countObs.get(id)?.n ?? 0) > 0) writer.recompute(id, now);
      else drop(id);
    },

    /** Folds record `from` (an id-less paper) into record `into`; its key stays valid as an alias. */
    adopt(into: number, from: number, now: string): void {
      const key = keyOf.get(from)?.key;
      // Pruned payloads reference `from`'s record, which is about to go: make them whole first.
      const { rows, observations } = resolvedObservations(from);
      rows.forEach((r, i) => {
        if (r.pruned_at !== null) restorePayload.run(JSON.stringify(observations[i]!.entry), r.id);
      });
      moveObs.run(into, from);
      moveAliases.run(into, from);
      moveGenerated.run(into, from);
      moveSent.run(into, from);
      drop(from);
      if (key) insertAlias.run(key, into);
      writer.recompute(into, now);
    },
  };
  return writer;
}
