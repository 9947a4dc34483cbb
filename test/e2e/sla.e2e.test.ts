import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, ROSTER } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

/**
 * Service levels end to end: `sla:` in the config, a task created with `tasks new`, and `tasks
 * check` reporting a near-breach and then a breach in the owner's working time (Kolkata), and the
 * weekly report's share met.
 */

type Findings = { findings: { rule: string; id: string; message: string }[] };

describe("service levels", () => {
  it("check reports near-breach and breach in the owner's working time; a bad setting is one line", async () => {
    const repo = makeTeamRepo();
    repo.write(".tasks/config.yml", `${ROSTER}sla:\n  high: {start-within: 4 working hours, done-within: 2 working days}\n  near-breach: 75%\n`);
    repo.commit("sla");
    // Monday 23 Nov, 09:30 in Kolkata (04:00Z).
    const created = await repo.tasksAt(["new", "Fix login timeout", "--priority", "high", "--owner", "chitra", "--json"], "2026-11-23T04:00:00Z", "chitra");
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { task: { id: string } }).task.id;

    // 12:45 there: 3.25 of 4 hours have passed (81%).
    const near = JSON.parse((await repo.tasksAt(["check", "--json", "--rule", "sla-near-breach", "--rule", "sla-breached"], "2026-11-23T07:15:00Z")).stdout) as Findings;
    expect(near.findings).toEqual([expect.objectContaining({ rule: "sla-near-breach", id, message: expect.stringContaining("3.3 working hours of 4 working hours") })]);

    // Tuesday: the start is missed (deadline Monday 13:30 in Kolkata); done-within still runs.
    const late = await repo.tasksAt(["check", "--rule", "sla-breached"], "2026-11-24T06:00:00Z");
    expect(late.stdout).toContain("in chitra's working time (Asia/Kolkata): missed");
    expect(late.stdout).toContain("deadline 2026-11-23T13:30:00+05:30");

    // The weekly report: the start-within clock settled (missed) this week; done-within still runs.
    const weekly = await repo.tasksAt(["report", "weekly", "--week", "2026-W48", "--json"], "2026-11-24T06:00:00Z");
    expect(JSON.parse(weekly.stdout)).toMatchObject({ serviceLevels: [{ priority: "high", startWithin: { met: 0, total: 1 }, doneWithin: { met: 0, total: 0, percent: null } }] });
    expect((await repo.tasksAt(["report", "weekly", "--week", "2026-W48"], "2026-11-24T06:00:00Z")).stdout).toContain("Service levels met: high: started in time 0 of 1 (0%)");

    repo.write(".tasks/config.yml", `${ROSTER}sla:\n  critical: {done-within: 1 working day}\n`);
    const bad = await repo.tasksAt(["check"], "2026-11-24T06:00:00Z");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('.tasks/config.yml:16: sla.critical: "critical" is not a configured priority');
  });
});
