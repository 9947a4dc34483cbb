import { describe, expect, it } from "vitest";
import { type Config, DEFAULT_CONFIG, type Member } from "../domain/config.js";
import { defaultSchedule, type Schedule } from "../domain/working-time.js";
import { availability, followTheSun, isoWeek, standupMoment, standupWindow } from "./windows.js";

const utc = (dt: { toUTC(): { toISO(o: { suppressMilliseconds: boolean }): string | null } }): string | null => dt.toUTC().toISO({ suppressMilliseconds: true });

describe("standupWindow: from the start of the person's previous working day, in their zone", () => {
  // Expected instants are worked out by hand from each zone's offset on that date.
  const cases: [string, string, string, string][] = [
    ["Berlin, Friday morning → Thursday 09:00 CET", "Europe/Berlin", "2026-11-20T09:00:00Z", "2026-11-19T08:00:00Z"],
    ["Berlin, Monday → Friday, not the weekend", "Europe/Berlin", "2026-11-23T08:30:00Z", "2026-11-20T08:00:00Z"],
    ["New York, Friday 09:00 EST → Thursday 09:00 EST", "America/New_York", "2026-11-20T14:00:00Z", "2026-11-19T14:00:00Z"],
    ["New York, still Thursday evening locally → Wednesday", "America/New_York", "2026-11-20T03:00:00Z", "2026-11-18T14:00:00Z"],
    ["Kolkata (+05:30), Friday → Thursday 09:00 IST", "Asia/Kolkata", "2026-11-20T04:00:00Z", "2026-11-19T03:30:00Z"],
    ["Kathmandu (+05:45), Monday → Friday 09:00 NPT", "Asia/Kathmandu", "2026-11-23T03:30:00Z", "2026-11-20T03:15:00Z"],
    ["Chatham (+13:45 in summer), Monday → Friday", "Pacific/Chatham", "2026-11-22T20:15:00Z", "2026-11-19T19:15:00Z"],
    ["Berlin, Monday after clocks go forward (29 Mar) → Friday in CET", "Europe/Berlin", "2026-03-30T08:00:00Z", "2026-03-27T08:00:00Z"],
    ["Berlin, Monday after clocks go back (25 Oct) → Friday in CEST", "Europe/Berlin", "2026-10-26T09:00:00Z", "2026-10-23T07:00:00Z"],
    ["New York, Monday after clocks go forward (8 Mar) → Friday in EST", "America/New_York", "2026-03-09T14:00:00Z", "2026-03-06T14:00:00Z"],
    ["New York, Monday after clocks go back (1 Nov) → Friday in EDT", "America/New_York", "2026-11-02T15:00:00Z", "2026-10-30T13:00:00Z"],
    ["Chatham, Monday after summer time ends (5 Apr) → Friday at +13:45", "Pacific/Chatham", "2026-04-05T21:15:00Z", "2026-04-02T19:15:00Z"],
    ["Chatham, Monday after summer time starts (27 Sep) → Friday at +12:45", "Pacific/Chatham", "2026-09-27T20:15:00Z", "2026-09-24T20:15:00Z"],
  ];
  it.each(cases)("%s", (_name, zone, now, from) => {
    const window = standupWindow(new Date(now), defaultSchedule(zone));
    expect(utc(window.from)).toBe(from.replace(".000", ""));
    expect(window.to.toMillis()).toBe(Date.parse(now));
  });

  it("follows the person's own days and hours: a Saturday worker's Monday reaches back to Saturday 10:00", () => {
    const schedule: Schedule = { timezone: "Asia/Kolkata", hours: { start: 600, end: 1080 }, days: [1, 2, 3, 4, 5, 6] };
    expect(utc(standupWindow(new Date("2026-11-23T05:00:00Z"), schedule).from)).toBe("2026-11-21T04:30:00Z");
  });

  it("a Sunday-to-Thursday week: Sunday's standup reaches back to Thursday", () => {
    const schedule: Schedule = { timezone: "Asia/Dubai", hours: { start: 480, end: 960 }, days: [7, 1, 2, 3, 4] };
    expect(utc(standupWindow(new Date("2026-11-22T05:00:00Z"), schedule).from)).toBe("2026-11-19T04:00:00Z");
  });
});

describe("standupMoment", () => {
  const now = new Date("2026-11-20T09:00:00Z");
  it("is now without --date", () => expect(standupMoment(undefined, now, "UTC")).toBe(now));
  it("is the end of that day in the person's zone for a past date", () => {
    expect(standupMoment("2026-11-19", now, "Asia/Kolkata").toISOString()).toBe("2026-11-19T18:29:59.999Z");
  });
  it("never passes now", () => expect(standupMoment("2026-11-20", now, "Europe/Berlin")).toBe(now));
  it("refuses what is not a date", () => expect(() => standupMoment("friday-ish", now, "UTC")).toThrow(/is not a date/));
});

describe("isoWeek: Monday 00:00 to the next Monday in the repository's zone", () => {
  const now = new Date("2026-11-20T09:00:00Z");
  const cases: [string, string, string, string, number][] = [
    ["2026-W47", "Europe/Berlin", "2026-11-15T23:00:00Z", "2026-11-22T23:00:00Z", 168],
    ["2026-W43", "Europe/Berlin", "2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z", 169],
    ["2026-W13", "Europe/Berlin", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z", 167],
    ["2026-W45", "America/New_York", "2026-11-02T05:00:00Z", "2026-11-09T05:00:00Z", 168],
    ["2026-W47", "Asia/Kathmandu", "2026-11-15T18:15:00Z", "2026-11-22T18:15:00Z", 168],
    ["2026-W47", "Pacific/Chatham", "2026-11-15T10:15:00Z", "2026-11-22T10:15:00Z", 168],
    ["2026-W53", "UTC", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", 168],
    ["2026w01", "UTC", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", 168],
  ];
  it.each(cases)("%s in %s", (label, zone, start, end, hours) => {
    const week = isoWeek(label, now, zone);
    expect(utc(week.start)).toBe(start);
    expect(utc(week.end)).toBe(end);
    expect((week.end.toMillis() - week.start.toMillis()) / 3_600_000).toBe(hours);
  });

  it("defaults to the week holding now, in the zone (already Monday in Berlin, still Sunday in UTC)", () => {
    const late = new Date("2026-11-22T23:30:00Z");
    expect(isoWeek(undefined, late, "Europe/Berlin").label).toBe("2026-W48");
    expect(isoWeek(undefined, late, "UTC").label).toBe("2026-W47");
  });

  it.each(["2025-W53", "2026-W00", "2026-47", "W47", "2026-W47; rm -rf /"])("refuses %s", (label) => {
    expect(() => isoWeek(label, now, "UTC")).toThrow(/is not an ISO week/);
  });
});

function member(handle: string, timezone: string): Member {
  return { handle, name: handle, emails: [`${handle}@example.com`], timezone, hours: { start: 540, end: 1020 }, days: [1, 2, 3, 4, 5] };
}

const sunTeam: Config = { ...DEFAULT_CONFIG, team: [member("alice", "Europe/Berlin"), member("bob", "America/New_York"), member("chitra", "Asia/Kolkata"), member("dev", "Asia/Kathmandu")] };

describe("followTheSun: the teammate whose day starts next after the giver's began", () => {
  const cases: [string, string, string, string][] = [
    ["Berlin at 17:00 → New York, already at work", "alice", "2026-11-17T16:00:00Z", "bob"],
    ["New York at 17:00 → Kathmandu (+05:45), whose 09:00 comes before Kolkata's", "bob", "2026-11-17T22:00:00Z", "dev"],
    ["Kathmandu at 17:00 → Kolkata, 15 minutes behind and still at work", "dev", "2026-11-18T11:15:00Z", "chitra"],
    ["Kolkata at 17:00 → Berlin, already at work", "chitra", "2026-11-18T11:30:00Z", "alice"],
    ["New York on Friday evening → Kathmandu on Monday", "bob", "2026-11-20T22:00:00Z", "dev"],
    ["Berlin late at night, after New York finished → Kathmandu tomorrow", "alice", "2026-11-17T23:30:00Z", "dev"],
  ];
  it.each(cases)("%s", (_name, giver, now, receiver) => {
    expect(followTheSun(sunTeam, new Date(now), giver)?.member.handle).toBe(receiver);
  });

  it("never picks the giver, and finds nobody on a team of one", () => {
    expect(followTheSun({ ...DEFAULT_CONFIG, team: [member("alice", "Europe/Berlin")] }, new Date("2026-11-17T16:00:00Z"), "alice")).toBeUndefined();
  });
});

describe("availability", () => {
  it("inside the window: working, with its end", () => {
    const state = availability(new Date("2026-11-20T15:00:00Z"), defaultSchedule("America/New_York"));
    expect(state.working).toBe(true);
    expect(utc(state.windowEnd as NonNullable<typeof state.windowEnd>)).toBe("2026-11-20T22:00:00Z");
    expect(utc(state.nextStart)).toBe("2026-11-23T14:00:00Z");
  });
  it("off: no end, the next start", () => {
    const state = availability(new Date("2026-11-21T10:00:00Z"), defaultSchedule("Asia/Kathmandu"));
    expect(state.working).toBe(false);
    expect(state.windowEnd).toBeNull();
    expect(utc(state.nextStart)).toBe("2026-11-23T03:15:00Z");
  });
});
