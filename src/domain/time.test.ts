import { describe, expect, it } from "vitest";
import { TasksError } from "../app/errors.js";
import { dueMoment, formatStamp, inZone, isoInZone, isPastDue, isValidZone, parseDueInput, parseHours, parseInstant, weekdayNumber } from "./time.js";

const at = (iso: string): Date => new Date(iso);

describe("dueMoment and isPastDue", () => {
  it.each([
    ["Asia/Kolkata", "2026-12-01T18:29:59.999Z"],
    ["America/New_York", "2026-12-02T04:59:59.999Z"],
    ["Europe/Berlin", "2026-12-01T22:59:59.999Z"],
    ["Asia/Kathmandu", "2026-12-01T18:14:59.999Z"],
    ["Pacific/Chatham", "2026-12-01T10:14:59.999Z"],
    ["UTC", "2026-12-01T23:59:59.999Z"],
  ])("a date is the end of that day in the owner's zone: %s", (zone, end) => {
    expect(dueMoment("2026-12-01", zone).toUTC().toISO()).toBe(end);
  });

  it("the same date is overdue in Kolkata but not in New York at 20:00 UTC", () => {
    const now = at("2026-12-01T20:00:00Z");
    expect(isPastDue("2026-12-01", "Asia/Kolkata", now)).toBe(true);
    expect(isPastDue("2026-12-01", "America/New_York", now)).toBe(false);
    expect(isPastDue("2026-12-01", "UTC", now)).toBe(false);
  });

  it.each([
    ["2026-12-01T17:00:00+01:00", "2026-12-01T16:00:00.000Z"],
    ["2026-12-01T17:00:00Z", "2026-12-01T17:00:00.000Z"],
    ["2026-12-01T17:00-05:00", "2026-12-01T22:00:00.000Z"],
    ["2026-12-01T17:00:00.250+05:45", "2026-12-01T11:15:00.250Z"],
  ])("a date-time %s keeps its own offset, whatever the owner's zone", (due, utc) => {
    expect(dueMoment(due, "Asia/Tokyo").toUTC().toISO()).toBe(utc);
    expect(isPastDue(due, "Pacific/Chatham", new Date(Date.parse(utc) + 1))).toBe(true);
    expect(isPastDue(due, "Pacific/Chatham", new Date(Date.parse(utc)))).toBe(false);
  });

  it("a date across the end of daylight saving time still ends at local midnight", () => {
    expect(dueMoment("2026-10-25", "Europe/Berlin").toUTC().toISO()).toBe("2026-10-25T22:59:59.999Z");
    expect(dueMoment("2026-03-29", "Europe/Berlin").toUTC().toISO()).toBe("2026-03-29T21:59:59.999Z");
  });

  it.each([null, "not a date"])("nothing is past due for %j", (due) => {
    expect(isPastDue(due, "UTC", at("2100-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("parseDueInput", () => {
  // Friday 2026-11-20, 09:00 UTC.
  const now = at("2026-11-20T09:00:00Z");

  it.each([
    ["2026-12-01", "UTC", "2026-12-01"],
    ["2026-12-01T17:00:00+01:00", "UTC", "2026-12-01T17:00:00+01:00"],
    ["2026-12-01T17:00:00Z", "UTC", "2026-12-01T17:00:00Z"],
    ["today", "UTC", "2026-11-20"],
    ["Today", "UTC", "2026-11-20"],
    ["tomorrow", "UTC", "2026-11-21"],
    ["  TOMORROW ", "UTC", "2026-11-21"],
    ["+3d", "UTC", "2026-11-23"],
    ["+0d", "UTC", "2026-11-20"],
    ["+2w", "UTC", "2026-12-04"],
    ["+45d", "UTC", "2027-01-04"],
    ["monday", "UTC", "2026-11-23"],
    ["mon", "UTC", "2026-11-23"],
    ["thursday", "UTC", "2026-11-26"],
    ["friday", "UTC", "2026-11-27"],
    ["Fri", "UTC", "2026-11-27"],
    ["saturday", "UTC", "2026-11-21"],
    ["sun", "UTC", "2026-11-22"],
  ])("%j in %s → %s", (input, zone, expected) => {
    expect(parseDueInput(input, now, zone)).toBe(expected);
  });

  it("counts relative dates from today in the given zone", () => {
    // 09:00 UTC on Friday is already Saturday in Kiritimati (+14) and still Thursday nowhere.
    expect(parseDueInput("today", at("2026-11-20T23:30:00Z"), "Asia/Kolkata")).toBe("2026-11-21");
    expect(parseDueInput("today", at("2026-11-20T23:30:00Z"), "America/New_York")).toBe("2026-11-20");
    expect(parseDueInput("tomorrow", at("2026-11-20T12:00:00Z"), "Pacific/Kiritimati")).toBe("2026-11-22");
    expect(parseDueInput("friday", at("2026-11-20T12:00:00Z"), "Pacific/Kiritimati")).toBe("2026-11-27");
    expect(parseDueInput("saturday", at("2026-11-20T12:00:00Z"), "Pacific/Kiritimati")).toBe("2026-11-28");
  });

  it("crosses a daylight saving change by calendar days", () => {
    expect(parseDueInput("+1d", at("2026-10-24T12:00:00Z"), "Europe/Berlin")).toBe("2026-10-25");
    expect(parseDueInput("+1w", at("2026-03-25T12:00:00Z"), "America/New_York")).toBe("2026-04-01");
  });

  it.each(["", "next week", "constructor", "toString", "__proto__", "3d", "+3", "-1d", "+1m", "2026-02-30", "2026-12-01T17:00:00", "12/01/2026", "2026-13-01", "fridays", "+99999d", "1.12.2026"])(
    "refuses %j with INVALID_VALUE and a hint",
    (input) => {
      let error: unknown;
      try {
        parseDueInput(input, now, "UTC");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(TasksError);
      expect(error).toMatchObject({ code: "INVALID_VALUE", hint: expect.stringMatching(/\+3d/) });
    },
  );
});

describe("zones, stamps and instants", () => {
  it.each([
    ["UTC", true],
    ["Europe/Berlin", true],
    ["Asia/Kathmandu", true],
    ["Pacific/Chatham", true],
    ["Mars/Olympus", false],
    ["", false],
    ["Berlin", false],
  ])("isValidZone(%j) is %s", (zone, valid) => {
    expect(isValidZone(zone)).toBe(valid);
  });

  it.each([
    ["Europe/Berlin", "2026-11-20 14:02 +01:00", "2026-11-20T14:02:00+01:00"],
    ["Asia/Kathmandu", "2026-11-20 18:47 +05:45", "2026-11-20T18:47:00+05:45"],
    ["Pacific/Chatham", "2026-11-21 02:47 +13:45", "2026-11-21T02:47:00+13:45"],
    ["America/New_York", "2026-11-20 08:02 -05:00", "2026-11-20T08:02:00-05:00"],
    ["UTC", "2026-11-20 13:02 +00:00", "2026-11-20T13:02:00+00:00"],
  ])("formatStamp and isoInZone in %s", (zone, stamp, iso) => {
    const now = at("2026-11-20T13:02:30Z");
    expect(formatStamp(now, zone)).toBe(stamp);
    expect(isoInZone(now, zone)).toBe(iso.replace(":00+", ":30+").replace(":00-", ":30-"));
  });

  it("inZone reads strings with their own offset", () => {
    expect(inZone("2026-11-20T09:00:00+01:00", "Asia/Kolkata").toISO()).toBe("2026-11-20T13:30:00.000+05:30");
  });

  it.each([
    ["2026-11-20", "Asia/Kolkata", "2026-11-19T18:30:00.000Z"],
    ["2026-11-20T09:00:00", "America/New_York", "2026-11-20T14:00:00.000Z"],
    ["2026-11-20T09:00:00Z", "America/New_York", "2026-11-20T09:00:00.000Z"],
    ["2026-11-20T09:00:00+05:45", "UTC", "2026-11-20T03:15:00.000Z"],
  ])("parseInstant(%s, %s)", (value, zone, iso) => {
    expect(parseInstant(value, zone)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "2026-02-30", "2026-11-20T25:00:00Z"])("parseInstant(%j) is undefined", (value) => {
    expect(parseInstant(value, "UTC")).toBeUndefined();
  });

  it.each([
    ["09:00-17:00", { start: 540, end: 1020 }],
    [" 08:30-16:45 ", { start: 510, end: 1005 }],
    ["00:00-24:00", { start: 0, end: 1440 }],
    ["17:00-09:00", undefined],
    ["09:00-09:00", undefined],
    ["9:00-17:00", undefined],
    ["09:00-24:30", undefined],
    ["25:00-26:00", undefined],
    ["09:60-17:00", undefined],
    ["09:00", undefined],
  ])("parseHours(%j)", (value, hours) => {
    expect(parseHours(value)).toEqual(hours);
  });

  it.each([
    ["mon", 1],
    ["Tuesday", 2],
    [" thurs ", 4],
    ["SUN", 7],
    ["funday", undefined],
    ["", undefined],
    ["constructor", undefined],
    ["__proto__", undefined],
    ["hasOwnProperty", undefined],
  ])("weekdayNumber(%j)", (name, n) => {
    expect(weekdayNumber(name)).toBe(n);
  });
});
