import { describe, expect, it } from "vitest";
import { configWith, context, historyFacts, makeTask, member } from "../../../test/helpers/tasks.js";
import { slaBreachedRule, slaNearBreachRule } from "./sla.js";

const settings = { severity: "warning" as const, days: 0 };
const config = configWith({
  team: [member("dev", "Asia/Kathmandu", { days: [7, 1, 2, 3, 4, 5] })],
  sla: {
    byPriority: new Map([["high", { startWithin: { amount: 4, unit: "hour" as const }, doneWithin: { amount: 1, unit: "day" as const } }]]),
    nearBreach: 0.8,
  },
});
// Friday 20 Nov 15:00 in Kathmandu; done within 1 working day ends Sunday 22 Nov 15:00 there.
const created = "2026-11-20T09:15:00Z";
const now = new Date("2026-11-22T08:00:00Z"); // Sunday 13:45 in Kathmandu: 6.75 of 8 working hours

describe("sla-breached and sla-near-breach", () => {
  it("reports a missed start and a near done in the owner's working time", () => {
    const task = makeTask({ id: "k7m2q", status: "todo", owner: "dev", priority: "high", created });
    const [breached] = slaBreachedRule.check(context({ tasks: [task], config, now }), settings);
    expect(breached).toMatchObject({ rule: "sla-breached", id: "k7m2q", line: 6 });
    expect(breached?.message).toBe(
      "priority high: start within 4 working hours (sla start-within) in dev's working time (Asia/Kathmandu): missed, 6.8 working hours have passed since it was created 2026-11-20T15:00:00+05:45; deadline 2026-11-22T11:00:00+05:45",
    );
    expect(breached?.hint).toMatch(/tasks claim k7m2q/);
    const [near] = slaNearBreachRule.check(context({ tasks: [task], config, now }), settings);
    expect(near?.message).toBe(
      "priority high: done within 1 working day (sla done-within) in dev's working time (Asia/Kathmandu): 0.8 working days of 1 working day have passed since it was created 2026-11-20T15:00:00+05:45; deadline 2026-11-22T15:00:00+05:45",
    );
  });

  it("does not judge the start of a task that is active, or was active by history or its log", () => {
    const active = makeTask({ id: "aaaaa", status: "in-progress", owner: "dev", priority: "high", created });
    const reopened = makeTask({ id: "bbbbb", status: "todo", owner: "dev", priority: "high", created });
    const history = historyFacts("2026-11-20T00:00:00Z", { [reopened.path]: { firstActive: "2026-11-20T10:00:00Z" } });
    const findings = slaBreachedRule.check(context({ tasks: [active, reopened], config, now, history }), settings);
    expect(findings).toEqual([]);
  });

  it("is silent for closed tasks and without an sla section", () => {
    const done = makeTask({ status: "done", owner: "dev", priority: "high", created });
    expect(slaBreachedRule.check(context({ tasks: [done], config, now }), settings)).toEqual([]);
    const todo = makeTask({ status: "todo", owner: "dev", priority: "high", created });
    expect(slaBreachedRule.check(context({ tasks: [todo], now, config: configWith({ team: config.team }) }), settings)).toEqual([]);
  });
});
