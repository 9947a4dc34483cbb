import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "dd222", title: "Ship the fix", status: "in-progress", owner: "alice", "definition-of-done": ["Timeout raised", "Runbook updated"], created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "nd333", title: "No criteria", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

const FILE = "tasks/2026-11/dd222-ship-the-fix.md";

describe("tasks done: the definition-of-done gate", () => {
  it("without a terminal and without --yes or --force it refuses (exit 4) and changes nothing", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["done", "dd222"]);
    expect(result).toEqual({
      code: 4,
      stdout: "",
      stderr:
        "error: dd222 is not closed: 2 of 2 criteria of its definition of done are not confirmed [DOD_NOT_MET]\n" +
        'hint: record them as met (tasks dod dd222 --met <n>) or confirm all: tasks done dd222 --yes; or override: tasks done dd222 --force --reason "<why>"\n',
    });
    const json = await repo.tasks(["done", "dd222", "--json"]);
    expect(json.code).toBe(4);
    expect(json.stdout).toBe("");
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: "DOD_NOT_MET", details: { unconfirmed: ["Timeout raised", "Runbook updated"] } } });
    // CI never prompts, even with a terminal-looking environment.
    expect((await repo.tasks(["done", "dd222"], { env: { CI: "true" } })).code).toBe(4);
    expect(snapshot(repo)).toEqual(before);
  });

  it("--yes confirms every criterion and closes it in one commit", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["done", "dd222", "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ action: "done", changed: true, task: { status: "done", category: "closed" } });
    expect(repo.read(FILE)).toMatch(/status: done\n[\s\S]*\n- 2026-11-20 10:00 \+01:00 alice: done; definition of done confirmed \(2\/2\)\n$/);
    expect(repo.git(["log", "-1", "--format=%B"])).toBe("tasks: done dd222 Ship the fix\n\nTask-Id: dd222\nTask-Action: done\n\n");
    const again = await repo.tasks(["done", "dd222", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, commit: null });
  });

  it("--force --reason overrides, recording the reason in the log line, the commit body and a trailer", async () => {
    const repo = teamRepo();
    expect(await repo.tasks(["done", "dd222", "--force", "--reason", "runbook moves to the ops wiki"])).toEqual({ code: 0, stdout: "dd222\n", stderr: "" });
    expect(repo.read(FILE).trimEnd().split("\n").at(-1)).toBe("- 2026-11-20 10:00 +01:00 alice: done; definition of done overridden: runbook moves to the ops wiki");
    expect(repo.git(["log", "-1", "--format=%B"])).toBe(
      "tasks: done dd222 Ship the fix\n\nDefinition of done overridden: runbook moves to the ops wiki\n\n" +
        "Task-Id: dd222\nTask-Action: done\nTask-Override: runbook moves to the ops wiki\n\n",
    );
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Override,valueonly)"]).trim()).toBe("runbook moves to the ops wiki");
  });

  it("--force without --reason, or --reason without --force, is a usage error (exit 2) and changes nothing", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    expect(await repo.tasks(["done", "dd222", "--force"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'error: --force needs --reason <text>: the override is recorded [USAGE]\nhint: tasks done <id> --force --reason "why"\n',
    });
    const reasonOnly = await repo.tasks(["done", "dd222", "--reason", "because"]);
    expect(reasonOnly.code).toBe(2);
    expect(reasonOnly.stderr).toMatch(/^error: --reason goes with --force \[USAGE\]\nhint: .+\n$/);
    const blank = await repo.tasks(["done", "dd222", "--force", "--reason", "  "]);
    expect(blank.code).toBe(2);
    expect(snapshot(repo)).toEqual(before);
  });

  it("a task without a definition of done closes without confirmation", async () => {
    const repo = teamRepo();
    expect(await repo.tasks(["done", "nd333"])).toEqual({ code: 0, stdout: "nd333\n", stderr: "" });
    expect(repo.read("tasks/2026-11/nd333-no-criteria.md")).toMatch(/status: done\n[\s\S]*alice: done\n$/);
  });
});
