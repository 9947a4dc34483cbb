import { DateTime, IANAZone } from "luxon";
import { TasksError } from "../app/errors.js";
import { isIsoDate, isIsoDateTime } from "./task-schema.js";
import { checkZoneYear, registerZoneTables, type ZoneTablesSnapshot, zoneTableStore } from "./zone-tables.js";

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

// Zone conversions dominate reading thousands of tasks, so each zone's offsets are worked out once
// per calendar year: luxon (exact) gives the offset at every week's start, and where two weeks
// differ a binary search finds the transition to the quarter hour (transitions fall on quarter
// hours in UTC in every zone of the tz database). After that an offset is a table lookup.
const SLOT_MS = 15 * 60_000;
const WEEK_MS = 7 * 86_400_000;

interface ZoneYear {
  readonly start: number;
  readonly end: number;
  readonly initial: number;
  readonly transitions: readonly { readonly at: number; readonly offset: number }[];
}

interface ZoneTable {
  readonly years: Map<number, ZoneYear>;
  /** The year looked up last: consecutive lookups nearly always fall in it. */
  last: ZoneYear | undefined;
}

const zoneTables = new Map<string, ZoneTable>();

// Tables kept from earlier runs (zone-tables.ts), read on the first lookup that needs one.
let kept: Record<string, unknown> | undefined;
let workedOut = false;

function keptYear(zone: string, year: number, start: number, end: number): ZoneYear | undefined {
  if (kept === undefined) {
    const loaded = zoneTableStore()?.load();
    kept = loaded !== null && typeof loaded === "object" && !Array.isArray(loaded) ? (loaded as Record<string, unknown>) : {};
  }
  const key = `${zone}|${year}`;
  const data = Object.hasOwn(kept, key) ? checkZoneYear(kept[key], start, end) : undefined;
  return data && { start, end, initial: data.initial, transitions: data.transitions.map(([at, offset]) => ({ at, offset })) };
}

// Kept entries this run did not use stay kept, up to a bound; the ones used are written as checked.
const MAX_KEPT = 2_000;

registerZoneTables(() => {
  const snapshot: ZoneTablesSnapshot = kept && Object.keys(kept).length < MAX_KEPT ? ({ ...kept } as ZoneTablesSnapshot) : {};
  for (const [zone, table] of zoneTables) {
    for (const [year, data] of table.years) {
      snapshot[`${zone}|${year}`] = { initial: data.initial, transitions: data.transitions.map((t) => [t.at, t.offset] as const) };
    }
  }
  return { snapshot, changed: workedOut };
});

function zoneYear(zone: string, year: number): ZoneYear {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const fromKept = keptYear(zone, year, start, end);
  if (fromKept) return fromKept;
  workedOut = true;
  const tz = IANAZone.create(zone);
  const transitions: { at: number; offset: number }[] = [];
  let previous = { at: start, offset: tz.offset(start) };
  for (let t = Math.min(start + WEEK_MS, end); ; t = Math.min(t + WEEK_MS, end)) {
    const sample = { at: t, offset: tz.offset(t) };
    if (sample.offset !== previous.offset) {
      let lo = previous.at;
      let hi = sample.at;
      while (hi - lo > SLOT_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / SLOT_MS) * SLOT_MS;
        if (tz.offset(mid) === previous.offset) lo = mid;
        else hi = mid;
      }
      transitions.push({ at: hi, offset: sample.offset });
    }
    previous = sample;
    if (t >= end) break;
  }
  return { start, end, initial: tz.offset(start), transitions };
}

/** The zone's UTC offset in minutes at the instant `ms`. */
export function zoneOffset(zone: string, ms: number): number {
  if (zone === "UTC" || zone === "Etc/UTC") return 0;
  let table = zoneTables.get(zone);
  if (table === undefined) zoneTables.set(zone, (table = { years: new Map(), last: undefined }));
  let year = table.last;
  if (year === undefined || ms < year.start || ms >= year.end) {
    const number = new Date(ms).getUTCFullYear();
    year = table.years.get(number);
    if (year === undefined) table.years.set(number, (year = zoneYear(zone, number)));
    table.last = year;
  }
  let offset = year.initial;
  for (const transition of year.transitions) {
    if (ms < transition.at) break;
    offset = transition.offset;
  }
  return offset;
}

/** The calendar date of an instant in `zone`, `2026-11-20`. */
export function localDateOf(ms: number, zone: string): string {
  return new Date(ms + zoneOffset(zone, ms) * 60_000).toISOString().slice(0, 10);
}

/** The calendar date of `now` in `zone`, `2026-11-20`. */
export function localDate(now: Date, zone: string): string {
  return localDateOf(now.getTime(), zone);
}

/**
 * The instant a local date and time (minutes after midnight) happens in `zone`. A time that
 * happens twice (clocks go back) is its first occurrence; a time that does not exist (clocks go
 * forward) moves forward by the gap, as luxon does.
 */
export function localToInstant(isoDate: string, minutes: number, zone: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return wallToInstant(Date.UTC(y, m - 1, d) + minutes * 60_000, zone);
}

/** localToInstant for a wall-clock time given as the milliseconds it would be in UTC. */
function wallToInstant(wall: number, zone: string): number {
  const before = zoneOffset(zone, wall - 86_400_000);
  const after = zoneOffset(zone, wall + 86_400_000);
  // The common case: no transition near this day.
  if (before === after && zoneOffset(zone, wall - before * 60_000) === before) return wall - before * 60_000;
  const valid = [before, after].map((offset) => wall - offset * 60_000).filter((t, i) => zoneOffset(zone, t) === (i === 0 ? before : after));
  if (valid.length > 0) return Math.min(...valid);
  return wall - Math.min(before, after) * 60_000;
}

/**
 * A number that orders due moments: milliseconds, exact for date-times; for dates, the end of the
 * day in the zone (the instant the next local day begins, minus a millisecond).
 */
export function dueSortKey(due: string, zone: string): number {
  // Thousands of tasks share a few hundred (date, zone) pairs: remembered by zone, then date (no
  // key string to build per call).
  let inZone = dueKeys.get(zone);
  if (inZone === undefined) dueKeys.set(zone, (inZone = new Map()));
  let value = inZone.get(due);
  if (value === undefined) {
    if (dueKeyCount >= 50_000) {
      for (const keys of dueKeys.values()) keys.clear();
      dueKeyCount = 0;
    }
    inZone.set(due, (value = computeDueSortKey(due, zone)));
    dueKeyCount++;
  }
  return value;
}

const dueKeys = new Map<string, Map<string, number>>();
let dueKeyCount = 0;

function computeDueSortKey(due: string, zone: string): number {
  if (!isIsoDate(due)) {
    const parsed = Date.parse(due);
    return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
  }
  // The midnight that ends the day: Date.UTC carries the day past the month's end.
  const next = Date.UTC(Number(due.slice(0, 4)), Number(due.slice(5, 7)) - 1, Number(due.slice(8, 10)) + 1);
  return wallToInstant(next, zone) - 1;
}

export function isPastDue(due: string | null, zone: string, now: Date): boolean {
  if (due === null) return false;
  // A date is due at the end of that day in the zone: past due once the zone's date is later.
  if (isIsoDate(due)) return today(now, zone) > due;
  const moment = dueMoment(due, zone);
  return moment.isValid && moment.toMillis() < now.getTime();
}

/** localDate, remembered for the last `now` (a command asks it of thousands of tasks, in a few zones). */
function today(now: Date, zone: string): string {
  const ms = now.getTime();
  if (ms !== todayAt) {
    todayAt = ms;
    todayIn.clear();
  }
  let date = todayIn.get(zone);
  if (date === undefined) todayIn.set(zone, (date = localDate(now, zone)));
  return date;
}

let todayAt = Number.NaN;
const todayIn = new Map<string, string>();

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
