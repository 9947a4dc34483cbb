import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { lstat, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";
import type { HolidayCalendar } from "../domain/config.js";
import { readCacheFile, writeCacheFile } from "./parse-cache.js";
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
 *
 * Every command that reads the config needs them, and expanding a yearly rule to 2100 (with
 * ical.js loaded first) takes ~40 ms: what a calendar's text gives is kept in
 * `.git/tasks-cache/holidays-v1.json`, keyed by a hash of the file's bytes, for this version of
 * the tool. A file that changes has another hash; a cache that does not read back whole and
 * well formed, or another version's, is not used. Best effort: never required, safe to delete.
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

const CACHE_NAME = "holidays-v1.json";
/** Bump when parseHolidayCalendar gives another answer for the same text. */
const PARSE_FORMAT = 1;
const HASH = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toolStamp(): string {
  try {
    const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown }).version;
    return `${typeof version === "string" ? version : "?"} ${PARSE_FORMAT}`;
  } catch {
    return `? ${PARSE_FORMAT}`;
  }
}

/** The kept calendars by hash of their text; empty when the cache is missing, damaged or another version's. */
function readKept(dir: string, stamp: string): Map<string, HolidayCalendar> {
  const kept = new Map<string, HolidayCalendar>();
  const parsed = readCacheFile(dir, CACHE_NAME) as { tool?: unknown; calendars?: unknown } | undefined;
  if (parsed === null || typeof parsed !== "object" || parsed.tool !== stamp) return kept;
  const calendars = parsed.calendars;
  if (calendars === null || typeof calendars !== "object" || Array.isArray(calendars)) return kept;
  for (const [hash, entries] of Object.entries(calendars as Record<string, unknown>)) {
    if (!HASH.test(hash) || !Array.isArray(entries) || entries.length > MAX_DATES) return new Map();
    const dates = new Map<string, string>();
    for (const entry of entries as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2) return new Map();
      const [date, name] = entry as unknown[];
      if (typeof date !== "string" || !DATE.test(date) || typeof name !== "string" || name === "" || name.length > MAX_NAME) return new Map();
      dates.set(date, name);
    }
    kept.set(hash, dates);
  }
  return kept;
}

/**
 * Every calendar named in the config, by path. `gitDir`: where the parsed calendars are kept
 * between runs (undefined: not kept, as with TASKS_NO_CACHE=1). The file is read and checked
 * every time; only the parse is kept.
 */
export async function loadHolidayCalendars(root: string, paths: readonly string[], gitDir?: string): Promise<Map<string, HolidayCalendar>> {
  const calendars = new Map<string, HolidayCalendar>();
  const dir = gitDir === undefined ? undefined : join(gitDir, "tasks-cache");
  const stamp = toolStamp();
  const kept = dir === undefined ? new Map<string, HolidayCalendar>() : readKept(dir, stamp);
  const used = new Map<string, HolidayCalendar>();
  let parsed = false;
  for (const path of paths) {
    const text = await readCalendar(root, path);
    const hash = createHash("sha256").update(text).digest("hex");
    let calendar = used.get(hash) ?? kept.get(hash);
    if (calendar === undefined) {
      calendar = await parseHolidayCalendar(text, path);
      parsed = true;
    }
    used.set(hash, calendar);
    calendars.set(path, calendar);
  }
  // Kept: the calendars the config names now (a replaced file's old parse is dropped).
  if (dir !== undefined && (parsed || used.size !== kept.size)) {
    writeCacheFile(dir, CACHE_NAME, JSON.stringify({ tool: stamp, calendars: Object.fromEntries([...used].map(([hash, dates]) => [hash, [...dates]])) }), false);
  }
  return calendars;
}
