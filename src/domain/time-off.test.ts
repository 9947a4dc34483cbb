import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { parseHolidayCalendar } from "../storage/holiday-calendar.js";
import { validateConfig } from "../storage/config-store.js";
import type { Config, HolidayCalendar } from "./config.js";
import { isWorkingAt, nextWindowStart, offAt, previousWorkdayStart, scheduleFor, workingDaysAgo, workingDaysSince } from "./working-time.js";

/**
 * Time off in the zone × date matrix: away periods across daylight saving changes and year ends,
 * date-time periods that take part of a day, and two people with different public holidays.
 */

const at = (iso: string): Date => new Date(iso);
const utc = (dt: { toUTC(): { toISO(): string | null } }): string | null => dt.toUTC().toISO();
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, "../../test/fixtures/holidays", name), "utf8");

async function configWith(team: Record<string, Record<string, unknown>>, holidays?: string): Promise<Config> {
  const { config } = validateConfig({ timezone: "UTC", ...(holidays ? { holidays } : {}), team: team as never });
  const calendars = new Map<string, HolidayCalendar>();
  for (const path of [config.holidays ?? [], ...config.team.map((m) => m.holidays ?? [])].flat()) {
    calendars.set(path, await parseHolidayCalendar(fixture(path.split("/").pop() as string), path));
  }
  return { ...config, calendars };
}

const config = await configWith({
  berlin: { timezone: "Europe/Berlin", away: ["2026-10-23..2026-10-27", "2026-12-21..2027-01-03", { from: "2026-11-24T13:00", to: "2026-11-25T12:00", note: "dentist" }] },
  york: { timezone: "America/New_York", away: [{ from: "2026-03-06", to: "2026-03-09", note: "ski trip" }, "2026-10-30..2026-11-02"] },
  kathmandu: { timezone: "Asia/Kathmandu", days: ["sun", "mon", "tue", "wed", "thu", "fri"], hours: "10:00-17:00", away: ["2026-12-31..2027-01-01"] },
  chatham: { timezone: "Pacific/Chatham", away: ["2026-12-31T17:00+13:45..2027-01-04T12:00+13:45"] },
});
const s = (who: string) => scheduleFor(config, who);

describe("away periods: the standup window reaches back past them", () => {
  it.each<[string, string, string, string]>([
    ["over the European autumn change: back on Wednesday, covers since Thursday (CEST)", "berlin", "2026-10-28T10:00:00Z", "2026-10-22T07:00:00.000Z"],
    ["over the US spring change: back on Tuesday, covers since Thursday (EST)", "york", "2026-03-10T14:00:00Z", "2026-03-05T14:00:00.000Z"],
    ["over the US autumn change: back on Tuesday (EST), covers since Thursday (EDT)", "york", "2026-11-03T15:00:00Z", "2026-10-29T13:00:00.000Z"],
    ["over the year end: Monday 4 January covers since Friday 18 December", "berlin", "2027-01-04T10:00:00Z", "2026-12-18T08:00:00.000Z"],
    ["a Sunday–Friday week over the year end in Kathmandu: Sunday covers since Wednesday", "kathmandu", "2027-01-03T06:00:00Z", "2026-12-30T04:15:00.000Z"],
    ["a date-time period: the day it ends at noon is off, the day it starts at 13:00 is not", "berlin", "2026-11-26T10:00:00Z", "2026-11-24T08:00:00.000Z"],
  ])("%s", (_name, who, now, from) => {
    expect(utc(previousWorkdayStart(at(now), s(who)))).toBe(from);
  });
});

describe("away periods: the next window is the first day back", () => {
  it.each<[string, string, string, string]>([
    ["over the year end", "berlin", "2026-12-22T10:00:00Z", "2027-01-04T08:00:00.000Z"],
    ["over the European autumn change: back in CET", "berlin", "2026-10-22T16:30:00Z", "2026-10-28T08:00:00.000Z"],
    ["over the US spring change: back in EDT", "york", "2026-03-05T23:00:00Z", "2026-03-10T13:00:00.000Z"],
    ["Kathmandu's Sunday–Friday week: back on Sunday", "kathmandu", "2026-12-30T12:00:00Z", "2027-01-03T04:15:00.000Z"],
    ["Chatham over the year end, given with an offset", "chatham", "2026-12-31T05:00:00Z", "2027-01-04T19:15:00.000Z"],
    ["a date-time period that ends at noon: the next day", "berlin", "2026-11-24T12:30:00Z", "2026-11-26T08:00:00.000Z"],
  ])("%s", (_name, who, now, start) => {
    expect(utc(nextWindowStart(at(now), s(who)))).toBe(start);
  });

  it.each<[string, string, string, boolean]>([
    ["before a date-time period starts (12:00 local)", "berlin", "2026-11-24T11:00:00Z", true],
    ["inside it (13:30 local)", "berlin", "2026-11-24T12:30:00Z", false],
    ["after it ended, on the day it ended (14:00 local): that day began while away", "berlin", "2026-11-25T13:00:00Z", false],
    ["on 2027-01-01 in Kathmandu", "kathmandu", "2027-01-01T06:00:00Z", false],
    ["back on Sunday 2027-01-03 in Kathmandu", "kathmandu", "2027-01-03T06:00:00Z", true],
  ])("isWorkingAt %s", (_name, who, now, working) => {
    expect(isWorkingAt(at(now), s(who))).toBe(working);
  });

  it("offAt names the period, its note and when it ends", () => {
    const off = offAt(at("2026-11-24T12:30:00Z"), s("berlin"));
    expect(off?.off).toMatchObject({ kind: "away", period: { note: "dentist" } });
    expect(new Date(off?.until ?? 0).toISOString()).toBe("2026-11-25T11:00:00.000Z");
    expect(offAt(at("2026-11-24T11:00:00Z"), s("berlin"))).toBeUndefined();
  });
});

describe("away periods: working days (staleness) skip them", () => {
  it.each<[string, string, string, string, number]>([
    ["over the year end: Fri 18 Dec to Tue 5 Jan is two working days, not twelve", "berlin", "2026-12-18T10:00:00Z", "2027-01-05T10:00:00Z", 2],
    ["over the European autumn change", "berlin", "2026-10-22T10:00:00Z", "2026-10-28T10:00:00Z", 1],
    ["over the US spring change", "york", "2026-03-05T16:00:00Z", "2026-03-10T14:00:00Z", 1],
    ["the day a date-time period starts at 13:00 counts", "berlin", "2026-11-23T10:00:00Z", "2026-11-26T10:00:00Z", 2],
  ])("%s", (_name, who, since, now, days) => {
    expect(workingDaysSince(at(since), at(now), s(who))).toBe(days);
  });

  it("workingDaysAgo steps over them", () => {
    expect(utc(workingDaysAgo(at("2027-01-05T10:00:00Z"), 3, s("berlin")))).toBe("2026-12-18T08:00:00.000Z");
  });

  it("the two agree with time off as without", () => {
    const moment = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-06-30T00:00:00Z") }).map((t) => new Date(t));
    fc.assert(
      fc.property(moment, fc.integer({ min: 1, max: 15 }), fc.constantFrom("berlin", "york", "kathmandu", "chatham"), (now, n, who) => {
        const schedule = s(who);
        const start = workingDaysAgo(now, n, schedule).toJSDate();
        expect(workingDaysSince(start, now, schedule)).toBe(n - 1);
        expect(workingDaysSince(new Date(start.getTime() - 1), now, schedule)).toBe(n);
      }),
      runs(150),
    );
  }, PROPERTY_TIMEOUT);
});

describe("public holidays differ between two people on one team", async () => {
  const team = await configWith(
    {
      anna: { timezone: "Europe/Berlin" },
      bishnu: { timezone: "Asia/Kathmandu", days: ["sun", "mon", "tue", "wed", "thu", "fri"], holidays: ".tasks/holidays/nepal.ics" },
      carl: { timezone: "Europe/Berlin", holidays: null },
    },
    ".tasks/holidays/germany.ics",
  );
  const anna = scheduleFor(team, "anna");
  const bishnu = scheduleFor(team, "bishnu");
  const carl = scheduleFor(team, "carl");

  it("the team's calendar applies to who names none; a person's own replaces it; null is none", () => {
    expect(team.team.map((m) => [m.handle, m.holidays])).toEqual([
      ["anna", [".tasks/holidays/germany.ics"]],
      ["bishnu", [".tasks/holidays/nepal.ics"]],
      ["carl", []],
    ]);
  });

  it("Christmas (a yearly rule, two days) is off in Berlin, a working day in Kathmandu", () => {
    expect(isWorkingAt(at("2026-12-25T10:00:00Z"), anna)).toBe(false);
    expect(offAt(at("2026-12-25T10:00:00Z"), anna)?.off).toEqual({ kind: "holiday", name: "Weihnachten" });
    expect(isWorkingAt(at("2026-12-25T06:00:00Z"), bishnu)).toBe(true);
    expect(isWorkingAt(at("2026-12-25T10:00:00Z"), carl)).toBe(true);
  });

  it("Tihar is off in Kathmandu and not in Berlin", () => {
    expect(isWorkingAt(at("2026-11-10T06:00:00Z"), bishnu)).toBe(false);
    expect(isWorkingAt(at("2026-11-10T10:00:00Z"), anna)).toBe(true);
  });

  it("the same week has different working days for each", () => {
    // Mon 21 Dec 2026 to Mon 4 Jan 2027, 10:00 UTC.
    const [from, to] = [at("2026-12-21T10:00:00Z"), at("2027-01-04T10:00:00Z")];
    // Anna: 22, 23, 24, 28, 29, 30, 31 Dec and 4 Jan (25, 26 Dec and 1 Jan are German holidays).
    expect(workingDaysSince(from, to, anna)).toBe(8);
    // Carl, same zone, no calendar: 25 Dec and 1 Jan count too.
    expect(workingDaysSince(from, to, carl)).toBe(10);
    // Bishnu, Sunday to Friday in Kathmandu, no German holidays: 22–25, 27–31 Dec, 1, 3, 4 Jan.
    expect(workingDaysSince(from, to, bishnu)).toBe(12);
  });

  it("an EXDATE removes one year's occurrence", () => {
    expect(offAt(at("2027-01-01T10:00:00Z"), anna)?.off).toEqual({ kind: "holiday", name: "Neujahr" });
    expect(offAt(at("2028-01-01T10:00:00Z"), anna)).toBeUndefined();
  });
});
