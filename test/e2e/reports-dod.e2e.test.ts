import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

describe("tasks dod: definition-of-done progress", () => {
  it("records met criteria in the log, one commit each run; done then closes without --yes", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", dod: ["Timeout raised", "Integration test", "Runbook updated"], log: [] }, "2026-11-19T09:00:00Z", "alice");
    const at = "2026-11-20T09:00:00Z";

    const met = await repo.tasksAt(["dod", "k7m2q", "--met", "1", "--met", "runbook"], at);
    expect(met.code).toBe(0);
    expect(met.stdout).toBe("1\tmet\tTimeout raised\talice\t2026-11-20T10:00:00+01:00\n2\tleft\tIntegration test\t\t\n3\tmet\tRunbook updated\talice\t2026-11-20T10:00:00+01:00\n");
    expect(repo.read(repo.pathOf("k7m2q"))).toMatch(/- 2026-11-20 10:00 \+01:00 alice: met: Timeout raised\n {2}met: Runbook updated\n$/);
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: dod k7m2q Fix login timeout");

    const refused = await repo.tasksAt(["done", "k7m2q"], at);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("1 of 3 criteria of its definition of done are not confirmed");

    // Recording an already-met criterion again changes nothing and commits nothing.
    const commits = repo.git(["rev-list", "--count", "HEAD"]);
    expect((await repo.tasksAt(["dod", "k7m2q", "--met", "3"], at)).code).toBe(0);
    expect(repo.git(["rev-list", "--count", "HEAD"])).toBe(commits);

    expect((await repo.tasksAt(["dod", "k7m2q", "--met", "Integration"], at)).code).toBe(0);
    const done = await repo.tasksAt(["done", "k7m2q"], at);
    expect(done.code).toBe(0);
    expect(repo.read(repo.pathOf("k7m2q"))).toContain("status: done\n");
  });

  it("a criterion that matches nothing is a usage error naming the criteria", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "T", status: "in-progress", owner: "alice", dod: ["Timeout raised"], log: [] }, "2026-11-19T09:00:00Z", "alice");
    const result = await repo.tasksAt(["dod", "k7m2q", "--met", "deploy"], "2026-11-20T09:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"deploy" matches no criterion of k7m2q');
    expect(result.stderr).toContain("hint: name it by number or by more of its text: 1. Timeout raised");
  });

  it("one criterion named by both --met and --unmet is a usage error with a hint, and nothing is written", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "T", status: "in-progress", owner: "alice", dod: ["Timeout raised"], log: [] }, "2026-11-19T09:00:00Z", "alice");
    const before = repo.read(repo.pathOf("k7m2q"));
    const result = await repo.tasksAt(["dod", "k7m2q", "--met", "1", "--unmet", "timeout"], "2026-11-20T09:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: criterion "1" is named by both --met and --unmet [USAGE]\nhint: name it once: tasks dod k7m2q --met <n> or --unmet <n>\n');
    expect(repo.read(repo.pathOf("k7m2q"))).toBe(before);
  });

  it("two criteria with equal text are two items: marking #1 marks only #1, and done counts each once", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "T", status: "in-progress", owner: "alice", dod: ["Tests pass", "Tests pass", "Runbook updated"], log: [] }, "2026-11-19T09:00:00Z", "alice");
    const at = "2026-11-20T09:00:00Z";
    const first = await repo.tasksAt(["dod", "k7m2q", "--met", "1"], at);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("1\tmet\tTests pass\talice\t2026-11-20T10:00:00+01:00\n2\tleft\tTests pass\t\t\n3\tleft\tRunbook updated\t\t\n");
    expect((await repo.tasksAt(["dod", "k7m2q", "--met", "3"], at)).code).toBe(0);

    const refused = await repo.tasksAt(["done", "k7m2q", "--json"], at);
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "DOD_NOT_MET", details: { unconfirmed: ["Tests pass"] } } });
    expect(repo.read(repo.pathOf("k7m2q"))).toContain("status: in-progress\n");

    const byText = await repo.tasksAt(["dod", "k7m2q", "--met", "tests pass"], at);
    expect(byText.code).toBe(2);
    expect(byText.stderr).toContain('"tests pass" is the text of criteria 1 and 2 of k7m2q');

    expect((await repo.tasksAt(["dod", "k7m2q", "--met", "2"], at)).code).toBe(0);
    const done = await repo.tasksAt(["done", "k7m2q"], at);
    expect(done.code, done.stderr).toBe(0);
    const text = repo.read(repo.pathOf("k7m2q"));
    expect(text.match(/met: .*/g)).toEqual(["met: Tests pass (1st)", "met: Runbook updated", "met: Tests pass (2nd)"]);
    expect(text).toContain("done; definition of done confirmed (3/3)");
  });
});
