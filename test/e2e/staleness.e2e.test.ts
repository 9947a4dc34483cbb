import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * One meaning of stale everywhere: no change for N of the owner's working days (N from
 * check.stale.days, else 5). Alice (Berlin, Mon–Fri) last touched one task on Friday 13 Nov and
 * another on Wednesday 18 Nov; it is Monday 23 Nov. The Wednesday task is 5 calendar days old but
 * only 3 working days (Thu, Fri, Mon): not stale at 5, stale at 3.
 */
describe("staleness in the owner's working days", () => {
  const now = "2026-11-23T10:00:00Z";

  function repoWith(config = ""): ReturnType<typeof makeRepo> {
    const repo = makeRepo({ env: { TASKS_NOW: now } });
    writeConfig(repo, `check:\n${config || "  stale: { days: 5 }"}\nteam:\n  alice:\n    email: alice@example.com\n    timezone: Europe/Berlin\n`);
    seedTask(repo, { id: "fr222", title: "Touched on Friday", status: "in-progress", owner: "alice" });
    repo.commit("friday", { date: "2026-11-13T10:00:00Z" });
    seedTask(repo, { id: "we333", title: "Touched on Wednesday", status: "in-progress", owner: "alice" });
    repo.commit("wednesday", { date: "2026-11-18T10:00:00Z" });
    return repo;
  }

  const ids = (stdout: string): string[] => stdout.trim().split("\n").filter(Boolean).map((line) => line.split("\t")[0] as string).sort();

  it("list --stale, check and the weekly report agree at the team's N", async () => {
    const repo = repoWith();
    expect(ids((await repo.tasks(["list", "--stale"])).stdout)).toEqual(["fr222"]);
    const check = JSON.parse((await repo.tasks(["check", "--rule", "stale", "--format", "json"])).stdout) as { findings: { id: string }[] };
    expect(check.findings.map((f) => f.id)).toEqual(["fr222"]);
    const weekly = JSON.parse((await repo.tasks(["report", "weekly", "--json"])).stdout) as { stale: { id: string }[]; staleAfterWorkingDays: number };
    expect(weekly.stale.map((t) => t.id)).toEqual(["fr222"]);
    expect(weekly.staleAfterWorkingDays).toBe(5);
  });

  it("a team that sets check.stale.days: 3 sees the Wednesday task as stale too; --stale <days> overrides", async () => {
    const repo = repoWith("  stale: { days: 3 }");
    expect(ids((await repo.tasks(["list", "--stale"])).stdout)).toEqual(["fr222", "we333"]);
    const weekly = JSON.parse((await repo.tasks(["report", "weekly", "--json"])).stdout) as { stale: { id: string }[]; staleAfterWorkingDays: number };
    expect(weekly.stale.map((t) => t.id).sort()).toEqual(["fr222", "we333"]);
    expect(weekly.staleAfterWorkingDays).toBe(3);
    expect(ids((await repo.tasks(["list", "--stale", "6"])).stdout)).toEqual(["fr222"]);
    expect(ids((await repo.tasks(["list", "--stale", "7"])).stdout)).toEqual([]);
  });
});
