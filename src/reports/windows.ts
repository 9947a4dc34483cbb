import { DateTime } from "luxon";
import { TasksError } from "../app/errors.js";
import type { Config, Member } from "../domain/config.js";
import { isIsoDate } from "../domain/task-schema.js";
import { awayAt, dayEnd, dayStart, isWorkingAt, isWorkingDay, nextWindowStart, previousWorkdayStart, type Schedule, scheduleFor } from "../domain/working-time.js";

/**
 * The time windows reports read, computed from (now, zone, hours, days) and nothing else: a
 * person's standup window, an ISO week in the repository's zone, who starts work next.
 */

export interface Window {
  readonly from: DateTime;
  readonly to: DateTime;
}

/**
 * A person's standup window: from the start of their previous working day (in their zone, with
 * their hours and days) to `at`. Friday's reaches back to Thursday's start, Monday's to Friday's.
 */
export function standupWindow(at: Date, schedule: Schedule): Window {
  return { from: previousWorkdayStart(at, schedule), to: DateTime.fromJSDate(at).setZone(schedule.timezone) };
}

/**
 * The moment a standup is written "as of": now, or with `--date` the end of that day in the
 * person's zone (never later than now), or an exact date-time.
 */
export function standupMoment(date: string | undefined, now: Date, zone: string): Date {
  if (date === undefined) return now;
  const end = isIsoDate(date) ? DateTime.fromISO(date, { zone }).endOf("day") : DateTime.fromISO(date, { setZone: true });
  if (!end.isValid) throw new TasksError("INVALID_VALUE", `--date "${date}" is not a date`, { hint: "use 2026-11-20 or 2026-11-20T09:00:00+01:00" });
  return end.toMillis() > now.getTime() ? now : end.toJSDate();
}

export interface IsoWeek {
  /** `2026-W47` */
  readonly label: string;
  /** Monday 00:00 in the zone. */
  readonly start: DateTime;
  /** The next Monday 00:00 (exclusive). */
  readonly end: DateTime;
}

const WEEK = /^(\d{4})-?W(\d{2})$/i;

/** The ISO week named by `label` (or holding `now`) in `zone`. */
export function isoWeek(label: string | undefined, now: Date, zone: string): IsoWeek {
  let start: DateTime;
  if (label === undefined) {
    start = DateTime.fromJSDate(now).setZone(zone).startOf("week");
  } else {
    const match = WEEK.exec(label.trim());
    const refuse = () => new TasksError("INVALID_VALUE", `--week "${label}" is not an ISO week`, { hint: "use the form 2026-W47 (weeks 01 to 52, or 53 in long years)" });
    if (!match) throw refuse();
    const week = Number(match[2]);
    const candidate = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Math.max(1, week), weekday: 1 }, { zone });
    if (!candidate.isValid || week < 1 || week > candidate.weeksInWeekYear) throw refuse();
    start = candidate.startOf("day");
  }
  const end = start.plus({ weeks: 1 });
  return { label: start.toFormat("kkkk-'W'WW"), start, end };
}

export interface NextUp {
  readonly member: Member;
  readonly start: DateTime;
}

// Two weeks of weekdays, plus time off (a holiday season) in between.
const SCAN_DAYS = 60;

/** The start of the person's current working window, or of the last one before `now`. */
function latestWindowStart(now: Date, schedule: Schedule): DateTime {
  let day = DateTime.fromJSDate(now).setZone(schedule.timezone).startOf("day");
  for (let i = 0; i < SCAN_DAYS; i++, day = day.minus({ days: 1 })) {
    if (isWorkingDay(day, schedule) && dayStart(day, schedule).toMillis() <= now.getTime()) return dayStart(day, schedule);
  }
  return day;
}

/** The first of the person's windows that starts after `after` and has not ended by `now`. */
function windowAfter(after: DateTime, now: Date, schedule: Schedule): DateTime | undefined {
  let day = after.setZone(schedule.timezone).startOf("day").minus({ days: 1 });
  for (let i = 0; i < SCAN_DAYS; i++, day = day.plus({ days: 1 })) {
    if (!isWorkingDay(day, schedule)) continue;
    const start = dayStart(day, schedule);
    if (start.toMillis() > after.toMillis() && dayEnd(day, schedule).toMillis() > now.getTime()) return start;
  }
  return undefined;
}

/**
 * Follow-the-sun: the teammate whose working day starts next after the giver's began. A colleague
 * further west who is already at work comes before one who starts tomorrow; someone whose day
 * started before the giver's is next in line only with their next day. Whoever is away now is
 * skipped, and days off later (holidays, away periods) are not windows.
 */
export function followTheSun(config: Config, now: Date, giver: string): NextUp | undefined {
  const reference = latestWindowStart(now, scheduleFor(config, giver));
  let best: NextUp | undefined;
  for (const member of config.team) {
    if (member.handle === giver) continue;
    const schedule = scheduleFor(config, member.handle);
    if (awayAt(now.getTime(), schedule)) continue;
    const start = windowAfter(reference, now, schedule);
    if (start && (!best || start.toMillis() < best.start.toMillis())) best = { member, start };
  }
  return best;
}

export interface Availability {
  readonly working: boolean;
  /** When the current window ends (only while working). */
  readonly windowEnd: DateTime | null;
  readonly nextStart: DateTime;
}

export function availability(now: Date, schedule: Schedule): Availability {
  const working = isWorkingAt(now, schedule);
  const today = DateTime.fromJSDate(now).setZone(schedule.timezone).startOf("day");
  return { working, windowEnd: working ? dayEnd(today, schedule) : null, nextStart: nextWindowStart(now, schedule) };
}
