import { DateTime, IANAZone } from "luxon";
import { TasksError } from "../app/errors.js";
import { isIsoDate, isIsoDateTime } from "./task-schema.js";

/**
 * Dates and zones. Pure: the current moment and every zone come in as arguments; nothing here reads
 * the clock or the machine's zone.
 */

export function isValidZone(zone: string): boolean {
  return zone === "UTC" || IANAZone.isValidZone(zone);
}

export function inZone(at: Date | string, zone: string): DateTime {
  const dt = typeof at === "string" ? DateTime.fromISO(at, { setZone: true }) : DateTime.fromJSDate(at);
  return dt.setZone(zone);
}

/** `2026-11-20 14:02 +01:00`: the stamp written into log entries, in the writer's zone. */
export function formatStamp(now: Date, zone: string): string {
  return inZone(now, zone).toFormat("yyyy-MM-dd HH:mm ZZ");
}

/** An ISO date-time with the zone's offset, second precision: `2026-11-20T09:12:00+01:00`. */
export function isoInZone(now: Date, zone: string): string {
  return inZone(now, zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** When a task is due: a date means the end of that day in the owner's zone. */
export function dueMoment(due: string, zone: string): DateTime {
  if (isIsoDate(due)) return DateTime.fromISO(due, { zone }).endOf("day");
  return DateTime.fromISO(due, { setZone: true });
}

// Zone conversions dominate listing thousands of tasks, and a list asks for the same few zones
// and the same "now" over and over: remember today's date per (zone, now).
const todayCache = new Map<string, string>();

/** The calendar date of `now` in `zone`, `2026-11-20`. */
export function localDate(now: Date, zone: string): string {
  const key = `${zone}|${now.getTime()}`;
  let date = todayCache.get(key);
  if (date === undefined) {
    date = inZone(now, zone).toISODate() ?? now.toISOString().slice(0, 10);
    if (todayCache.size > 1000) todayCache.clear();
    todayCache.set(key, date);
  }
  return date;
}

const offsetCache = new Map<string, number>();

/**
 * A number that orders due moments: milliseconds, exact for date-times; for dates, the end of the
 * day at the zone's standard offset (one zone conversion per zone, not per task; daylight saving
 * time can move a key by an hour, which only matters between tasks due the same day).
 */
export function dueSortKey(due: string, zone: string): number {
  if (!isIsoDate(due)) {
    const parsed = Date.parse(due);
    return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
  }
  let offset = offsetCache.get(zone);
  if (offset === undefined) {
    offset = DateTime.fromISO("2026-01-15T12:00:00", { zone }).offset;
    offsetCache.set(zone, offset);
  }
  const [y, m, d] = due.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + 1) - 1 - offset * 60_000;
}

export function isPastDue(due: string | null, zone: string, now: Date): boolean {
  if (due === null) return false;
  // A date is due at the end of that day in the zone: past due once the zone's date is later.
  if (isIsoDate(due)) return localDate(now, zone) > due;
  const moment = dueMoment(due, zone);
  return moment.isValid && moment.toMillis() < now.getTime();
}

const WEEKDAYS: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};

export function weekdayNumber(name: string): number | undefined {
  const key = name.trim().toLowerCase();
  // Own keys only: `constructor` or `toString` must not find Object.prototype's members.
  return Object.hasOwn(WEEKDAYS, key) ? WEEKDAYS[key] : undefined;
}

/**
 * What `--due` accepts: an ISO date or date-time with offset, `today`, `tomorrow`, a weekday name
 * (the next such day after today), `+3d`, `+2w`. Relative forms count from today in `zone`.
 */
export function parseDueInput(input: string, now: Date, zone: string): string {
  const value = input.trim();
  const lower = value.toLowerCase();
  const today = inZone(now, zone).startOf("day");
  const asDate = (dt: DateTime): string => dt.toISODate() as string;
  if (isIsoDate(value)) return value;
  if (isIsoDateTime(value)) return value;
  if (lower === "today") return asDate(today);
  if (lower === "tomorrow") return asDate(today.plus({ days: 1 }));
  const relative = /^\+(\d{1,4})([dw])$/.exec(lower);
  if (relative) {
    const amount = Number(relative[1]);
    return asDate(today.plus(relative[2] === "w" ? { weeks: amount } : { days: amount }));
  }
  const weekday = weekdayNumber(lower);
  if (weekday !== undefined) {
    const ahead = ((weekday - today.weekday + 7) % 7) || 7;
    return asDate(today.plus({ days: ahead }));
  }
  throw new TasksError("INVALID_VALUE", `"${input}" is not a due date`, {
    hint: "use 2026-12-01, 2026-12-01T17:00:00+01:00, today, tomorrow, a weekday like friday, +3d or +2w",
  });
}

/** `HH:MM-HH:MM` → minutes after midnight. */
export function parseHours(value: string): { start: number; end: number } | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(value.trim());
  if (!match) return undefined;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  if (start >= end || end > 24 * 60) return undefined;
  return { start, end };
}

/** Parses an ISO date-time or date (from `--date`, `TASKS_NOW`…) into a Date. */
export function parseInstant(value: string, zone: string): Date | undefined {
  const dt = isIsoDate(value) ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value, { setZone: true, zone });
  return dt.isValid ? dt.toJSDate() : undefined;
}
