import { DateTime } from "luxon";
import { type Config, DEFAULT_DAYS, DEFAULT_HOURS, findMember, type WorkingHours } from "./config.js";
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
 */

export interface Schedule {
  readonly timezone: string;
  readonly hours: WorkingHours;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
}

export function defaultSchedule(timezone: string): Schedule {
  return { timezone, hours: DEFAULT_HOURS, days: DEFAULT_DAYS };
}

/** A person's schedule from the roster; people not on it work 09:00–17:00, Mon–Fri, in the repository's zone. */
export function scheduleFor(config: Config, who: string | null | undefined): Schedule {
  const member = who ? findMember(config, who) : undefined;
  return member ? { timezone: member.timezone, hours: member.hours, days: member.days } : defaultSchedule(config.timezone);
}

const MAX_SCAN_DAYS = 14;

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
  return schedule.days.includes(day.weekday);
}

/** Is the person inside their working hours at `now`? */
export function isWorkingAt(now: Date, schedule: Schedule): boolean {
  const day = localDay(now, schedule.timezone);
  if (!isWorkingDay(day, schedule)) return false;
  const t = now.getTime();
  return dayStart(day, schedule).toMillis() <= t && t < dayEnd(day, schedule).toMillis();
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
  if (first === last) return begins(first) ? 1 : 0;
  let count = (begins(first) ? 1 : 0) + (begins(last) ? 1 : 0);
  // The days strictly between: whole weeks by multiplication, the rest one by one.
  const between = daysBetween(first, last) - 1;
  count += Math.floor(between / 7) * schedule.days.length;
  const firstWeekday = weekdayOf(first);
  for (let i = 1; i <= between % 7; i++) if (schedule.days.includes(((firstWeekday - 1 + i) % 7) + 1)) count++;
  return count;
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
    if (schedule.days.includes(weekdayOf(date))) {
      const start = localToInstant(date, schedule.hours.start, zone);
      if (start <= t && ++seen === count) return DateTime.fromMillis(start, { zone });
    }
    date = addDays(date, -1);
  }
  return DateTime.fromMillis(localToInstant(date, schedule.hours.start, zone), { zone });
}
