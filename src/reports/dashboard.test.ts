import { describe, expect, it } from "vitest";
import { CONFIG, exampleEvents, exampleTasks, makeTask, NOW } from "../../test/helpers/report-fixtures.js";
import { buildDashboardView, dashboardHistorySince, lastWeeks } from "./dashboard.js";
import { percentile, statusAt } from "./dashboard-flow.js";
import { descriptionOf } from "./dashboard-tasks.js";
import { statusMoves } from "./task-facts.js";
import { buildWeeklyView, weeklyHistorySince } from "./weekly.js";
import { isoWeek } from "./windows.js";

const weeks = lastWeeks(isoWeek(undefined, NOW, CONFIG.timezone), 3);
const build = (limits?: { cards: number; closedCards: number }) =>
  buildDashboardView({ config: CONFIG, tasks: exampleTasks(), events: exampleEvents(), now: NOW, weeks, findings: [], commit: "a".repeat(40), repository: "atlas", ...(limits ? { limits } : {}) });

describe("buildDashboardView", () => {
  const view = build();

  it("charts the last N ISO weeks, oldest first, ending with this one", () => {
    expect(view.weeks.map((w) => w.label)).toEqual(["2026-W45", "2026-W46", "2026-W47"]);
    expect(view.weeks.map((w) => w.complete)).toEqual([true, true, false]);
  });

  it("gives each week the numbers report weekly gives it, fed what report weekly reads", () => {
    for (const week of weeks) {
      const since = weeklyHistorySince(CONFIG, exampleTasks(), week, NOW).getTime();
      const weekly = buildWeeklyView({ config: CONFIG, tasks: exampleTasks(), events: exampleEvents().filter((e) => Date.parse(e.at) >= since), now: NOW, week });
      const shown = view.weeks.find((w) => w.label === week.label);
      expect(shown).toMatchObject({
        throughput: weekly.metrics.throughput,
        created: weekly.created.length,
        medianCycleDays: weekly.metrics.medianCycleDays,
        onTimeCount: weekly.metrics.onTimeCount,
        withDueCount: weekly.metrics.withDueCount,
        onTimeRate: weekly.metrics.onTimeRate,
      });
    }
    expect(view.weeks[2]).toMatchObject({ throughput: 1, created: 5, medianCycleDays: 2.1, p85CycleDays: 2.1, onTimePercent: "100%" });
  });

  it("reads history back to the oldest week's start", () => {
    expect(dashboardHistorySince(CONFIG, exampleTasks(), weeks, NOW).toISOString()).toBe("2026-11-01T23:00:00.000Z");
  });

  it("puts cards in columns by status category, with blocked reasons and overdue/stale marks", () => {
    const ids = Object.fromEntries(view.columns.map((c) => [c.category, c.cards.map((card) => card.id)]));
    expect(ids).toEqual({ open: ["h2d5f", "z8q2e"], active: ["k7m2q", "r9c3x"], blocked: ["p3x9t"], closed: ["w4n8c", "m5t7b"] });
    const blocked = view.columns[2]?.cards[0];
    expect(blocked).toMatchObject({ blockedReason: "waiting for the vendor's new keys", overdue: true });
    expect(view.columns[1]?.cards.find((c) => c.id === "r9c3x")?.stale).toBe(true);
  });

  it("caps the cards per column and counts the rest", () => {
    const capped = build({ cards: 1, closedCards: 1 });
    expect(capped.columns.map((c) => [c.category, c.cards.length, c.hidden, c.count])).toEqual([["open", 1, 1, 2], ["active", 1, 1, 2], ["blocked", 1, 0, 1], ["closed", 1, 1, 2]]);
    expect(capped.tasks).toHaveLength(4);
  });

  it("replays the cumulative flow day by day from the status moves", () => {
    const first = view.flow[0];
    const last = view.flow[view.flow.length - 1];
    expect(first?.date).toBe("2026-11-02");
    expect(last?.date).toBe("2026-11-20");
    expect(last).toMatchObject({ open: 2, active: 2, blocked: 1, closed: 2 });
    // On 2 Nov only r9c3x had been created (in the window) and m5t7b existed before it.
    expect(first).toMatchObject({ open: 2, active: 0, blocked: 0, closed: 0 });
  });

  it("per goal: done and open now, and a burn-up of scope and done at each week's end", () => {
    const goal = view.goals.find((g) => g.goal === "q4-reliability");
    expect(goal).toMatchObject({ done: 1, open: 2, total: 3 });
    expect(goal?.burnUp.map((p) => [p.scope, p.done])).toEqual([[0, 0], [0, 0], [0, 0], [3, 1]]);
  });

  it("attention: overdue, blocked for how long and on what, stale, ownerless; the team with what each holds", () => {
    expect(view.attention.overdue.map((t) => t.id)).toEqual(["p3x9t"]);
    expect(view.attention.blocked[0]).toMatchObject({ id: "p3x9t", reason: "waiting for the vendor's new keys", blockedDays: 1 });
    expect(view.attention.stale.map((t) => t.id)).toEqual(["r9c3x"]);
    expect(view.attention.ownerless.map((t) => t.id)).toEqual(["z8q2e"]);
    const chitra = view.people.find((p) => p.handle === "chitra");
    expect(chitra).toMatchObject({ zone: "Asia/Kolkata", hoursText: "09:00–17:00", daysText: "Mon Tue Wed Thu Fri" });
    expect(chitra?.holds.map((t) => t.id).sort()).toEqual(["h2d5f", "r9c3x"]);
  });

  it("each shown task: its description without the log, its definition of done with what is met, its log", () => {
    const task = view.tasks.find((t) => t.id === "k7m2q");
    expect(task?.description).toMatch(/^Users on hotel Wi-Fi/);
    expect(task?.description).not.toContain("## Log");
    expect(task?.definitionOfDone.map((c) => c.met)).toEqual([true, false, false]);
    expect(task?.log.map((l) => l.text)).toContain("claimed");
  });
});

describe("the dashboard's up-next list", () => {
  const extra = [
    makeTask({ id: "a1a1a", title: "Unowned, urgent", priority: "high", created: "2026-11-18T09:00:00Z" }),
    makeTask({ id: "b2b2b", title: "Unowned, waits on an open task", priority: "high", "depends-on": ["h2d5f"], created: "2026-11-18T09:00:00Z" }),
    makeTask({ id: "c3c3c", title: "Unowned, blocked", status: "blocked", priority: "high", created: "2026-11-18T09:00:00Z" }),
  ];
  const view = buildDashboardView({ config: CONFIG, tasks: [...exampleTasks(), ...extra], events: exampleEvents(), now: NOW, weeks, findings: [], commit: null, repository: "atlas" });

  it("lists unclaimed workable tasks in tasks next's order, each with the reason for its place", () => {
    expect(view.ready.tasks.map((t) => [t.id, t.rank])).toEqual([
      ["a1a1a", 1],
      ["z8q2e", 2],
    ]);
    expect(view.ready.count).toBe(2);
    expect(view.ready.tasks[0]?.reason).toMatch(/^priority high; no due date; created .* ago$/);
  });

  it("leaves out what is claimed, blocked or waits on an open dependency", () => {
    const listed = new Set(view.ready.tasks.map((t) => t.id));
    for (const id of ["h2d5f", "k7m2q", "b2b2b", "c3c3c"]) expect(listed.has(id), id).toBe(false);
  });
});

describe("replaying status", () => {
  const task = makeTask({ id: "k7m2q", title: "T", status: "done" });
  const moves = statusMoves(exampleEvents().filter((e) => e.id === "w4n8c").map((e) => ({ ...e, id: "k7m2q" })), CONFIG).get("k7m2q");
  it.each([
    ["2026-11-16T08:00:00Z", undefined],
    ["2026-11-16T09:00:00Z", "todo"],
    ["2026-11-18T00:00:00Z", "in-progress"],
    ["2026-11-20T00:00:00Z", "done"],
  ])("at %s the task was %s", (at, status) => expect(statusAt(task, moves, Date.parse(at))).toBe(status));
  it("a task with no move in the window held its status all along", () => expect(statusAt(task, undefined, 0)).toBe("done"));
});

describe("percentile and description", () => {
  it.each([
    [[], 85, null],
    [[3], 85, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 85, 9],
    [[5, 1, 3], 50, 3],
  ])("percentile(%j, %i) = %s", (values, p, expected) => expect(percentile(values, p)).toBe(expected));
  it("keeps sections after the log", () => expect(descriptionOf("Intro\n\n## Log\n- x\n## Notes\nmore")).toBe("Intro\n\n## Notes\nmore"));
});
