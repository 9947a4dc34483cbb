import { DateTime } from "luxon";
import { type AwayPeriod, type Config, DEFAULT_DAYS, DEFAULT_HOURS, findMember, type HolidayCalendar, type WorkingHours } from "./config.js";
import { localDateOf, localToInstant } from "./time.js";

/**
 * Working time, per person: their zone, working hours and working days. Pure: every function takes
 * `now` (or moments) as arguments. Used by standups (the window reaches back to the start of the
 * previous working day, so Monday's covers Friday), handoffs (who starts next), the team view, and
 * staleness (counted in the owner's working days).
 *
 * Local times are computed in the person's zone (time.ts `localToInstant`), so days that gain or
 * lose an hour to daylight saving time keep their local working hours. Counting working days is
 * arithmetic on calendar dates, so it costs the same for a day or a year and for one task or ten
 * thousand.
 *
 * Time off (roster `away:` periods and public holidays from the team's calendars) takes days out
 * of the schedule: a local day is a working day when it is one of the person's weekdays, is not a
 * holiday in their calendar, and its working hours do not start inside an away period. So a
 * period that ends at 12:00 takes that whole day off (the day began while the person was away),
 * and one that starts at 13:00 leaves the day in.
 */

export interface Schedule {
  readonly timezone: string;
  readonly hours: WorkingHours;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** Time off; none when absent. */
  readonly off?: OffTime;
}

export interface OffTime {
  /** Public holidays: local dates in the schedule's zone to the holiday's name. */
  readonly holidays: HolidayCalendar;
  /** The same dates, sorted, for counting over a range. */
  readonly holidayDates: readonly string[];
  readonly away: readonly AwayPeriod[];
}

export function offTime(away: readonly AwayPeriod[], calendars: readonly HolidayCalendar[]): OffTime | undefined {
  if (away.length === 0 && calendars.every((c) => c.size === 0)) return undefined;
  const holidays = new Map<string, string>();
  for (const calendar of calendars) for (const [date, name] of calendar) if (!holidays.has(date)) holidays.set(date, name);
  return { holidays, holidayDates: [...holidays.keys()].sort(), away: [...away].sort((a, b) => a.start - b.start) };
}

export function defaultSchedule(timezone: string): Schedule {
  return { timezone, hours: DEFAULT_HOURS, days: DEFAULT_DAYS };
}

/** A person's schedule from the roster; people not on it work 09:00–17:00, Mon–Fri, in the repository's zone. */
export function scheduleFor(config: Config, who: string | null | undefined): Schedule {
  const member = who ? findMember(config, who) : undefined;
  const key = member ?? config;
  let cached = schedules.get(key);
  if (cached === undefined) {
    const calendars = (member ? (member.holidays ?? []) : (config.holidays ?? [])).flatMap((path) => {
      const calendar = config.calendars?.get(path);
      return calendar ? [calendar] : [];
    });
    const off = offTime(member?.away ?? [], calendars);
    const base = member ? { timezone: member.timezone, hours: member.hours, days: member.days } : defaultSchedule(config.timezone);
    cached = off ? { ...base, off } : base;
    schedules.set(key, cached);
  }
  return cached;
}

// Thousands of tasks ask for their owner's schedule: one per member (or config, for the team's).
const schedules = new WeakMap<object, Schedule>();

// Time off can be long (parental leave): scans for a working day reach this far.
const MAX_SCAN_DAYS = 800;

/** The away period covering the instant `ms`, if any. */
export function awayAt(ms: number, schedule: Schedule): AwayPeriod | undefined {
  return schedule.off?.away.find((period) => period.start <= ms && ms < period.end);
}

/** Why a local date is off although it may be a working weekday: a holiday or an away period. */
export type DayOff = { readonly kind: "holiday"; readonly name: string } | { readonly kind: "away"; readonly period: AwayPeriod };

export function dayOff(isoDate: string, schedule: Schedule): DayOff | undefined {
  const off = schedule.off;
  if (off === undefined) return undefined;
  const holiday = off.holidays.get(isoDate);
  if (holiday !== undefined) return { kind: "holiday", name: holiday };
  if (off.away.length === 0) return undefined;
  const period = awayAt(localToInstant(isoDate, schedule.hours.start, schedule.timezone), schedule);
  return period && { kind: "away", period };
}

function isOffDate(isoDate: string, schedule: Schedule): boolean {
  return schedule.off !== undefined && dayOff(isoDate, schedule) !== undefined;
}

function localDay(moment: Date | DateTime, zone: string): DateTime {
  const dt = moment instanceof Date ? DateTime.fromJSDate(moment) : moment;
  return dt.setZone(zone).startOf("day");
}

/** The moment a local working day starts (`hours.start` on that date, in the person's zone). */
export function dayStart(day: DateTime, schedule: Schedule): DateTime {
  return DateTime.fromMillis(localToInstant(day.toISODate() as string, schedule.hours.start, schedule.timezone), { zone: schedule.timezone });
}

export function dayEnd(day: DateTime, schedule: Schedule): DateTime {
  const end = schedule.hours.end;
  const base = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: schedule.timezone });
  return end >= 24 * 60 ? base.plus({ days: 1 }) : base.set({ hour: Math.floor(end / 60), minute: end % 60 });
}

export function isWorkingDay(day: DateTime, schedule: Schedule): boolean {
  return schedule.days.includes(day.weekday) && !isOffDate(day.toISODate() as string, schedule);
}

/** Is the person inside their working hours at `now` (and not away)? */
export function isWorkingAt(now: Date, schedule: Schedule): boolean {
  const day = localDay(now, schedule.timezone);
  if (!isWorkingDay(day, schedule)) return false;
  const t = now.getTime();
  return dayStart(day, schedule).toMillis() <= t && t < dayEnd(day, schedule).toMillis() && awayAt(t, schedule) === undefined;
}

/**
 * Is the person off at `now`: inside an away period, or on a public holiday of theirs? Then
 * `until` is when that time off ends (the end of the away period, or of the holiday's date).
 */
export function offAt(now: Date, schedule: Schedule): { readonly off: DayOff; readonly until: number } | undefined {
  if (schedule.off === undefined) return undefined;
  const t = now.getTime();
  const period = awayAt(t, schedule);
  if (period) return { off: { kind: "away", period }, until: period.end };
  const date = localDateOf(t, schedule.timezone);
  const name = schedule.off.holidays.get(date);
  return name === undefined ? undefined : { off: { kind: "holiday", name }, until: localToInstant(addDays(date, 1), 0, schedule.timezone) };
}

/**
 * The start of the person's previous working day: the most recent working day before today's
 * local date. On Monday (Mon–Fri schedule) that is Friday; on Friday it is Thursday.
 */
export function previousWorkdayStart(now: Date, schedule: Schedule): DateTime {
  let day = localDay(now, schedule.timezone);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    day = day.minus({ days: 1 });
    if (isWorkingDay(day, schedule)) return dayStart(day, schedule);
  }
  return dayStart(localDay(now, schedule.timezone).minus({ days: 1 }), schedule);
}

/** When the person's next working window starts: later today, or their next working day. */
export function nextWindowStart(now: Date, schedule: Schedule): DateTime {
  let day = localDay(now, schedule.timezone);
  for (let i = 0; i <= MAX_SCAN_DAYS; i++) {
    if (isWorkingDay(day, schedule)) {
      const start = dayStart(day, schedule);
      if (start.toMillis() > now.getTime()) return start;
    }
    day = day.plus({ days: 1 });
  }
  return dayStart(day, schedule);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function weekdayOf(isoDate: string): number {
  return ((new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/**
 * How many of the person's working days have begun after `since` and by `now`. A task last
 * changed on Monday morning has 4 such days by Friday noon (Tue, Wed, Thu, Fri).
 */
export function workingDaysSince(since: Date, now: Date, schedule: Schedule): number {
  const from = since.getTime();
  const to = now.getTime();
  if (from >= to) return 0;
  const zone = schedule.timezone;
  const first = localDateOf(from, zone);
  const last = localDateOf(to, zone);
  const begins = (isoDate: string): boolean => {
    if (!schedule.days.includes(weekdayOf(isoDate))) return false;
    const start = localToInstant(isoDate, schedule.hours.start, zone);
    return start > from && start <= to;
  };
  if (first === last) return begins(first) && !isOffDate(first, schedule) ? 1 : 0;
  let count = (begins(first) ? 1 : 0) + (begins(last) ? 1 : 0);
  // The days strictly between: whole weeks by multiplication, the rest one by one.
  const between = daysBetween(first, last) - 1;
  count += Math.floor(between / 7) * schedule.days.length;
  const firstWeekday = weekdayOf(first);
  for (let i = 1; i <= between % 7; i++) if (schedule.days.includes(((firstWeekday - 1 + i) % 7) + 1)) count++;
  // Then the days off among those counted: only the few dates time off names are looked at.
  if (schedule.off !== undefined) for (const date of offDatesBetween(first, last, schedule)) if (begins(date)) count--;
  return count;
}

/** The local dates from `first` to `last` (inclusive) that are days off, each once. */
function offDatesBetween(first: string, last: string, schedule: Schedule): Set<string> {
  const off = schedule.off;
  const dates = new Set<string>();
  if (off === undefined) return dates;
  const holidays = off.holidayDates;
  let lo = 0;
  let hi = holidays.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((holidays[mid] as string) < first) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < holidays.length && (holidays[i] as string) <= last; i++) dates.add(holidays[i] as string);
  for (const period of off.away) {
    // The period's local dates, clipped to the range; a day is off when its start is inside.
    let date = localDateOf(period.start, schedule.timezone);
    const end = localDateOf(period.end, schedule.timezone);
    if (date < first) date = first;
    for (; date <= end && date <= last; date = addDays(date, 1)) {
      const start = localToInstant(date, schedule.hours.start, schedule.timezone);
      if (period.start <= start && start < period.end) dates.add(date);
    }
  }
  return dates;
}

/** The calendar date `days` after (or before, when negative) `isoDate`. */
function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The moment `count` working days before `now` began: the earliest change that is not yet stale. */
export function workingDaysAgo(now: Date, count: number, schedule: Schedule): DateTime {
  const zone = schedule.timezone;
  // Zero days back is now; counting towards zero would scan ten years and return their start.
  if (count <= 0) return DateTime.fromJSDate(now).setZone(zone);
  const t = now.getTime();
  // Calendar arithmetic on local dates; luxon only for the answer.
  let date = localDateOf(t, zone);
  let seen = 0;
  for (let i = 0; i < 3660; i++) {
    if (schedule.days.includes(weekdayOf(date)) && !isOffDate(date, schedule)) {
      const start = localToInstant(date, schedule.hours.start, zone);
      if (start <= t && ++seen === count) return DateTime.fromMillis(start, { zone });
    }
    date = addDays(date, -1);
  }
  return DateTime.fromMillis(localToInstant(date, schedule.hours.start, zone), { zone });
}

/**
 * A span of working time, as the config writes it: `3 working days`, `4 working hours`. A working
 * day is the length of the person's working window (8 h for 09:00–17:00), so "3 working days" from
 * Monday 10:00 ends on Thursday 10:00, whatever falls in between (weekends, holidays, time off).
 */
export interface WorkingDuration {
  readonly amount: number;
  readonly unit: "day" | "hour";
}

const DURATION = /^(\d{1,4}(?:\.\d{1,2})?)\s*(?:working\s+)?(days?|d|hours?|h)$/i;

export function parseWorkingDuration(text: string): WorkingDuration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (!(amount > 0)) return undefined;
  return { amount, unit: (match[2] as string).toLowerCase().startsWith("d") ? "day" : "hour" };
}

export function durationText(duration: WorkingDuration): string {
  return `${duration.amount} working ${duration.unit}${duration.amount === 1 ? "" : "s"}`;
}

/** The duration in milliseconds of the person's working time. */
export function durationMillis(duration: WorkingDuration, schedule: Schedule): number {
  const hour = 3_600_000;
  return duration.unit === "hour" ? duration.amount * hour : duration.amount * (schedule.hours.end - schedule.hours.start) * 60_000;
}

/** The person's working window on a local date, less any away period inside it: 0, 1 or more pieces. */
function workingPieces(isoDate: string, schedule: Schedule): [number, number][] {
  if (!schedule.days.includes(weekdayOf(isoDate)) || isOffDate(isoDate, schedule)) return [];
  const zone = schedule.timezone;
  const start = localToInstant(isoDate, schedule.hours.start, zone);
  const end = schedule.hours.end >= 24 * 60 ? localToInstant(addDays(isoDate, 1), 0, zone) : localToInstant(isoDate, schedule.hours.end, zone);
  let pieces: [number, number][] = [[start, end]];
  for (const period of schedule.off?.away ?? []) {
    if (period.end <= start || period.start >= end) continue;
    pieces = pieces.flatMap(([a, b]): [number, number][] => {
      const out: [number, number][] = [];
      if (period.start > a) out.push([a, Math.min(b, period.start)]);
      if (period.end < b) out.push([Math.max(a, period.end), b]);
      return out.filter(([x, y]) => y > x);
    });
  }
  return pieces;
}

// Working time is counted day by day; this many days is the most a deadline or a sum looks at.
const MAX_WORKING_SCAN = 1500;

/**
 * The moment `millis` of the person's working time have passed after `from`: the end of a lease,
 * a service level's deadline. Time off and days off pause it; undefined beyond ~4 years.
 */
export function workingDeadline(from: number, millis: number, schedule: Schedule): number | undefined {
  let remaining = millis;
  let date = localDateOf(from, schedule.timezone);
  // A window that began the evening before (a late shift) can still hold `from`.
  date = addDays(date, -1);
  for (let i = 0; i < MAX_WORKING_SCAN; i++, date = addDays(date, 1)) {
    for (const [a, b] of workingPieces(date, schedule)) {
      const s = Math.max(a, from);
      if (b <= s) continue;
      if (b - s >= remaining) return s + remaining;
      remaining -= b - s;
    }
  }
  return undefined;
}

/** How much of the person's working time lies between two moments, in milliseconds. */
export function workingMillisBetween(from: number, to: number, schedule: Schedule): number {
  if (to <= from) return 0;
  let total = 0;
  let date = addDays(localDateOf(from, schedule.timezone), -1);
  const last = localDateOf(to, schedule.timezone);
  for (let i = 0; i < MAX_WORKING_SCAN && date <= last; i++, date = addDays(date, 1)) {
    for (const [a, b] of workingPieces(date, schedule)) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return total;
}
