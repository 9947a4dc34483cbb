import { describe, expect, it } from "vitest";
import type { AwayPeriod } from "../../domain/config.js";
import { configWith, context, makeTask, member } from "../../../test/helpers/tasks.js";
import { dueWhileAwayRule } from "./due-while-away.js";

const settings = { severity: "warning" as const, days: 0 };
const period = (from: string, to: string, note: string | null, start: string, end: string): AwayPeriod => ({ from, to, note, start: Date.parse(start), end: Date.parse(end) });
const config = configWith({
  team: [
    member("alice", "Europe/Berlin", { away: [period("2026-12-21", "2027-01-03", "family", "2026-12-20T23:00:00Z", "2027-01-03T23:00:00Z")] }),
    member("bob", "America/New_York", { holidays: ["us.ics"] }),
    member("carol", "UTC"),
  ],
  calendars: new Map([["us.ics", new Map([["2026-11-26", "Thanksgiving"]])]]),
});
const run = (tasks: ReturnType<typeof makeTask>[]) => dueWhileAwayRule.check(context({ tasks, config }), settings);

describe("due-while-away", () => {
  it("finds a date inside the owner's away period, with the period and its note", () => {
    const [finding] = run([makeTask({ id: "aaaaa", status: "in-progress", owner: "alice", due: "2026-12-23" })]);
    expect(finding).toMatchObject({ rule: "due-while-away", severity: "warning", id: "aaaaa", message: "due 2026-12-23, while alice is away (2026-12-21..2027-01-03, family)" });
    expect(finding?.hint).toMatch(/tasks handoff aaaaa --to/);
  });

  it("finds a date-time inside the period, read as the instant it is", () => {
    expect(run([makeTask({ status: "todo", owner: "alice", due: "2027-01-03T22:30:00Z" })])).toHaveLength(1);
    // 23:00Z on 3 January is midnight in Berlin: she is back.
    expect(run([makeTask({ status: "todo", owner: "alice", due: "2027-01-03T23:00:00Z" })])).toEqual([]);
  });

  it("finds a public holiday of the owner's calendar, and not someone else's", () => {
    expect(run([makeTask({ status: "todo", owner: "bob", due: "2026-11-26" })])[0]?.message).toBe("due 2026-11-26, a public holiday for bob (Thanksgiving)");
    expect(run([makeTask({ status: "todo", owner: "carol", due: "2026-11-26" })])).toEqual([]);
  });

  it("leaves closed, unowned and already overdue tasks alone", () => {
    expect(run([makeTask({ status: "done", owner: "alice", due: "2026-12-23" }), makeTask({ status: "todo", due: "2026-12-23" }), makeTask({ status: "todo", owner: "bob", due: "2026-11-19" })])).toEqual([]);
  });
});
