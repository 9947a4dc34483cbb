import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "wk222", title: "Work item", status: "todo", owner: "alice", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "dp333", title: "Dependency", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "dd444", title: "Has a definition of done", status: "in-progress", "definition-of-done": ["Tested"], created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

const WORK = "tasks/2026-11/wk222-work-item.md";

const status = (repo: TestRepo): string => /^status: (.*)$/m.exec(repo.read(WORK))?.[1] ?? "";
const action = (repo: TestRepo): string => repo.git(["log", "-1", "--format=%(trailers:key=Task-Action,valueonly,separator=)"]).trim();

describe("status verbs", () => {
  it("start, review, reopen, drop and status move the task, one commit each with its Task-Action", async () => {
    const repo = teamRepo();
    const steps: [string[], string, string, string][] = [
      [["start", "wk2"], "in-progress", "start", "started"],
      [["review", "wk222", "--reviewer", "bob"], "review", "review", "sent to review (reviewer bob)"],
      [["drop", "wk222"], "dropped", "drop", "dropped"],
      [["reopen", "wk222"], "todo", "reopen", "reopened"],
      [["status", "wk222", "blocked"], "blocked", "status", "status todo → blocked"],
    ];
    for (const [args, expected, verb, logText] of steps) {
      const result = await repo.tasks(args);
      expect(result, args.join(" ")).toEqual({ code: 0, stdout: "wk222\n", stderr: "" });
      expect(status(repo)).toBe(expected);
      expect(action(repo)).toBe(verb);
      expect(repo.read(WORK).trimEnd().split("\n").at(-1)).toBe(`- 2026-11-20 10:00 +01:00 alice: ${logText}`);
      expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${WORK}\n`);
    }
    expect(repo.git(["rev-list", "--count", "HEAD"]).trim()).toBe("7");
  });

  it("an unknown status is a usage error (exit 2) listing the configured ones; nothing is written", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["status", "wk222", "doing"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: 'error: unknown status "doing" [INVALID_VALUE]\nhint: configured statuses: todo, in-progress, review, blocked, done, dropped\n',
    });
    expect(snapshot(repo)).toEqual(before);
  });

  it("closing a task that has a definition of done goes through tasks done (exit 4)", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["status", "dd444", "done"]);
    expect(result).toEqual({ code: 4, stdout: "", stderr: "error: dd444 has a definition of done; close it with tasks done [DOD_NOT_MET]\nhint: tasks done dd444\n" });
    expect(snapshot(repo)).toEqual(before);
  });

  it("--json reports an unchanged task when the status is already the target", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["reopen", "wk222", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: "task-change", action: "reopen", changed: false, commit: null, task: { status: "todo" } });
  });
});

describe("tasks block / unblock", () => {
  it("--reason is required (exit 2, nothing written)", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["block", "wk222"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "error: required option '-r, --reason <text>' not specified [USAGE]\nhint: run 'tasks --help' or 'tasks <command> --help' for usage\n" });
    expect(snapshot(repo)).toEqual(before);
  });

  it("blocks with the reason in the log and the commit; --on adds depends-on; unblock returns to active", async () => {
    const repo = teamRepo();
    expect(await repo.tasks(["block", "wk222", "--reason", "waiting for the staging keys", "--on", "dp3"])).toEqual({ code: 0, stdout: "wk222\n", stderr: "" });
    expect(repo.read(WORK)).toBe(
      [
        "---",
        "id: wk222",
        "title: Work item",
        "status: blocked",
        "owner: alice",
        "depends-on: [dp333]",
        "created: 2026-11-02T09:00:00+00:00",
        "---",
        "",
        "## Log",
        "- 2026-11-20 10:00 +01:00 alice: blocked: waiting for the staging keys (on dp333)",
        "",
      ].join("\n"),
    );
    expect(repo.git(["log", "-1", "--format=%B"])).toBe(
      "tasks: block wk222 Work item\n\nBlocked: waiting for the staging keys\n\nTask-Id: wk222\nTask-Action: block\n\n",
    );
    expect((await repo.tasks(["list", "--blocked"])).stdout).toBe("wk222\tblocked\talice\t\t\tWork item\n");

    expect((await repo.tasks(["unblock", "wk222"])).code).toBe(0);
    expect(status(repo)).toBe("in-progress");
    expect(action(repo)).toBe("unblock");
    const again = await repo.tasks(["unblock", "wk222"]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error: wk222 is not blocked \(status in-progress\) \[INVALID_TRANSITION\]\nhint: .+\n$/);
  });

  it("--on a missing task (exit 1) or the task itself (exit 2) writes nothing", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const missing = await repo.tasks(["block", "wk222", "--reason", "x", "--on", "zzzzz"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: no task with id zzzzz [TASK_NOT_FOUND]\nhint: 'tasks list' shows the ids\n" });
    const itself = await repo.tasks(["block", "wk222", "--reason", "x", "--on", "wk222"]);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toBe("error: a task cannot wait on itself [INVALID_VALUE]\nhint: --on takes the id of the task this one waits for\n");
    expect(snapshot(repo)).toEqual(before);
  });
});
