/**
 * ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) and a channel's weekly
 * digest slot: a weekday and a local time in its zone. A weekly digest is named by the ISO week
 * its slot falls in and covers the papers first stored since the slot a week earlier
 * (docs/adr/0021-weekly-digest.md).
 */
import { addDays, localDate, zonedInstant } from './zoned-time.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY = 86_400_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** ISO weekday of a calendar date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  return ((utcDate(date).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week (`2024-W44`) a calendar date (YYYY-MM-DD) belongs to; near New Year it may be the other year's. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const ordinal = Math.round((utcDate(thursday).getTime() - Date.UTC(year, 0, 1)) / DAY) + 1;
  return `${pad(year, 4)}-W${pad(Math.floor((ordinal - 1) / 7) + 1)}`;
}

/** The Monday (YYYY-MM-DD) of ISO week `week` of `year`. */
function mondayOf(year: number, week: number): string {
  const jan4 = `${pad(year, 4)}-01-04`;
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  return isoWeekOf(`${pad(year, 4)}-12-28`) === `${pad(year, 4)}-W53` ? 53 : 52;
}

/** Why a week string is not an ISO week, or undefined when it is one. */
export function isoWeekProblem(text: string): string | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return 'not an ISO week YYYY-Www (e.g. 2024-W44)';
  const year = Number(m[1]);
  const week = Number(m[2]);
  const last = weeksInYear(year);
  if (week < 1 || week > last) return `${year} has weeks W01 to W${last}`;
  return undefined;
}

/** The Monday and Sunday (YYYY-MM-DD) of an ISO week; the week must be valid (`isoWeekProblem`). */
export function isoWeekDays(week: string): { monday: string; sunday: string } {
  const monday = mondayOf(Number(week.slice(0, 4)), Number(week.slice(6)));
  return { monday, sunday: addDays(monday, 6) };
}

/** When a channel's weekly digest is posted: a weekday and a local time (HH:MM) in a zone. */
export interface WeeklySchedule {
  weekday: Weekday;
  time: string;
  timezone: string;
}

/** One weekly slot: the ISO week it names, its local date, its instant and the instant of the slot a week before. */
export interface WeeklySlot {
  week: string;
  date: string;
  at: Date;
  /** The papers of this digest were first stored after this (the previous slot) … */
  from: Date;
}

function slotOn(date: string, s: WeeklySchedule): WeeklySlot {
  return { week: isoWeekOf(date), date, at: zonedInstant(date, s.time, s.timezone), from: zonedInstant(addDays(date, -7), s.time, s.timezone) };
}

/** The slot of an ISO week (its weekday in that week), whether or not it has come yet. */
export function weeklySlotOf(week: string, s: WeeklySchedule): WeeklySlot {
  return slotOn(addDays(isoWeekDays(week).monday, WEEKDAYS.indexOf(s.weekday)), s);
}

/** The next weekly slot strictly after `now`. */
export function nextWeeklySlot(now: Date, s: WeeklySchedule): WeeklySlot {
  return slotOn(addDays(latestWeeklySlot(now, s).date, 7), s);
}

/** The latest weekly slot at or before `now`. */
export function latestWeeklySlot(now: Date, s: WeeklySchedule): WeeklySlot {
  const today = localDate(now, s.timezone);
  const back = (isoWeekday(today) - 1 - WEEKDAYS.indexOf(s.weekday) + 7) % 7;
  const slot = slotOn(addDays(today, -back), s);
  return slot.at.getTime() <= now.getTime() ? slot : slotOn(addDays(slot.date, -7), s);
}
