import { describe, expect, it } from "vitest";
import { DEFAULT_DAYS, DEFAULT_HOURS, type Member } from "../domain/config.js";
import { offTime, type Schedule } from "../domain/working-time.js";
import { cronLines, dueAt, dueNow, renderGithubSchedule } from "./schedule.js";

const member = (handle: string, timezone: string, days: readonly number[] = DEFAULT_DAYS, start = DEFAULT_HOURS.start): Member => ({
  handle,
  name: null,
  emails: [],
  timezone,
  hours: { start, end: DEFAULT_HOURS.end },
  days,
});

const dev = member("dev", "Asia/Kathmandu");
const kiri = member("kiri", "Pacific/Chatham");
const nell = member("nell", "America/St_Johns");
const sun = member("sam", "Europe/Berlin", [7]);
const team = [dev, kiri, nell, sun];

describe("dueNow and time off", () => {
  // dev's Monday 23 Nov starts at 03:15 UTC; an away period covering it, or a holiday on it, skips him.
  const withOff = (off: Schedule["off"]) => (m: Member): Schedule => ({ timezone: m.timezone, hours: m.hours, days: m.days, ...(off ? { off } : {}) });
  const away = offTime([{ from: "2026-11-23", to: "2026-11-27", note: "leave", start: Date.parse("2026-11-22T18:15:00Z"), end: Date.parse("2026-11-27T18:15:00Z") }], []);
  const holiday = offTime([], [new Map([["2026-11-23", "Bank holiday"]])]);
  it("an away day is not a working day: no standup is due", () => expect(dueNow([dev], new Date("2026-11-23T03:40:00Z"), 60, withOff(away))).toEqual([]));
  it("a holiday in their calendar neither", () => expect(dueNow([dev], new Date("2026-11-23T03:40:00Z"), 60, withOff(holiday))).toEqual([]));
  it("the first day back is due again", () => expect(dueNow([dev], new Date("2026-11-30T03:40:00Z"), 60, withOff(away)).map((m) => m.handle)).toEqual(["dev"]));
});

describe("dueNow: whose working day started in the last interval", () => {
  it.each([
    ["Kathmandu (+05:45) Monday 09:00 is 03:15 UTC: due at 03:40", "2026-11-23T03:40:00Z", ["dev"]],
    ["…and at 03:15 exactly", "2026-11-23T03:15:00Z", ["dev"]],
    ["…not a minute before it", "2026-11-23T03:14:00Z", []],
    ["…nor over an hour after it", "2026-11-23T04:16:00Z", []],
    ["Kathmandu on Saturday: not a working day", "2026-11-21T03:40:00Z", []],
    ["Chatham (+13:45 in summer): Monday 09:00 is Sunday 19:15 UTC", "2026-11-22T19:30:00Z", ["kiri"]],
    ["Chatham after summer time ends (5 Apr): Monday 09:00 is Sunday 20:15 UTC", "2026-04-05T20:20:00Z", ["kiri"]],
    ["Chatham's Saturday 09:00 (Friday 19:15 UTC) is not a working day", "2026-11-20T19:30:00Z", []],
    ["St John's (-03:30) Friday before summer time: 12:30 UTC", "2026-03-06T12:35:00Z", ["nell"]],
    ["St John's on the Monday after the switch (8 Mar, -02:30): 11:30 UTC", "2026-03-09T11:45:00Z", ["nell"]],
    ["…so 12:45 UTC that Monday is 75 minutes late", "2026-03-09T12:45:00Z", []],
    ["someone who works Sundays only, on a Sunday in Berlin", "2026-11-22T08:30:00Z", ["sam"]],
  ])("%s", (_what, now, expected) => {
    expect(dueNow(team, new Date(now), 60).map((m) => m.handle)).toEqual(expected);
  });

  it("a shorter interval leaves out a start it has passed", () => {
    expect(dueNow([dev], new Date("2026-11-23T03:40:00Z"), 15)).toEqual([]);
    expect(dueNow([dev], new Date("2026-11-23T03:25:00Z"), 15).map((m) => m.handle)).toEqual(["dev"]);
  });
});

describe("cronLines: every distinct start in UTC over a year", () => {
  it("gives one line for a zone without summer time and two for one with it, on the right UTC weekdays", () => {
    const from = new Date("2026-11-01T00:00:00Z");
    expect(cronLines([dev], from)).toEqual([{ cron: "15 3 * * 1,2,3,4,5", people: ["dev (Asia/Kathmandu 09:00)"] }]);
    // Chatham's Monday 09:00 falls on Sunday in UTC: 19:15 at +13:45, 20:15 at +12:45.
    expect(cronLines([kiri], from).map((l) => l.cron)).toEqual(["15 19 * * 0,1,2,3,4", "15 20 * * 0,1,2,3,4"]);
    expect(cronLines([nell], from).map((l) => l.cron)).toEqual(["30 11 * * 1,2,3,4,5", "30 12 * * 1,2,3,4,5"]);
  });

  it("merges people who start at the same UTC moment and renders the workflow block", () => {
    const lines = cronLines([dev, member("devi", "Asia/Kathmandu")], new Date("2026-11-01T00:00:00Z"));
    expect(lines).toHaveLength(1);
    const text = renderGithubSchedule(lines);
    expect(text).toContain('    - cron: "15 3 * * 1,2,3,4,5" # dev (Asia/Kathmandu 09:00), devi (Asia/Kathmandu 09:00)');
    expect(text).toContain("on:\n  schedule:\n");
  });
});

describe("dueAt end: whose working day ended in the last interval (for handoff --due-now)", () => {
  const ends = (now: string, people = team, minutes = 60) => dueAt("end", people, new Date(now), minutes).map((d) => `${d.member.handle} ${d.day}`);
  it.each([
    ["Kathmandu (+05:45) Monday 17:00 is 11:15 UTC: due at 11:40", "2026-11-23T11:40:00Z", ["dev 2026-11-23"]],
    ["…not before it", "2026-11-23T11:14:00Z", []],
    ["…nor over an hour after it", "2026-11-23T12:16:00Z", []],
    ["Kathmandu's Saturday: not a working day", "2026-11-21T11:40:00Z", []],
    ["Chatham (+13:45 in summer): Monday 17:00 is Monday 03:15 UTC", "2026-11-23T03:30:00Z", ["kiri 2026-11-23"]],
    ["Chatham after summer time ends (5 Apr, +12:45): Monday 6 Apr 17:00 is 04:15 UTC", "2026-04-06T04:20:00Z", ["kiri 2026-04-06"]],
    ["St John's (-03:30) Friday 17:00 before summer time: 20:30 UTC", "2026-03-06T20:35:00Z", ["nell 2026-03-06"]],
    ["St John's on the Monday after the switch (-02:30): 19:30 UTC", "2026-03-09T19:45:00Z", ["nell 2026-03-09"]],
    ["…so 20:45 UTC that Monday is too late", "2026-03-09T20:45:00Z", []],
    ["Berlin, on a Sunday, for someone who works Sundays: 16:00 UTC", "2026-11-22T16:30:00Z", ["sam 2026-11-22"]],
  ])("%s", (_what, now, expected) => expect(ends(now)).toEqual(expected));

  it("an away day has no end of day either", () => {
    const away = offTime([{ from: "2026-11-23", to: "2026-11-23", note: "leave", start: Date.parse("2026-11-22T18:15:00Z"), end: Date.parse("2026-11-23T18:15:00Z") }], []);
    expect(dueAt("end", [dev], new Date("2026-11-23T11:40:00Z"), 60, (m) => ({ timezone: m.timezone, hours: m.hours, days: m.days, ...(away ? { off: away } : {}) }))).toEqual([]);
  });

  it("cron lines for the ends: both offsets around a switch", () => {
    const from = new Date("2026-11-01T00:00:00Z");
    expect(cronLines([dev], from, undefined, "end").map((l) => l.cron)).toEqual(["15 11 * * 1,2,3,4,5"]);
    expect(cronLines([nell], from, undefined, "end")).toEqual([
      { cron: "30 19 * * 1,2,3,4,5", people: ["nell (America/St_Johns 17:00)"] },
      { cron: "30 20 * * 1,2,3,4,5", people: ["nell (America/St_Johns 17:00)"] },
    ]);
    expect(cronLines([kiri], from, undefined, "end").map((l) => l.cron)).toEqual(["15 3 * * 1,2,3,4,5", "15 4 * * 1,2,3,4,5"]);
  });
});
