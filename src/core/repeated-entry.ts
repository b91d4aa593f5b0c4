/**
 * A source that names one paper more than once in one read (a reading list linking its abs page,
 * its PDF and its Hugging Face page; an archive featuring it on two days): the later entry wins
 * for what it says, and what only the earlier one said is kept, summaries included, so an item
 * without a blurb never erases the blurb of the item before it.
 */
import type { EntrySummary, SourceEntry } from './types.js';

export function combineRepeatedEntry(earlier: SourceEntry, later: SourceEntry): SourceEntry {
  const defined = Object.fromEntries(Object.entries(later).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  const combined: SourceEntry = { ...earlier, ...defined, entryKey: later.entryKey, title: later.title || earlier.title };
  if (earlier.links || later.links) combined.links = { ...earlier.links, ...later.links };
  const summaries = combineSummaries(earlier.summaries ?? [], later.summaries ?? []);
  if (summaries.length) combined.summaries = summaries;
  return combined;
}

/** One summary per locale, as the store keeps one per source and locale: the later one with text wins. */
function combineSummaries(earlier: EntrySummary[], later: EntrySummary[]): EntrySummary[] {
  const hasText = (s: EntrySummary) => s.sections.some((x) => x.text.trim());
  const byLocale = new Map<string, EntrySummary>();
  for (const s of [...earlier, ...later]) if (hasText(s) || !byLocale.has(s.locale)) byLocale.set(s.locale, s);
  return [...byLocale.values()];
}
