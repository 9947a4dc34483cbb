import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { dueMoment, dueSortKey, localDate, localToInstant, zoneOffset } from "./time.js";

/**
 * The cached zone tables must agree with luxon everywhere: every quarter hour of two years in zones
 * with odd offsets, Ramadan suspensions, half-hour DST and midnight transitions.
 */
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "America/Havana"];

describe("zone offsets from the yearly tables", () => {
  it.each(ZONES)("%s: every quarter hour of 2026 and 2027 matches luxon", (zone) => {
    const tz = IANAZone.create(zone);
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 15 * 60_000) {
      if (zoneOffset(zone, t) !== tz.offset(t)) expect(`${zone} ${new Date(t).toISOString()}: ${zoneOffset(zone, t)}`).toBe(`${tz.offset(t)}`);
    }
  });

  it.each(ZONES)("%s: local dates and ends of days match luxon", (zone) => {
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      expect(dueSortKey(iso, zone)).toBe(dueMoment(iso, zone).toMillis());
      const noonish = day + 13 * 3_600_000 + 7 * 60_000;
      expect(localDate(new Date(noonish), zone)).toBe(DateTime.fromMillis(noonish).setZone(zone).toISODate());
    }
  });

  it.each([
    ["a normal morning", "2026-11-20", 9 * 60, "Europe/Berlin", "2026-11-20T08:00:00.000Z"],
    ["a time in the spring-forward gap moves forward", "2026-03-29", 2 * 60 + 30, "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["a time that happens twice is its first occurrence", "2026-10-25", 2 * 60 + 30, "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["midnight that does not exist (Santiago)", "2026-09-06", 0, "America/Santiago", "2026-09-06T04:00:00.000Z"],
    ["a quarter-hour zone", "2026-11-20", 9 * 60, "Asia/Kathmandu", "2026-11-20T03:15:00.000Z"],
  ])("localToInstant: %s", (_name, date, minutes, zone, expected) => {
    expect(new Date(localToInstant(date, minutes, zone)).toISOString()).toBe(expected);
  });
});
