/**
 * Local dates and times in IANA time zones with Intl only: the digest slot of a channel
 * ("09:00 Asia/Seoul") as a UTC instant, across DST changes.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(instant: Date, timeZone: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Asia/Seoul: +9 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** YYYY-MM-DD plus `days` (negative allowed). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * The instant a local wall time (date + HH:MM) happens in a zone. A time skipped by a DST jump
 * resolves to the instant just after the gap; a repeated time resolves to its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  const day = 86_400_000;
  const before = offsetAt(new Date(wall - day), timeZone);
  const after = offsetAt(new Date(wall + day), timeZone);
  const candidates = [...new Set([wall - before, wall - after])];
  const valid = candidates.filter((t) => t + offsetAt(new Date(t), timeZone) === wall);
  // Two valid instants: a repeated hour, take the first. None: a skipped hour; the offset from
  // before the jump moves the time forward past the gap.
  return new Date(valid.length > 0 ? Math.min(...valid) : wall - before);
}

/** The latest daily slot (local `time` in `timeZone`) at or before `now`, with its local date. */
export function latestSlot(now: Date, time: string, timeZone: string): { date: string; at: Date } {
  const today = localDate(now, timeZone);
  const at = zonedInstant(today, time, timeZone);
  if (at.getTime() <= now.getTime()) return { date: today, at };
  const yesterday = addDays(today, -1);
  return { date: yesterday, at: zonedInstant(yesterday, time, timeZone) };
}

/** The next daily slot strictly after `now`. */
export function nextSlot(now: Date, time: string, timeZone: string): { date: string; at: Date } {
  const latest = latestSlot(now, time, timeZone);
  const date = addDays(latest.date, 1);
  return { date, at: zonedInstant(date, time, timeZone) };
}
