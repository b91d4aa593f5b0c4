/**
 * Writes parsed source entries into the store: one observation per (source, entry), one
 * record per paper, merged from all its observations. Idempotent: an entry whose content is
 * unchanged since the last ingest is skipped before anything is written.
 */
import { createHash } from 'node:crypto';
import { firstSeenTimes } from '../core/entry-seen-at.js';
import { mergeObservations, type MergedPaper } from '../core/merge-paper.js';
import { keyForEntry, titleKey } from '../core/paper-key.js';
import { normalizeTitle } from '../core/normalize-title.js';
import { combineRepeatedEntry } from '../core/repeated-entry.js';
import type { SourceEntry, SourceFormat } from '../core/types.js';
import { createPaperWriter } from './paper-writer.js';
import { createTitleMatcher } from './title-matcher.js';
import type { Db } from './open-database.js';

export interface ApplyCounts {
  /** Entries that created a record. */
  new: number;
  /** Entries that added to or changed an existing record. */
  updated: number;
  /** Entries identical to what this source said before. */
  unchanged: number;
}

interface ObservationRow {
  id: number;
  paper_id: number;
  hash: string;
}

/** The observation key: a new arXiv version is a new observation, so the first announcement is kept. */
function observationKey(entry: SourceEntry): string {
  return entry.arxivVersion ? `${entry.entryKey}v${entry.arxivVersion}` : entry.entryKey;
}

function payloadOf(entry: SourceEntry): string {
  // The line number is where the entry stood in this copy of the source, not part of its content.
  const { line: _line, ...rest } = entry;
  return JSON.stringify(rest);
}

export function createIngestStore(db: Db) {
  const writer = createPaperWriter(db);
  const titles = createTitleMatcher(db);
  const getObs = db.prepare<[string, string], ObservationRow>(
    'SELECT id, paper_id, hash FROM observations WHERE source = ? AND entry_key = ?',
  );
  const insertObs = db.prepare(
    `INSERT INTO observations (source, format, entry_key, paper_id, payload, hash, first_seen_at, changed_at)
     VALUES (@source, @format, @entryKey, @paperId, @payload, @hash, @now, @now)`,
  );
  // A changed entry is stored whole again, even if its previous payload was pruned.
  const updateObs = db.prepare(
    `UPDATE observations SET paper_id = @paperId, format = @format, payload = @payload, hash = @hash, changed_at = @now,
       pruned_at = NULL WHERE id = @id`,
  );
  const lookupKey = db.prepare<[{ key: string }], { id: number }>(
    'SELECT id FROM papers WHERE key = @key UNION ALL SELECT paper_id AS id FROM paper_aliases WHERE key = @key LIMIT 1',
  );

  /** The record an entry belongs to, or the key a new record for it gets. */
  function resolvePaper(entry: SourceEntry): { id: number } | { key: string } {
    const key = keyForEntry(entry);
    if (key) {
      const row = lookupKey.get({ key });
      return row ? { id: row.id } : { key };
    }
    const match = titles.findRecordFor(entry);
    if (match !== undefined) return { id: match };
    const tKey = titleKey(entry.title);
    const row = lookupKey.get({ key: tKey });
    return row ? { id: row.id } : { key: tKey };
  }

  function applyOne(source: string, format: SourceFormat, entry: SourceEntry, now: string, firstSeenAt: string): keyof ApplyCounts {
    const entryKey = observationKey(entry);
    const payload = payloadOf(entry);
    const hash = createHash('sha1').update(payload).digest('base64url');
    const existing = getObs.get(source, entryKey);
    if (existing && existing.hash === hash) return 'unchanged';
    const target = resolvePaper(entry);
    let merged: MergedPaper;
    let paperId: number;
    if ('key' in target) {
      // A new record has this one observation: merge it from memory, write the row once.
      merged = mergeObservations([{ source, format, seenAt: now, entry }]);
      paperId = writer.insertMerged(target.key, merged, now, firstSeenAt);
    } else paperId = target.id;
    if (existing) updateObs.run({ id: existing.id, paperId, format, payload, hash, now });
    else insertObs.run({ source, format, entryKey, paperId, payload, hash, now });
    if (existing && existing.paper_id !== paperId) writer.recomputeOrDrop(existing.paper_id, now);
    if ('id' in target) merged = writer.recompute(paperId, now);
    if (merged!.arxivId && titles.waitingExist()) {
      for (const waiting of titles.findWaitingFor(normalizeTitle(merged!.title), merged!.authors, paperId)) {
        writer.adopt(paperId, waiting, now);
      }
    }
    return 'key' in target ? 'new' : 'updated';
  }

  return {
    /** Applies one source's entries in one transaction; a later entry with the same key wins for what it says. */
    applyEntries(source: string, format: SourceFormat, entries: SourceEntry[], now: string): ApplyCounts {
      const counts: ApplyCounts = { new: 0, updated: 0, unchanged: 0 };
      const latest = new Map<string, SourceEntry>();
      for (const e of entries) {
        const earlier = latest.get(observationKey(e));
        latest.set(observationKey(e), earlier ? combineRepeatedEntry(earlier, e) : e);
      }
      // A batch that reaches back days (an archive, a backlog): its older new papers count as seen on their own day.
      const firstSeen = firstSeenTimes([...latest.values()], now);
      db.transaction(() => {
        for (const entry of latest.values()) counts[applyOne(source, format, entry, now, firstSeen(entry))]++;
      })();
      return counts;
    },
  };
}

export type IngestStore = ReturnType<typeof createIngestStore>;
