/**
 * Turns library entries into a profile's seeds: an entry that names a stored paper (arXiv id or
 * the same title) becomes that paper; one that does not still counts with the title and
 * abstract it carries; an arXiv id alone that is not stored yet waits as a reference and
 * counts once its paper is ingested. Entries are deduplicated by reference.
 */
import { normalizeTitle } from '../core/normalize-title.js';
import type { LibraryEntry } from '../library/library-entry.js';
import type { InterestSeed } from '../db/interest-store.js';

export interface ImportReport {
  seeds: InterestSeed[];
  /** Entries that name a stored paper. */
  matched: number;
  /** Entries kept by their own title and abstract. */
  textOnly: number;
  /** arXiv ids that are not stored yet and carry no title. */
  waiting: number;
  duplicates: number;
}

export interface ImportDeps {
  find(entry: { arxivId?: string; title?: string }): { id: number; title: string; arxivId: string | null } | undefined;
}

function refOf(entry: LibraryEntry, stored: { arxivId: string | null } | undefined): string | undefined {
  const arxiv = stored?.arxivId ?? entry.arxivId;
  if (arxiv) return `arxiv:${arxiv}`;
  if (entry.doi) return `doi:${entry.doi}`;
  const norm = entry.title ? normalizeTitle(entry.title) : '';
  return norm ? `title:${norm}` : undefined;
}

export function seedsFromLibrary(entries: LibraryEntry[], deps: ImportDeps, options: { value: 1 | -1; origin: 'import' | 'add'; now: string }): ImportReport {
  const report: ImportReport = { seeds: [], matched: 0, textOnly: 0, waiting: 0, duplicates: 0 };
  const seen = new Set<string>();
  for (const entry of entries) {
    const stored = deps.find(entry);
    const ref = refOf(entry, stored);
    if (!ref) continue;
    if (seen.has(ref)) {
      report.duplicates++;
      continue;
    }
    seen.add(ref);
    if (stored) report.matched++;
    else if (entry.title) report.textOnly++;
    else report.waiting++;
    report.seeds.push({
      ref,
      paperId: stored?.id ?? null,
      title: stored?.title ?? entry.title ?? '',
      abstract: entry.abstract ?? null,
      authors: entry.authors,
      value: options.value,
      origin: options.origin,
      addedAt: options.now,
    });
  }
  return report;
}
