import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Config, DEFAULT_CONFIG, type Member } from "./config.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import {
  defaultSchedule,
  isWorkingAt,
  nextWindowStart,
  previousWorkdayStart,
  type Schedule,
  scheduleFor,
  workingDaysAgo,
  workingDaysSince,
} from "./working-time.js";

const at = (iso: string): Date => new Date(iso);
const utc = (dt: { toUTC(): { toISO(): string | null } }): string | null => dt.toUTC().toISO();

const berlin = defaultSchedule("Europe/Berlin");
const newYork = defaultSchedule("America/New_York");
const kolkata = defaultSchedule("Asia/Kolkata");
const kathmandu = defaultSchedule("Asia/Kathmandu");
const chatham = defaultSchedule("Pacific/Chatham");
// A Sunday–Thursday week, 08:00–16:00.
const sunThu: Schedule = { timezone: "Asia/Dubai", hours: { start: 480, end: 960 }, days: [7, 1, 2, 3, 4] };
const wednesdays: Schedule = { timezone: "UTC", hours: { start: 600, end: 720 }, days: [3] };
const allDay: Schedule = { timezone: "UTC", hours: { start: 0, end: 1440 }, days: [1, 2, 3, 4, 5, 6, 7] };

describe("previousWorkdayStart (the standup window)", () => {
  it.each<[string, Schedule, string, string]>([
    ["Tuesday reaches back to Monday", berlin, "2026-11-24T10:00:00Z", "2026-11-23T08:00:00.000Z"],
    ["Monday reaches back to Friday", berlin, "2026-11-23T10:00:00Z", "2026-11-20T08:00:00.000Z"],
    ["Sunday reaches back to Friday", berlin, "2026-11-22T10:00:00Z", "2026-11-20T08:00:00.000Z"],
    ["Monday after the European spring change (2026-03-29)", berlin, "2026-03-30T08:00:00Z", "2026-03-27T08:00:00.000Z"],
    ["Monday after the European autumn change (2026-10-25)", berlin, "2026-10-26T09:00:00Z", "2026-10-23T07:00:00.000Z"],
    ["Monday after the US spring change (2026-03-08)", newYork, "2026-03-09T14:00:00Z", "2026-03-06T14:00:00.000Z"],
    ["Monday after the US autumn change (2026-11-01)", newYork, "2026-11-02T15:00:00Z", "2026-10-30T13:00:00.000Z"],
    ["still Sunday evening in New York while Monday in UTC", newYork, "2026-11-23T03:00:00Z", "2026-11-20T14:00:00.000Z"],
    ["already Monday in Kolkata (+05:30)", kolkata, "2026-11-23T03:00:00Z", "2026-11-20T03:30:00.000Z"],
    ["Monday in Kathmandu (+05:45)", kathmandu, "2026-11-23T03:00:00Z", "2026-11-20T03:15:00.000Z"],
    ["Monday in Chatham (+13:45 in summer)", chatham, "2026-11-22T20:00:00Z", "2026-11-19T19:15:00.000Z"],
    ["Chatham in winter (+12:45)", chatham, "2026-06-22T00:00:00Z", "2026-06-18T20:15:00.000Z"],
    ["Sunday–Thursday week: Sunday reaches back to Thursday", sunThu, "2026-11-22T06:00:00Z", "2026-11-19T04:00:00.000Z"],
    ["Sunday–Thursday week: Saturday reaches back to Thursday", sunThu, "2026-11-21T06:00:00Z", "2026-11-19T04:00:00.000Z"],
    ["Sunday–Thursday week: Monday reaches back to Sunday", sunThu, "2026-11-23T06:00:00Z", "2026-11-22T04:00:00.000Z"],
    ["one working day a week reaches back a week", wednesdays, "2026-11-25T12:00:00Z", "2026-11-18T10:00:00.000Z"],
  ])("%s", (_name, schedule, now, start) => {
    expect(utc(previousWorkdayStart(at(now), schedule))).toBe(start);
  });
});

describe("nextWindowStart", () => {
  it.each<[string, Schedule, string, string]>([
    ["before work: later today", berlin, "2026-11-20T07:00:00Z", "2026-11-20T08:00:00.000Z"],
    ["during work: the next working day", berlin, "2026-11-19T10:00:00Z", "2026-11-20T08:00:00.000Z"],
    ["Friday evening: Monday", berlin, "2026-11-20T18:00:00Z", "2026-11-23T08:00:00.000Z"],
    ["at the very start: the next day", berlin, "2026-11-19T08:00:00Z", "2026-11-20T08:00:00.000Z"],
    ["the weekend of the European spring change", berlin, "2026-03-28T12:00:00Z", "2026-03-30T07:00:00.000Z"],
    ["the weekend of the European autumn change", berlin, "2026-10-24T12:00:00Z", "2026-10-26T08:00:00.000Z"],
    ["the weekend of the US spring change", newYork, "2026-03-07T12:00:00Z", "2026-03-09T13:00:00.000Z"],
    ["the weekend of the US autumn change", newYork, "2026-10-31T12:00:00Z", "2026-11-02T14:00:00.000Z"],
    ["Kolkata", kolkata, "2026-11-20T09:00:00Z", "2026-11-23T03:30:00.000Z"],
    ["Kathmandu", kathmandu, "2026-11-19T12:00:00Z", "2026-11-20T03:15:00.000Z"],
    ["Chatham, already Friday night", chatham, "2026-11-20T09:00:00Z", "2026-11-22T19:15:00.000Z"],
    ["Sunday–Thursday week on a Thursday evening", sunThu, "2026-11-19T14:00:00Z", "2026-11-22T04:00:00.000Z"],
    ["Wednesdays only", wednesdays, "2026-11-19T12:00:00Z", "2026-11-25T10:00:00.000Z"],
  ])("%s", (_name, schedule, now, start) => {
    expect(utc(nextWindowStart(at(now), schedule))).toBe(start);
  });
});

describe("isWorkingAt", () => {
  it.each<[string, Schedule, string, boolean]>([
    ["at the start of the day", berlin, "2026-11-23T08:00:00Z", true],
    ["a minute before the start", berlin, "2026-11-23T07:59:00Z", false],
    ["a minute before the end", berlin, "2026-11-23T15:59:00Z", true],
    ["at the end (exclusive)", berlin, "2026-11-23T16:00:00Z", false],
    ["on Saturday", berlin, "2026-11-21T10:00:00Z", false],
    ["on the European spring change Monday (CEST)", berlin, "2026-03-30T07:00:00Z", true],
    ["an hour early in CEST", berlin, "2026-03-30T06:59:00Z", false],
    ["on the US autumn change Monday (EST)", newYork, "2026-11-02T14:00:00Z", true],
    ["an hour early in EST", newYork, "2026-11-02T13:30:00Z", false],
    ["Kolkata at 09:00 IST", kolkata, "2026-11-20T03:30:00Z", true],
    ["Kolkata at 08:59 IST", kolkata, "2026-11-20T03:29:00Z", false],
    ["Kathmandu at 09:00 NPT", kathmandu, "2026-11-20T03:15:00Z", true],
    ["Kathmandu at 16:59 NPT", kathmandu, "2026-11-20T11:14:00Z", true],
    ["Kathmandu at 17:00 NPT", kathmandu, "2026-11-20T11:15:00Z", false],
    ["Chatham on Friday morning local", chatham, "2026-11-19T20:00:00Z", true],
    ["Chatham on Saturday local while Friday in UTC", chatham, "2026-11-20T12:00:00Z", false],
    ["Sunday–Thursday week on Sunday", sunThu, "2026-11-22T06:00:00Z", true],
    ["Sunday–Thursday week on Friday", sunThu, "2026-11-20T06:00:00Z", false],
    ["round the clock, at midnight", allDay, "2026-11-22T00:00:00Z", true],
    ["round the clock, just before midnight", allDay, "2026-11-22T23:59:59Z", true],
  ])("%s", (_name, schedule, now, working) => {
    expect(isWorkingAt(at(now), schedule)).toBe(working);
  });
});

describe("workingDaysSince and workingDaysAgo (staleness)", () => {
  it.each<[string, Schedule, string, string, number]>([
    ["Monday morning to Friday noon", berlin, "2026-11-16T09:30:00Z", "2026-11-20T11:00:00Z", 4],
    ["Friday evening to Monday before work", berlin, "2026-11-20T18:00:00Z", "2026-11-23T07:59:00Z", 0],
    ["Friday evening to Monday at the start of work", berlin, "2026-11-20T18:00:00Z", "2026-11-23T08:00:00Z", 1],
    ["across the European spring change", berlin, "2026-03-27T10:00:00Z", "2026-03-30T07:00:00Z", 1],
    ["across the European autumn change", berlin, "2026-10-23T10:00:00Z", "2026-10-26T07:59:00Z", 0],
    ["across the US spring change", newYork, "2026-03-06T16:00:00Z", "2026-03-09T13:00:00Z", 1],
    ["across the US autumn change, an hour early", newYork, "2026-10-30T16:00:00Z", "2026-11-02T13:59:00Z", 0],
    ["across the US autumn change, on time", newYork, "2026-10-30T16:00:00Z", "2026-11-02T14:00:00Z", 1],
    ["two weeks and a day", defaultSchedule("UTC"), "2026-11-02T00:00:00Z", "2026-11-16T23:00:00Z", 11],
    ["Sunday–Thursday week over a weekend", sunThu, "2026-11-19T10:00:00Z", "2026-11-23T10:00:00Z", 2],
    ["a change in the future", berlin, "2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z", 0],
  ])("%s", (_name, schedule, since, now, days) => {
    expect(workingDaysSince(at(since), at(now), schedule)).toBe(days);
  });

  it.each<[string, Schedule, string, number, string]>([
    ["today counts once it has begun", berlin, "2026-11-20T11:00:00Z", 1, "2026-11-20T08:00:00.000Z"],
    ["two days: yesterday", berlin, "2026-11-20T11:00:00Z", 2, "2026-11-19T08:00:00.000Z"],
    ["six days: last Friday", berlin, "2026-11-20T11:00:00Z", 6, "2026-11-13T08:00:00.000Z"],
    ["before today's start: Friday", berlin, "2026-11-23T07:00:00Z", 1, "2026-11-20T08:00:00.000Z"],
    ["across the US autumn change", newYork, "2026-11-02T15:00:00Z", 2, "2026-10-30T13:00:00.000Z"],
  ])("workingDaysAgo: %s", (_name, schedule, now, count, start) => {
    expect(utc(workingDaysAgo(at(now), count, schedule))).toBe(start);
  });

  it("workingDaysAgo(now, 0) is now: nothing has had time to go stale", () => {
    expect(workingDaysAgo(at("2026-11-20T11:00:00Z"), 0, berlin).toMillis()).toBe(at("2026-11-20T11:00:00Z").getTime());
  });

  it("the two agree: a change at workingDaysAgo(n) has n-1 working days behind it, a moment earlier n", () => {
    const schedules = [berlin, newYork, kolkata, kathmandu, chatham, sunThu, wednesdays];
    const moment = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") }).map((t) => new Date(t));
    fc.assert(
      fc.property(moment, fc.integer({ min: 1, max: 15 }), fc.constantFrom(...schedules), (now, n, schedule) => {
        const start = workingDaysAgo(now, n, schedule).toJSDate();
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(workingDaysSince(start, now, schedule)).toBe(n - 1);
        expect(workingDaysSince(new Date(start.getTime() - 1), now, schedule)).toBe(n);
      }),
      runs(150),
    );
  }, PROPERTY_TIMEOUT);
});

describe("scheduleFor", () => {
  const alice: Member = { handle: "alice", name: "Alice", emails: ["alice@example.com"], timezone: "Asia/Kolkata", hours: { start: 600, end: 1080 }, days: [1, 2, 3, 4] };
  const config: Config = { ...DEFAULT_CONFIG, timezone: "Europe/Berlin", team: [alice] };

  it.each([
    ["a handle", "alice"],
    ["an email, in any case", "ALICE@example.com"],
  ])("finds a roster member by %s", (_name, who) => {
    expect(scheduleFor(config, who)).toEqual({ timezone: "Asia/Kolkata", hours: alice.hours, days: alice.days });
  });

  it.each([null, undefined, "", "mallory@evil.example"])("gives %j the default week in the repository's zone", (who) => {
    expect(scheduleFor(config, who)).toEqual(defaultSchedule("Europe/Berlin"));
  });
});
