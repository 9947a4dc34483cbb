import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** Terminal control: ESC, BEL, CR, C1 controls, bidi overrides and isolates, zero-width characters. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

function expectClean(text: string, what: string): void {
  const match = RAW_CONTROL.exec(text);
  expect(match ? `${what}: U+${(match[0].codePointAt(0) ?? 0).toString(16)} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}` : "clean").toBe("clean");
}

const HOSTILE_PATH = "tasks/2026-11/ev222-evil\u202etxt.md";

/** One ordinary task and one whose every string is hostile: title, owner, labels, body, log, file name, commit author and subject. */
function hostileRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "ok222", title: "Ordinary", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.write(
    HOSTILE_PATH,
    [
      "---",
      "id: ev222",
      'title: "Evil \\e]0;PWNED\\a title \\u202e txt.exe"',
      "status: in-progress",
      'owner: "m\\u202eallory\\e[2J"',
      'labels: ["x\\e[31m", "\\u2066iso"]',
      "definition-of-done:",
      '  - "tick \\e]52;c;cGF5bG9hZA==\\a"',
      'x-note: "\\u009b31m"',
      "---",
      "Body \x1b[2J with \u202e and a \x07 bell\r",
      "",
      "## Log",
      "- 2026-11-02 09:00 +00:00 mallory: created \x1b]8;;http://evil\x07link\x1b]8;;\x07",
      "",
    ].join("\n"),
  );
  repo.commit("tasks: seed \x1b]0;OWNED\x07 \u202e", { date: "2026-11-02T09:00:00Z", author: { name: "Mal\x1b[31mlory \u202e", email: "mallory@example.com" } });
  return repo;
}

describe("repository content never controls the terminal", () => {
  it("no raw control or bidi character reaches stdout or stderr, in plain or JSON mode, for any command", async () => {
    const repo = hostileRepo();
    const runs: string[][] = [
      ["list"], ["ls", "--all"], ["list", "--json"], ["board"], ["board", "--json"],
      ["show", "ev222"], ["show", "ev222", "--json"], ["log", "ev222"], ["log", "ev222", "--json"],
      ["comment", "ev222", "seen"], ["comment", "ev222", "seen again", "--json"], ["set", "ev222", "priority=high", "--json"],
      ["claim", "ev222"], ["claim", "ev222", "--force", "--json"], ["done", "ev222"], ["done", "ev222", "--json"],
    ];
    for (const args of runs) {
      const result = await repo.tasks(args);
      expect([0, 4], args.join(" ")).toContain(result.code);
      expectClean(result.stdout, `${args.join(" ")} stdout`);
      expectClean(result.stderr, `${args.join(" ")} stderr`);
    }
    const list = await repo.tasks(["list"]);
    expect(list.stdout).toContain("ev222\tin-progress\talice\t\thigh\tEvil \\x1b]0;PWNED\\x07 title <U+202E> txt.exe\n");
    const json = JSON.parse((await repo.tasks(["show", "ev222", "--json"])).stdout) as { task: Record<string, unknown> };
    // JSON keeps the exact value (escaped in the text, equal once parsed).
    expect(json.task.title).toBe("Evil \x1b]0;PWNED\x07 title \u202e txt.exe");
    expect(json.task.path).toBe(HOSTILE_PATH);
    expect(json.task["x-note"]).toBe("\u009b31m");
  });

  it("a hostile file name in a warning or a JSON error is escaped", async () => {
    const repo = hostileRepo();
    repo.write("tasks/2026-11/bad\x1b[31m\u202e.md", "---\nid: [\n---\n");
    repo.write("tasks/2026-12/ev222-copy\u202e.md", repo.read(HOSTILE_PATH));
    const list = await repo.tasks(["list"]);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain("warning: tasks/2026-11/bad\\x1b[31m<U+202E>.md:");
    expectClean(list.stderr, "warning");
    const conflict = await repo.tasks(["show", "ev222", "--json"]);
    expect(conflict.code).toBe(4);
    expectClean(conflict.stderr, "JSON error");
    expect((JSON.parse(conflict.stderr) as { error: { message: string } }).error.message).toContain("tasks/2026-12/ev222-copy\u202e.md");
  });
});

describe("output modes", () => {
  it("piped output has no escape codes even with colour allowed; --no-color and NO_COLOR are accepted", async () => {
    const repo = makeRepo();
    seedTask(repo, { id: "ok222", title: "Ordinary", status: "todo", due: "2026-11-01" });
    repo.commit("seed");
    for (const args of [["list"], ["board"], ["show", "ok222"], ["log", "ok222"], ["claim", "ok222"], ["list", "--no-color"]]) {
      const result = await repo.tasks(args, { env: { NO_COLOR: "" } });
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout, args.join(" ")).not.toContain("\x1b");
    }
  });

  it("--json prints exactly one JSON document on stdout for every command, before or after the command name", async () => {
    const repo = makeRepo();
    const run = async (args: string[]): Promise<Record<string, unknown>> => {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout.startsWith("{\n"), args.join(" ")).toBe(true);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    expect(await run(["--json", "init"])).toMatchObject({ schemaVersion: 1, kind: "init" });
    const created = await run(["new", "Json task", "--dod", "x", "--json"]);
    const id = (created.task as { id: string }).id;
    const other = ((await run(["new", "Other", "--json"])).task as { id: string }).id;
    const kinds: [string[], string][] = [
      [["list"], "task-list"], [["board"], "board"], [["show", id], "task"], [["log", id], "task-log"],
      [["claim", id], "task-change"], [["assign", id, "bob"], "task-change"], [["unassign", id], "task-change"],
      [["start", id], "task-change"], [["review", id, "--reviewer", "bob"], "task-change"], [["block", id, "--reason", "r", "--on", other], "task-change"],
      [["unblock", id], "task-change"], [["comment", id, "c"], "task-change"], [["set", id, "goal=g", "reviewer="], "task-change"],
      [["drop", id], "task-change"], [["reopen", id], "task-change"], [["status", id, "review"], "task-change"], [["done", id, "--yes"], "task-change"],
    ];
    for (const [index, [args, kind]] of kinds.entries()) {
      const placed = index % 2 === 0 ? ["--json", ...args] : [...args.slice(0, 1), "--json", ...args.slice(1)];
      expect((await run(placed)).kind, placed.join(" ")).toBe(kind);
    }
  });

  it("errors: `error: … [CODE]` and `hint:` on stderr; with --json a JSON error object there and nothing on stdout", async () => {
    const repo = makeRepo();
    const cases: [string[], number, string][] = [
      [["show", "zzzzz"], 1, "TASK_NOT_FOUND"],
      [["list", "--bogus"], 2, "USAGE"],
      [["claim"], 2, "USAGE"],
      [["nosuch"], 2, "USAGE"],
      [["new", "x", "--due", "later"], 2, "INVALID_VALUE"],
    ];
    for (const [args, code, name] of cases) {
      const text = await repo.tasks(args);
      expect(text.code, args.join(" ")).toBe(code);
      expect(text.stdout).toBe("");
      expect(text.stderr, args.join(" ")).toMatch(new RegExp(`^error: .+ \\[${name}\\]\\nhint: .+\\n$`));
      const json = await repo.tasks([...args, "--json"]);
      expect(json.code, args.join(" ")).toBe(code);
      expect(json.stdout).toBe("");
      expect(json.stderr.endsWith("\n") && json.stderr.split("\n").length === 2, args.join(" ")).toBe(true);
      expect(JSON.parse(json.stderr), args.join(" ")).toMatchObject({ error: { code: name, message: expect.any(String) as unknown, hint: expect.any(String) as unknown } });
    }
  });

  it("no stack trace unless TASKS_DEBUG=1", async () => {
    const repo = makeRepo();
    seedTask(repo, { id: "ok222", title: "Ordinary", status: "todo" });
    repo.commit("seed");
    // A branch pointing at a commit that does not exist: git log fails.
    writeFileSync(join(repo.dir, ".git", "refs", "heads", "main"), "1111111111111111111111111111111111111111\n");
    const plain = await repo.tasks(["log", "ok222"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^error: git log failed: .+ \[GIT_FAILED\]\n$/);
    const debug = await repo.tasks(["log", "ok222"], { env: { TASKS_DEBUG: "1" } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^error: git log failed: .+ \[GIT_FAILED\]\n[\s\S]*\n {4}at /);
    const badClock = await repo.tasks(["list"], { env: { TASKS_NOW: "next tuesday" } });
    expect(badClock).toEqual({ code: 2, stdout: "", stderr: 'error: TASKS_NOW="next tuesday" is not an ISO date-time [USAGE]\nhint: use a value like 2026-11-20T09:00:00Z\n' });
  });

  it("--version and --help need no repository", async () => {
    const repo = makeRepo({ initialCommit: false });
    expect((await repo.tasks(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await repo.tasks(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes:");
    const sub = await repo.tasks(["done", "--help"]);
    expect(sub.stdout).toContain('$ tasks done k7m2q --force --reason "runbook moves to the ops wiki"');
  });
});
