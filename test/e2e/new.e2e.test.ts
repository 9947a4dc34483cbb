import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** An initialised repository with the roster committed (alice, Europe/Berlin, is the identity). */
async function teamRepo(): Promise<TestRepo> {
  const repo = makeRepo();
  expect((await repo.tasks(["init"])).code).toBe(0);
  writeConfig(repo);
  repo.commit("roster");
  return repo;
}

const ID = /^[23456789abcdefghjkmnpqrstuvwxyz]{5}$/;

describe("tasks new", () => {
  it("piped, prints only the id; every option lands in the file in the documented order", async () => {
    const repo = await teamRepo();
    const dep = await repo.tasks(["new", "Schema", "migration"]);
    expect(dep.stderr).toBe("");
    expect(dep.stdout).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{5}\n$/);
    const depId = dep.stdout.trim();
    expect(repo.git(["ls-files", "tasks/2026-11"]).trim()).toBe(`tasks/2026-11/${depId}-schema-migration.md`);

    const made = await repo.tasks([
      "new", "Fix login timeout",
      "--owner", "me", "--due", "2026-12-01", "--dod", "Timeout raised", "--dod", "Runbook updated",
      "--priority", "HIGH", "--label", "auth,backend", "--label", "ui", "--depends-on", depId,
      "--reviewer", "bob@work.example", "--goal", "q4-reliability", "--body", "Users on hotel Wi-Fi.\nSecond line.", "--status", "in-progress",
    ]);
    expect(made).toMatchObject({ code: 0, stderr: "" });
    const id = made.stdout.trim();
    expect(id).toMatch(ID);
    const path = `tasks/2026-11/${id}-fix-login-timeout.md`;
    expect(repo.read(path)).toBe(
      [
        "---",
        `id: ${id}`,
        "title: Fix login timeout",
        "status: in-progress",
        "owner: alice",
        "due: 2026-12-01",
        "priority: high",
        "labels: [auth, backend, ui]",
        `depends-on: [${depId}]`,
        "reviewer: bob",
        "goal: q4-reliability",
        "created: 2026-11-20T10:00:00+01:00",
        "definition-of-done:",
        "  - Timeout raised",
        "  - Runbook updated",
        "---",
        "",
        "Users on hotel Wi-Fi.",
        "Second line.",
        "",
        "## Log",
        "- 2026-11-20 10:00 +01:00 alice: created",
        "",
      ].join("\n"),
    );
    expect(repo.git(["log", "-1", "--format=%B"])).toBe(`tasks: new ${id} Fix login timeout\n\nTask-Id: ${id}\nTask-Action: new\n\n`);
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${path}\n`);
  });

  it("--json prints the task-change envelope; an owner not on the roster is written as given, with a warning", async () => {
    const repo = await teamRepo();
    const result = await repo.tasks(["new", "Rotate keys", "--owner", "carol@example.com", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("warning: carol@example.com is not on the team roster in .tasks/config.yml\n");
    const json = JSON.parse(result.stdout) as { task: Record<string, unknown>; commit: string };
    expect(json).toMatchObject({ schemaVersion: 1, kind: "task-change", action: "new", changed: true });
    expect(json.commit).toBe(repo.git(["rev-parse", "HEAD"]).trim());
    expect(json.task).toMatchObject({ title: "Rotate keys", status: "todo", owner: "carol@example.com", category: "open", labels: [], due: null });
  });

  it("accepts every --due form, counted from today in the creator's zone", async () => {
    const repo = await teamRepo();
    // Friday 2026-11-20, 10:00 in Berlin.
    const cases: [string, string][] = [
      ["today", "2026-11-20"],
      ["tomorrow", "2026-11-21"],
      ["friday", "2026-11-27"],
      ["Mon", "2026-11-23"],
      ["+3d", "2026-11-23"],
      ["+2w", "2026-12-04"],
      ["2026-12-01", "2026-12-01"],
      ["2026-12-01T17:00:00+01:00", "2026-12-01T17:00:00+01:00"],
    ];
    for (const [input, due] of cases) {
      const result = await repo.tasks(["new", `due ${input}`, "--due", input, "--json"]);
      expect(result.code, input).toBe(0);
      expect((JSON.parse(result.stdout) as { task: { due: string } }).task.due, input).toBe(due);
    }
    // 23:30 UTC is already Saturday in Berlin.
    const late = await repo.tasks(["new", "late", "--due", "today", "--json"], { env: { TASKS_NOW: "2026-11-20T23:30:00Z" } });
    expect((JSON.parse(late.stdout) as { task: { due: string; path: string } }).task).toMatchObject({ due: "2026-11-21", path: expect.stringMatching(/^tasks\/2026-11\//) as unknown });
  });

  it("refuses bad input with exit 2 and writes nothing", async () => {
    const repo = await teamRepo();
    const before = snapshot(repo);
    const cases: [string[], string][] = [
      [["new"], "error: a title is needed to create a task [NOT_INTERACTIVE]"],
      [["new", "x", "--due", "someday"], 'error: "someday" is not a due date [INVALID_VALUE]'],
      [["new", "x", "--depends-on", "zzzzz"], "error: depends-on: no task with id zzzzz [INVALID_VALUE]"],
      [["new", "x", "--status", "doing"], 'error: unknown status "doing" [INVALID_VALUE]'],
      [["new", "x", "--priority", "p0"], 'error: unknown priority "p0" [INVALID_VALUE]'],
      [["new", "x", "--dod", " "], "error: definition-of-done cannot be empty [INVALID_VALUE]"],
      [["new", "x", "--label", "a\u0007b"], "error: label must be one line of text without control characters [INVALID_VALUE]"],
      [["new", "x", "--bogus"], "error: unknown option '--bogus' [USAGE]"],
    ];
    for (const [args, line] of cases) {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr.split("\n")[0], args.join(" ")).toBe(line);
      expect(result.stderr, args.join(" ")).toMatch(/\nhint: .+\n$/);
    }
    expect(snapshot(repo)).toEqual(before);
  });

  it("--no-commit leaves the new file untracked; without init it still works (config is optional)", async () => {
    const repo = makeRepo();
    const head = repo.git(["rev-parse", "HEAD"]);
    const result = await repo.tasks(["new", "Draft", "--no-commit"]);
    expect(result.code).toBe(0);
    const id = result.stdout.trim();
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.git(["status", "--porcelain", "-uall"])).toBe(`?? tasks/2026-11/${id}-draft.md\n`);
    expect(repo.read(`tasks/2026-11/${id}-draft.md`)).toContain("- 2026-11-20 09:00 +00:00 alice@example.com: created\n");
  });
});
