import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { gatherCheckInputs } from "../../src/app/check-inputs.js";
import { createDeps } from "../../src/app/deps.js";
import { parseSettings } from "../../src/app/settings.js";
import { parsePolicy, selectRules } from "../../src/checks/policy.js";
import { runChecks } from "../../src/checks/run-checks.js";
import { makeRepo, seedTask, type TestRepo } from "../helpers/repo.js";

/**
 * The start of a service level's clock comes from history: one windowed pass over the tasks
 * folder, reaching back to the creation of the oldest unstarted task near its deadline. A task
 * moved to an active status by hand (no log entry) and back has started; one never active has not.
 */

function depsFor(repo: TestRepo, now: string) {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false, columns: 80 });
  return createDeps(
    { env: repo.env, cwd: repo.dir, stdout: stream(), stderr: stream(), stdinIsTTY: false, stdin: () => new PassThrough(), now: () => new Date(now), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) },
    parseSettings(repo.env, "UTC"),
  );
}

describe("service levels read their start from history", () => {
  it("knows a task was started by a hand edit long before, and that another never was", async () => {
    const repo = makeRepo();
    repo.write(".tasks/config.yml", "timezone: UTC\nsla:\n  high: {start-within: 4 working hours}\n");
    const fields = { title: "Hand edited", status: "todo", priority: "high", created: "2026-11-02T09:00:00Z" };
    const edited = seedTask(repo, { id: "aaaaa", ...fields });
    seedTask(repo, { id: "bbbbb", ...fields, title: "Never started" });
    repo.commit("tasks: new", { date: "2026-11-02T09:00:00Z" });
    repo.write(edited, repo.read(edited).replace("status: todo", "status: in-progress"));
    repo.commit("started by hand", { date: "2026-11-02T11:00:00Z" });
    repo.write(edited, repo.read(edited).replace("status: in-progress", "status: todo"));
    repo.commit("back to todo", { date: "2026-11-03T10:00:00Z" });
    // Commits of other tasks, weeks later: the stale window alone would not reach the start.
    seedTask(repo, { id: "ccccc", title: "Later", status: "in-progress", owner: "alice@example.com", created: "2026-11-19T09:00:00Z" });
    repo.commit("tasks: new", { date: "2026-11-19T09:00:00Z" });

    const deps = depsFor(repo, "2026-11-20T09:00:00Z");
    const policy = parsePolicy({});
    if (!policy.ok) throw new Error(policy.message);
    const rules = selectRules(policy.policy, { only: ["sla-breached", "stale"], skip: [] });
    const { ctx } = await gatherCheckInputs(deps, rules, undefined);
    expect(ctx.history?.since).toBe("2026-11-02T09:00:00.000Z");
    expect(ctx.history?.byPath.get(edited)?.firstActive).toBe("2026-11-02T11:00:00+00:00");
    const findings = runChecks(ctx, rules).filter((f) => f.rule === "sla-breached");
    expect(findings.map((f) => f.id)).toEqual(["bbbbb"]);
  });
});
