import { DateTime } from "luxon";

/**
 * How moments read in notes: short, unambiguous, the same on every machine (fixed English
 * locale, never the machine's), always in a named zone chosen by the caller.
 */

const LOCALE = "en-GB";

export function toDateTime(at: Date | string | DateTime, zone: string): DateTime {
  const dt = at instanceof Date ? DateTime.fromJSDate(at) : typeof at === "string" ? DateTime.fromISO(at, { setZone: true }) : at;
  return dt.setZone(zone).setLocale(LOCALE);
}

/** `Thu 19 Nov 09:00` */
export function localText(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("ccc d LLL HH:mm");
}

/** `Thu 09:00`: within a week, the weekday says enough. */
export function shortText(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("ccc HH:mm");
}

/** `Thu 19 Nov` */
export function dayText(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("ccc d LLL");
}

/** `Thu 19 Nov 2026` */
export function longDayText(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("ccc d LLL yyyy");
}

/** `2026-11-19` */
export function isoDate(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("yyyy-MM-dd");
}

/** `+05:45` */
export function offsetText(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("ZZ");
}

/** ISO with the zone's offset and second precision: `2026-11-19T09:00:00+01:00`. */
export function isoIn(at: Date | string | DateTime, zone: string): string {
  return toDateTime(at, zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
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
