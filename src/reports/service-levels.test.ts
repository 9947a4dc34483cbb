import { describe, expect, it } from "vitest";
import { CONFIG, exampleEvents, exampleTasks, NOW } from "../../test/helpers/report-fixtures.js";
import type { Config } from "../domain/config.js";
import { buildWeeklyView, weeklyHistorySince } from "./weekly.js";
import { isoWeek } from "./windows.js";

const config: Config = {
  ...CONFIG,
  sla: {
    byPriority: new Map([
      ["high", { startWithin: { amount: 1, unit: "day" as const }, doneWithin: { amount: 3, unit: "day" as const } }],
      ["normal", { startWithin: null, doneWithin: { amount: 5, unit: "day" as const } }],
    ]),
    nearBreach: 0.8,
  },
};
// k7m2q is high (created Mon 16 Nov 09:12 in Berlin, claimed Tue 10:02, not done); w4n8c becomes
// normal (created Mon 09:30, done Thu 16:20).
const tasks = () => exampleTasks().map((task) => (task.id === "w4n8c" ? { ...task, priority: "normal" } : task));

describe("weekly: share of service levels met", () => {
  it("counts each clock in the week it settled: met when stopped in time, missed when the deadline passed first", () => {
    const view = buildWeeklyView({ config, tasks: tasks(), events: exampleEvents(), now: NOW, week: isoWeek("2026-W47", NOW, config.timezone) });
    expect(view.serviceLevels).toEqual([
      {
        priority: "normal",
        startWithin: null,
        doneWithin: { allowed: "5 working days", met: 1, total: 1, percent: 100 },
        text: "normal: done in time 1 of 1 (100%)",
      },
      {
        priority: "high",
        // Started Tue 10:02, 50 minutes after its working day ran out; done-within ran out Thu 09:12.
        startWithin: { allowed: "1 working day", met: 0, total: 1, percent: 0 },
        doneWithin: { allowed: "3 working days", met: 0, total: 1, percent: 0 },
        text: "high: started in time 0 of 1 (0%), done in time 0 of 1 (0%)",
      },
    ]);
  });

  it("leaves a week out where nothing settled, and has no section without sla:", () => {
    const next = buildWeeklyView({ config, tasks: tasks(), events: exampleEvents(), now: NOW, week: isoWeek("2026-W48", NOW, config.timezone) });
    expect(next.serviceLevels).toEqual([]);
    expect(buildWeeklyView({ config: CONFIG, tasks: tasks(), events: exampleEvents(), now: NOW, week: isoWeek("2026-W47", NOW, CONFIG.timezone) }).serviceLevels).toEqual([]);
  });

  it("reads history back to the creation of tasks whose start deadline is not before the week", () => {
    const week = isoWeek("2026-W47", NOW, config.timezone);
    const old = { ...exampleTasks()[0]!, id: "oldie", priority: "high", created: "2026-11-13T09:00:00+01:00" };
    // Created Friday 13 Nov 09:00: its 1 working day ran out that evening, before the week.
    expect(weeklyHistorySince(config, [old], week, NOW).toISOString()).toBe(weeklyHistorySince(CONFIG, [old], week, NOW).toISOString());
    const late = { ...old, created: "2026-11-13T16:00:00+01:00" };
    expect(weeklyHistorySince(config, [late], week, NOW).toISOString()).toBe("2026-11-13T15:00:00.000Z");
  });
});
