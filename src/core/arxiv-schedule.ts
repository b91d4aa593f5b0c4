/**
 * When arXiv announces: new listings go out at 20:00 US Eastern on Sunday to Thursday evenings,
 * each dated the next day (Monday to Friday), except on the holidays arXiv publishes each year.
 * A digest window that holds no announcement is a quiet day, and the channel is told why.
 */
import { addDays, localDate, zonedInstant } from './zoned-time.js';

export const ARXIV_ZONE = 'America/New_York';
const ANNOUNCE_TIME = '20:00';

/**
 * Listing dates (YYYY-MM-DD, US Eastern) on which arXiv announces nothing though they are
 * weekdays. arXiv publishes its holiday schedule each year (https://info.arxiv.org/help/availability.html);
 * this table holds the Christmas and New Year's Day listings it has skipped in recent years.
 * Operators add the rest of a year's schedule with `digest.arxivHolidays`.
 */
export const ARXIV_HOLIDAYS: readonly string[] = [
  '2024-12-25',
  '2025-01-01',
  '2025-12-25',
  '2026-01-01',
  '2026-12-25',
  '2027-01-01',
];

/** Why arXiv announced nothing: no listing on a Saturday or Sunday, or a published holiday. */
export type QuietReason = 'weekend' | 'holiday';

// A window longer than this is not a day's digest (a channel back after weeks): nothing to say about it.
const MAX_EVENINGS = 60;

/** Is YYYY-MM-DD a Saturday or Sunday? */
function isWeekend(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Why arXiv announced nothing within (start, end]: `undefined` when it announced at least once,
 * or when no announcement time fell in the window at all (two digests within hours).
 */
export function arxivQuietReason(start: Date, end: Date, holidays: ReadonlySet<string> = new Set(ARXIV_HOLIDAYS)): QuietReason | undefined {
  let weekend = false;
  let holiday = false;
  let evening = localDate(start, ARXIV_ZONE);
  const last = localDate(end, ARXIV_ZONE);
  for (let i = 0; i <= MAX_EVENINGS && evening <= last; i++, evening = addDays(evening, 1)) {
    const at = zonedInstant(evening, ANNOUNCE_TIME, ARXIV_ZONE).getTime();
    if (at <= start.getTime() || at > end.getTime()) continue;
    const listing = addDays(evening, 1);
    if (isWeekend(listing)) weekend = true;
    else if (holidays.has(listing)) holiday = true;
    else return undefined;
  }
  if (holiday) return 'holiday';
  return weekend ? 'weekend' : undefined;
}
