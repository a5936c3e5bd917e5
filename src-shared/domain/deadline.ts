import getJoursFeries from '@socialgouv/jours-feries';
import type { CaseStatus, DeadlineKind } from '../schemas/common';
import { openStatuses } from './case-status';

/**
 * Deadlines are calendar dates (`YYYY-MM-DD`) in the city's time zone, Europe/Paris: an agent reads
 * "due on 12 May", not an instant. Date arithmetic is done on UTC midnights of those dates, which has no
 * DST, so only the conversion from an instant (`parisDate`) needs the time zone.
 */
const DAY_MS = 86_400_000;

const parisFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/Paris of an instant (DST handled by Intl). */
export function parisDate(instant: Date): string {
  const parts = parisFormatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

function toUtcMs(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [, year, month, day] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/**
 * The library builds local-midnight Dates and derives Easter-based holidays by adding 24-hour steps,
 * so in a process whose zone changes DST around Easter a date can land at 23:00 the day before.
 * Reading the local date at noon of the nearest day makes the result independent of the process zone.
 */
function localCalendarDate(value: Date): string {
  const noon = new Date(value.getTime() + DAY_MS / 2);
  const month = String(noon.getMonth() + 1).padStart(2, '0');
  const day = String(noon.getDate()).padStart(2, '0');
  return `${noon.getFullYear()}-${month}-${day}`;
}

function holidaySet(year: number): ReadonlySet<string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(Object.values(getJoursFeries(year)).map(localCalendarDate));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/** Public holidays of metropolitan France (without the Alsace-Moselle extra days), sorted. */
export function publicHolidays(year: number): string[] {
  return [...holidaySet(year)].sort();
}

function isHoliday(date: string): boolean {
  return holidaySet(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isHoliday(date);
}

function assertDayCount(days: number): void {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
}

export function addCalendarDays(date: string, days: number): string {
  assertDayCount(days);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/**
 * Counting starts the day after `date` (the day a request arrives is not a day of work on it).
 * With 0 days the result is `date` itself when it is a working day, else the next working day, so a
 * deadline never falls on a day the service is closed.
 */
export function addWorkingDays(date: string, days: number): string {
  assertDayCount(days);
  if (days < 0) throw new RangeError(`Cannot count working days backwards: ${days}`);
  let current = date;
  if (days === 0) {
    while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
    return current;
  }
  let counted = 0;
  while (counted < days) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Working days in the interval (`from`, `to`]: 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let current = addCalendarDays(from, 1); current <= to; current = addCalendarDays(current, 1)) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}

/**
 * The last day (inclusive) on which a case opened at `openedAt` is on time. Calendar targets may end
 * on a weekend or holiday on purpose: "dangerous tree, 2 calendar days" means what it says.
 */
export function computeDeadline(openedAt: Date, target: { days: number; kind: DeadlineKind }): string {
  const opened = parisDate(openedAt);
  return target.kind === 'working' ? addWorkingDays(opened, target.days) : addCalendarDays(opened, target.days);
}

/**
 * Pushes a deadline by the days a case spent waiting for the citizen, counted between the Paris dates
 * of the pause and of the resume (paused and resumed the same day: unchanged). A resume dated before
 * its pause (clock skew between replicas) extends nothing.
 */
export function extendDeadline(deadline: string, pausedAt: Date, resumedAt: Date, kind: DeadlineKind): string {
  const from = parisDate(pausedAt);
  const to = parisDate(resumedAt);
  if (to <= from) return deadline;
  if (kind === 'calendar') return addCalendarDays(deadline, calendarDaysBetween(from, to));
  const lost = workingDaysBetween(from, to);
  return lost === 0 ? deadline : addWorkingDays(deadline, lost);
}

/** Statuses whose clock is running; `waiting_citizen` is paused, so never overdue. */
const runningStatuses: ReadonlySet<CaseStatus> = new Set(openStatuses.filter((status) => status !== 'waiting_citizen'));

/** Overdue once the Paris date is after the deadline (the deadline day itself is still on time). */
export function isOverdue(deadline: string | null, status: CaseStatus, now: Date): boolean {
  if (deadline === null || !runningStatuses.has(status)) return false;
  return deadline < parisDate(now);
}

/** Calendar days left until the deadline, for display: 0 on the day itself, negative when late. */
export function daysLeft(deadline: string, now: Date): number {
  return calendarDaysBetween(parisDate(now), deadline);
}
