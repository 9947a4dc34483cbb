import { describe, expect, it } from "vitest";
import { configWith, makeTask, member } from "../../test/helpers/tasks.js";
import type { Config, ServiceLevel } from "./config.js";
import { elapsedMillis, firstActiveOf, type SlaKind, slaClock, startCandidates } from "./service-level.js";

const levels = (byPriority: Record<string, Partial<ServiceLevel>>): NonNullable<Config["sla"]> => ({
  byPriority: new Map(Object.entries(byPriority).map(([p, l]) => [p, { startWithin: null, doneWithin: null, ...l }])),
  nearBreach: 0.8,
});
const hours = (amount: number) => ({ amount, unit: "hour" as const });
const days = (amount: number) => ({ amount, unit: "day" as const });

// Kathmandu (+05:45), a Sunday–Friday week; Berlin across the autumn switch; alice away two days;
// a team on New York time with no roster entry for the owner.
const config = configWith({
  timezone: "America/New_York",
  team: [
    member("dev", "Asia/Kathmandu", { days: [7, 1, 2, 3, 4, 5] }),
    member("berlin", "Europe/Berlin"),
    member("alice", "Europe/Berlin", {
      away: [{ from: "2026-11-23", to: "2026-11-24", note: "off", start: Date.parse("2026-11-22T23:00:00Z"), end: Date.parse("2026-11-24T23:00:00Z") }],
    }),
  ],
  sla: levels({ high: { startWithin: hours(4), doneWithin: days(1) }, normal: { doneWithin: days(2) } }),
});

const task = (owner: string | null, priority: string, created: string) => makeTask({ owner, priority, created, status: "todo" });

describe("service-level clocks in the owner's working time", () => {
  it.each<[string, string | null, string, string, SlaKind, string]>([
    // Friday 15:00 in Kathmandu (09:15Z): 2 h on Friday, Saturday off, Sunday 09:00 + 6 h.
    ["a day over the Kathmandu weekend (Sunday–Friday week)", "dev", "high", "2026-11-20T09:15:00Z", "done-within", "2026-11-22T09:15:00.000Z"],
    // Friday 23 Oct 15:00 CEST: 2 h on Friday, then Monday 26 Oct 09:00 CET (08:00Z) + 2 h.
    ["4 working hours across the European autumn switch", "berlin", "high", "2026-10-23T13:00:00Z", "start-within", "2026-10-26T10:00:00.000Z"],
    // Friday 20 Nov 09:00 CET: 8 h on Friday, Monday and Tuesday away, Wednesday 8 h.
    ["2 working days with two away days in between", "alice", "normal", "2026-11-20T08:00:00Z", "done-within", "2026-11-25T16:00:00.000Z"],
    // No owner: the team's time, New York 09:00–17:00. Monday 09:00 EST (14:00Z) + 4 h.
    ["an unowned task on the team's time", null, "high", "2026-11-16T14:00:00Z", "start-within", "2026-11-16T18:00:00.000Z"],
    ["an owner not on the roster runs on the team's time", "carol@example.com", "high", "2026-11-16T14:00:00Z", "start-within", "2026-11-16T18:00:00.000Z"],
  ])("%s", (_name, owner, priority, created, kind, deadline) => {
    const clock = slaClock(task(owner, priority, created), config, kind, new Date(created));
    expect(clock && new Date(clock.deadline ?? 0).toISOString()).toBe(deadline);
  });

  it("is near a breach after 80% of the allowed time, breached at the deadline, met when stopped in time", () => {
    const t = task(null, "high", "2026-11-16T14:00:00Z");
    expect(slaClock(t, config, "start-within", new Date("2026-11-16T17:00:00Z"))?.state).toBe("running"); // 3 h of 4
    expect(slaClock(t, config, "start-within", new Date("2026-11-16T17:20:00Z"))?.state).toBe("near-breach"); // 3 h 20
    const late = slaClock(t, config, "start-within", new Date("2026-11-17T15:00:00Z"));
    expect(late).toMatchObject({ state: "breached", clockOwner: null });
    expect(late && elapsedMillis(late, config)).toBe(9 * 3_600_000);
    expect(slaClock(t, config, "start-within", new Date("2026-11-20T00:00:00Z"), Date.parse("2026-11-16T18:00:00Z"))?.state).toBe("met");
    expect(slaClock(t, config, "start-within", new Date("2026-11-20T00:00:00Z"), Date.parse("2026-11-16T18:00:01Z"))?.state).toBe("breached");
  });

  it("has no clock without a service level for the priority, a priority, or a readable created", () => {
    expect(slaClock(task(null, "low", "2026-11-16T14:00:00Z"), config, "done-within", new Date())).toBeUndefined();
    expect(slaClock(task(null, "normal", "2026-11-16T14:00:00Z"), config, "start-within", new Date())).toBeUndefined();
    expect(slaClock(makeTask({ priority: "high" }), config, "done-within", new Date())).toBeUndefined();
  });

  it("away time pauses the clock: the same span without the away days ends two days sooner", () => {
    const away = slaClock(task("alice", "normal", "2026-11-20T08:00:00Z"), config, "done-within", new Date("2026-11-24T12:00:00Z"));
    // Friday's 8 h only: Monday and Tuesday were away, so half of 2 days.
    expect(away?.state).toBe("running");
    expect(away && elapsedMillis(away, config)).toBe(8 * 3_600_000);
    const there = slaClock(task("berlin", "normal", "2026-11-20T08:00:00Z"), config, "done-within", new Date("2026-11-24T12:00:00Z"));
    expect(there?.state).toBe("breached");
  });
});

describe("when a task first went active", () => {
  it("takes the earlier of history and the task's own log", () => {
    const logged = makeTask({ status: "todo", owner: "alice" });
    const withLog = { ...logged, body: "\n## Log\n- 2026-11-18 10:00 +00:00 alice: claimed\n" };
    expect(firstActiveOf(withLog, config, null)).toBe(Date.parse("2026-11-18T10:00:00Z"));
    expect(firstActiveOf(withLog, config, "2026-11-17T10:00:00Z")).toBe(Date.parse("2026-11-17T10:00:00Z"));
    expect(firstActiveOf(logged, config, undefined)).toBeUndefined();
  });

  it("asks history only about unstarted tasks near or past their start deadline", () => {
    const now = new Date("2026-11-17T15:00:00Z");
    const fresh = task(null, "high", "2026-11-17T14:30:00Z");
    const old = task(null, "high", "2026-11-16T14:00:00Z");
    const active = { ...old, status: "in-progress" };
    expect(startCandidates([fresh, old, active], config, now)).toEqual([old]);
  });
});
