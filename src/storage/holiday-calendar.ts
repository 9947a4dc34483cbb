import { lstat, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";
import type { HolidayCalendar } from "../domain/config.js";
import { isInside } from "./safe-fs.js";

/**
 * Public-holiday calendars: iCalendar (`.ics`) files the team commits (exported from any calendar
 * app, or a country's published feed) and names in `.tasks/config.yml` (`holidays:`). Read with
 * ical.js (Mozilla's parser, no dependencies, ~5 ms to load), and only when a roster names one.
 *
 * A holiday is a date, not a moment: each event's dates are taken as written (an all-day event
 * from its first day up to, not including, its end day; a timed event on its start date) and
 * applied as local dates in each person's zone. Yearly rules (RRULE, with EXDATE) are expanded up
 * to 2100. The files are untrusted: size, event, occurrence and name-length caps bound the work,
 * names are kept as text (sanitised when printed), nothing is fetched or executed.
 */

const MAX_CALENDAR_BYTES = 1024 * 1024;
const MAX_OCCURRENCES = 500;
const MAX_DATES = 50_000;
const LAST_YEAR = 2100;
const MAX_SPAN_DAYS = 60;
const MAX_NAME = 120;

interface IcalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly isDate: boolean;
  toJSDate(): Date;
}

function dateText(time: IcalTime): string {
  return `${String(time.year).padStart(4, "0")}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function refuse(path: string, message: string): TasksError {
  return new TasksError("INVALID_CONFIG", `${path}: ${message}`, { hint: "export the calendar again as an .ics file, or remove it from holidays: in .tasks/config.yml" });
}

async function readCalendar(root: string, path: string): Promise<string> {
  const abs = join(root, ...path.split("/"));
  let stat;
  try {
    stat = await lstat(abs);
  } catch {
    throw new TasksError("INVALID_CONFIG", `holidays: ${path} does not exist`, { hint: "commit the .ics file, or correct the path in .tasks/config.yml" });
  }
  if (stat.isSymbolicLink() || !stat.isFile()) throw refuse(path, "is not a regular file; it is not read");
  if (stat.size > MAX_CALENDAR_BYTES) throw refuse(path, "is larger than 1 MiB");
  if (!isInside(await realpath(root), await realpath(abs))) throw refuse(path, "is outside the repository; it is not read");
  return readFile(abs, "utf8");
}

/** Parses one calendar's text into local dates → holiday names. */
export async function parseHolidayCalendar(text: string, path: string): Promise<HolidayCalendar> {
  const ICAL = (await import("ical.js")).default;
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw refuse(path, `is not an iCalendar file (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
  const dates = new Map<string, string>();
  const add = (date: string, name: string): void => {
    if (dates.size >= MAX_DATES) throw refuse(path, `names more than ${MAX_DATES} holiday dates`);
    if (!dates.has(date)) dates.set(date, name);
  };
  for (const component of root.getAllSubcomponents("vevent")) {
    let event;
    try {
      event = new ICAL.Event(component);
    } catch {
      continue;
    }
    if (!event.startDate) continue;
    const name = (event.summary ?? "holiday").replace(/\s+/g, " ").trim().slice(0, MAX_NAME) || "holiday";
    const spanDays = (start: IcalTime, end: IcalTime | null | undefined): number => {
      if (!start.isDate || !end) return 1;
      const days = Math.round((Date.parse(`${dateText(end)}T00:00:00Z`) - Date.parse(`${dateText(start)}T00:00:00Z`)) / 86_400_000);
      return Math.min(Math.max(days, 1), MAX_SPAN_DAYS);
    };
    const span = spanDays(event.startDate, event.endDate);
    const addOccurrence = (start: IcalTime): void => {
      const first = dateText(start);
      for (let i = 0; i < span; i++) add(addDays(first, i), name);
    };
    if (!event.isRecurring()) {
      addOccurrence(event.startDate);
      continue;
    }
    const iterator = event.iterator();
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      const next = iterator.next() as IcalTime | null | undefined;
      if (!next || next.year > LAST_YEAR) break;
      addOccurrence(next);
    }
  }
  return dates;
}

/** Every calendar named in the config, by path. */
export async function loadHolidayCalendars(root: string, paths: readonly string[]): Promise<Map<string, HolidayCalendar>> {
  const calendars = new Map<string, HolidayCalendar>();
  for (const path of paths) calendars.set(path, await parseHolidayCalendar(await readCalendar(root, path), path));
  return calendars;
}
