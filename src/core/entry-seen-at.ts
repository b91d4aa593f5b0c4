/**
 * When a new paper counts as first seen. Digests and subscriptions take the papers first seen
 * since their last run, so when one batch of a source reaches back further than a couple of days
 * (a digest folder's archive added to the config, a feed's backlog), its older entries count as
 * seen at the end of their own day: stored and searchable at once, but not posted as today's news.
 * "Older" is measured from the batch's newest entry, not from the clock: a feed of one day is new
 * as a whole, whatever its date.
 */
import type { SourceEntry } from './types.js';

export const BACKLOG_GRACE_HOURS = 48;

type Dated = Pick<SourceEntry, 'announcedOn' | 'publishedAt'>;

/** The last millisecond of a day (UTC), from anything that starts YYYY-MM-DD; undefined otherwise. */
function endOfDay(text: string | undefined): number | undefined {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(text ?? '')?.[0];
  const end = day ? Date.parse(`${day}T23:59:59.999Z`) : NaN;
  return Number.isNaN(end) ? undefined : end;
}

/** The end of the entry's own day (announced or featured, else published), in ms; undefined if undated. */
function dayEnd(entry: Dated): number | undefined {
  return endOfDay(entry.announcedOn ?? entry.publishedAt);
}

/** A backfilled day's entries count as seen at the end of that day, or now for today. */
export function seenAtEndOfDay(day: string, now: Date): string {
  const end = endOfDay(day) ?? now.getTime();
  return new Date(Math.min(end, now.getTime())).toISOString();
}

/** For one batch of entries applied at `now`: the first-seen time of each entry's paper, if new. */
export function firstSeenTimes(entries: Dated[], now: string, graceHours = BACKLOG_GRACE_HOURS): (entry: Dated) => string {
  const ends = entries.map(dayEnd).filter((e): e is number => e !== undefined);
  if (ends.length === 0) return () => now;
  const nowMs = Date.parse(now);
  // A date in the future (a typo in a feed) must not make today's entries look old.
  const newest = Math.min(Math.max(...ends), endOfDay(now) ?? nowMs);
  const cutoff = newest - graceHours * 3_600_000;
  return (entry) => {
    const end = dayEnd(entry);
    return end !== undefined && end < cutoff && end < nowMs ? new Date(end).toISOString() : now;
  };
}
