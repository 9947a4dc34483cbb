import { describe, expect, it } from "vitest";
import { CONFIG, exampleEvents, exampleTasks, NOW } from "../../test/helpers/report-fixtures.js";
import { buildWeeklyView, weeklyHistorySince } from "./weekly.js";
import { isoWeek } from "./windows.js";

const ids = (list: readonly { id: string }[]): string[] => list.map((t) => t.id).sort();
const week = (label: string) => buildWeeklyView({ config: CONFIG, tasks: exampleTasks(), events: exampleEvents(), now: NOW, week: isoWeek(label, NOW, CONFIG.timezone) });

describe("buildWeeklyView", () => {
  const view = week("2026-W47");

  it("frames the ISO week in the repository's zone", () => {
    expect(view.week).toMatchObject({ label: "2026-W47", zone: "Europe/Berlin", start: "2026-11-16T00:00:00+01:00", end: "2026-11-23T00:00:00+01:00", startText: "Mon 16 Nov", endText: "Sun 22 Nov", complete: false });
  });

  it("lists the week's completions by owner, with on-time and cycle time; dropped apart", () => {
    expect(ids(view.completed)).toEqual(["w4n8c"]);
    expect(view.completed[0]).toMatchObject({ onTime: true, cycleDays: 2.1, cycleText: "2.1 days" });
    expect(view.completedByOwner).toEqual([expect.objectContaining({ owner: "alice", name: "Alice Ng", count: 1 })]);
    expect(ids(view.dropped)).toEqual(["m5t7b"]);
  });

  it("started, created, slipped, overdue, blocked and stale", () => {
    expect(ids(view.started)).toEqual(["k7m2q", "p3x9t", "w4n8c"]);
    expect(ids(view.created)).toEqual(["h2d5f", "k7m2q", "p3x9t", "w4n8c", "z8q2e"]);
    expect(view.slipped.map((t) => [t.id, t.closedLate])).toEqual([["p3x9t", false]]);
    expect(ids(view.overdue)).toEqual(["p3x9t"]);
    expect(view.blocked[0]).toMatchObject({ id: "p3x9t", reason: "waiting for the vendor's new keys" });
    expect(view.stale.map((t) => [t.id, t.quietWorkingDays])).toEqual([["r9c3x", 9]]);
  });

  it("goals: done of total, dropped work left out", () => {
    expect(view.goals).toEqual([
      { goal: "billing-v2", done: 0, total: 2, percent: 0 },
      { goal: "q4-reliability", done: 1, total: 3, percent: 33 },
    ]);
  });

  it("metrics: throughput, median cycle time, on-time rate", () => {
    expect(view.metrics).toEqual({ throughput: 1, medianCycleDays: 2.1, medianCycleText: "2.1 days", onTimeCount: 1, withDueCount: 1, onTimeRate: 1, onTimePercent: "100%", completedWithCode: null, completedWithoutCode: null, withCodeText: null });
  });

  it("the week before lists none of this week's completions", () => {
    const before = week("2026-W46");
    expect(before.completed).toEqual([]);
    expect(ids(before.started)).toEqual(["r9c3x"]);
    expect(before.metrics.throughput).toBe(0);
    expect(before.week.complete).toBe(true);
  });

  it("reads history back far enough to judge staleness, not only the week", () => {
    const since = weeklyHistorySince(CONFIG, exampleTasks(), isoWeek("2026-W47", NOW, CONFIG.timezone), NOW);
    expect(since.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    // Friday 07:00 in New York: bob's fifth working day back began on the previous Friday.
    const lateInWeek = new Date("2026-11-27T12:00:00Z");
    expect(weeklyHistorySince(CONFIG, exampleTasks(), isoWeek("2026-W48", lateInWeek, CONFIG.timezone), lateInWeek).toISOString()).toBe("2026-11-20T14:00:00.000Z");
  });
});
