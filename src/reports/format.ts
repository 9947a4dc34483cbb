import type { DateTime } from "luxon";
import { zoneOffset } from "../domain/time.js";

/**
 * How moments read in notes: short, unambiguous, the same on every machine (fixed English
 * names, never the machine's locale), always in a named zone chosen by the caller.
 */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Moment = Date | string | DateTime;

function millisOf(at: Moment): number {
  if (at instanceof Date) return at.getTime();
  if (typeof at === "string") return Date.parse(at);
  return at.toMillis();
}

/** The wall clock of a moment in a zone, from the cached zone tables (a report formats thousands). */
function wall(at: Moment, zone: string): { clock: Date; offset: number } {
  const ms = millisOf(at);
  const offset = zoneOffset(zone, ms);
  return { clock: new Date(ms + offset * 60_000), offset };
}

const two = (n: number): string => String(n).padStart(2, "0");
const hm = (clock: Date): string => `${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}`;
const day = (clock: Date): string => `${DAYS[clock.getUTCDay()]} ${clock.getUTCDate()} ${MONTHS[clock.getUTCMonth()]}`;
const ymd = (clock: Date): string => clock.toISOString().slice(0, 10);

function offsetOf(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

// A moment more than half a year from now names its year: "since Tue 3 Dec" a year ago misleads.
const HALF_YEAR_MS = 183 * 86_400_000;
const farFrom = (at: Moment, now: Moment | undefined): boolean => now !== undefined && Math.abs(millisOf(at) - millisOf(now)) > HALF_YEAR_MS;

/** `Thu 19 Nov 09:00`; `Tue 3 Dec 2024 19:35` when `now` is given and the moment is over half a year from it. */
export function localText(at: Moment, zone: string, now?: Moment): string {
  const { clock } = wall(at, zone);
  return farFrom(at, now) ? `${day(clock)} ${clock.getUTCFullYear()} ${hm(clock)}` : `${day(clock)} ${hm(clock)}`;
}

/** `Thu 09:00`: within a week, the weekday says enough. */
export function shortText(at: Moment, zone: string): string {
  const { clock } = wall(at, zone);
  return `${DAYS[clock.getUTCDay()]} ${hm(clock)}`;
}

/** `Thu 19 Nov`; `Tue 3 Dec 2024` when `now` is given and the moment is over half a year from it. */
export function dayText(at: Moment, zone: string, now?: Moment): string {
  const { clock } = wall(at, zone);
  return farFrom(at, now) ? `${day(clock)} ${clock.getUTCFullYear()}` : day(clock);
}

/** `Thu 19 Nov 2026` */
export function longDayText(at: Moment, zone: string): string {
  const { clock } = wall(at, zone);
  return `${day(clock)} ${clock.getUTCFullYear()}`;
}

/** `2026-11-19` */
export function isoDate(at: Moment, zone: string): string {
  return ymd(wall(at, zone).clock);
}

/** `+05:45` */
export function offsetText(at: Moment, zone: string): string {
  return offsetOf(wall(at, zone).offset);
}

/** ISO with the zone's offset and second precision: `2026-11-19T09:00:00+01:00`. */
export function isoIn(at: Moment, zone: string): string {
  const { clock, offset } = wall(at, zone);
  return `${clock.toISOString().slice(0, 19)}${offsetOf(offset)}`;
}

/** `45 min`, `3 h`, `2.5 days`: a span for people, rounded to what matters at its size. */
export function spanText(millis: number): string {
  const minutes = Math.round(Math.abs(millis) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.round((hours / 24) * 10) / 10;
  return `${days} days`;
}

/** Days with one decimal, for cycle times in JSON. */
export function spanDays(millis: number): number {
  return Math.round((millis / 86_400_000) * 10) / 10;
}

/** First line of a text, cut to `max` characters. */
export function firstLine(text: string, max = 120): string {
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
