import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workflowCommands } from "../helpers/actions-runner.js";
import { assertBuilt } from "../helpers/cli.js";
import { changedPaths, expectInert, expectInertWithColour, expectNoStackTrace, expectProbeClean, expectSafeRun, runHostile, runHostilePty, treeDigest } from "../helpers/hostile.js";
import { type HostileRepo, hookCanaries, makeHostileRepo } from "../helpers/hostile-repo.js";

beforeAll(assertBuilt);

/**
 * Every reading command against the whole hostile corpus (docs/security.md, promises 1, 4, 5, 7,
 * 8): in a pipe with CI set and nothing on stdin, and on a terminal. Whatever the files, names,
 * roster, templates and history say, no code runs, no control or bidi character reaches the
 * output, nothing anywhere changes, no stack trace, the documented exit code, bounded time and
 * memory; and nothing behind a symbolic link is ever read.
 */

let hostile: HostileRepo;
beforeAll(() => {
  hostile = makeHostileRepo();
});
afterAll(() => hostile.remove());

const READERS: readonly (readonly [readonly string[], number])[] = [
  [["list"], 0],
  [["ls", "--all", "--json"], 0],
  [["list", "--owner", "ad\u200bmin", "--sort", "title"], 0],
  [["list", "--owner", "bob"], 0],
  [["show", "t06dd"], 0],
  [["show", "t01bb"], 0],
  [["show", "t06aa", "--json"], 0],
  [["show", "t07aa"], 0],
  [["show", "w02aa"], 1],
  [["show", "f01"], 1],
  [["show", "s11aa"], 4],
  [["show", "../../.git/hooks/pre-commit"], 1],
  [["board"], 0],
  [["board", "--json"], 0],
  [["log", "t06bb"], 0],
  [["log", "x03aa", "--json"], 0],
  [["log", "s08aa"], 0],
  [["standup", "--team"], 0],
  [["standup", "--team", "--json"], 0],
  [["standup", "--owner", "mallory"], 0],
  [["report", "weekly"], 0],
  [["report", "weekly", "--json"], 0],
  [["team"], 0],
  [["team", "--json"], 0],
  [["dashboard", "--json"], 0],
  [["dashboard", "--out", "-"], 0],
  [["dod", "t07aa"], 0],
  [["handoff", "t07aa", "--to", "bob", "--dry-run"], 0],
  [["check"], 3],
  [["check", "--format", "json"], 3],
  [["check", "--format", "github"], 3],
  [["--help"], 0],
];

const SECRETS = ["SECRET-OUTSIDE-THE-REPOSITORY", "SECRET-THROUGH-A-LINKED-FOLDER", "PATH=/"];

describe("reading commands on the hostile corpus, in a pipe", () => {
  it.each(READERS.map(([args, code]) => [args.join(" "), args, code] as const))("tasks %s", async (_name, args, code) => {
    const before = treeDigest(hostile.repo.dir);
    const run = await runHostile(args, { cwd: hostile.repo.dir, env: hostile.repo.env });
    expectSafeRun(run, [code]);
    for (const secret of SECRETS) expect(run.stdout + run.stderr, "read through a symbolic link").not.toContain(secret);
    // A one-line value (a title with "\n::set-output …") never starts a line of its own; only a task body is shown as lines.
    if (args[0] !== "show" && args[0] !== "dashboard" && !args.includes("github")) expect(run.stdout, "a line forged by a value").not.toMatch(/^\s*::|^### Forged/m);
    // In a GitHub Actions log no line may be a workflow command (only check --format github has its own).
    const inActions = await runHostile(args[0] === "check" && !args.includes("--format") ? [...args, "--format", "text"] : args, { cwd: hostile.repo.dir, env: { ...hostile.repo.env, GITHUB_ACTIONS: "true" } });
    expectSafeRun(inActions, [code]);
    const expected = args.includes("github") ? workflowCommands(run.stdout).map((c) => c.command) : [];
    expect(workflowCommands(inActions.stdout).map((c) => c.command), "stdout under GitHub Actions").toEqual(expected.map((c) => (/^[0-9a-f]{32}$/.test(c) ? expect.stringMatching(/^[0-9a-f]{32}$/) : c)));
    expect(workflowCommands(inActions.stderr), "stderr under GitHub Actions").toEqual([]);
    if (args.includes("--json")) expect(JSON.parse(inActions.stdout)).toEqual(JSON.parse(run.stdout));
    expect(changedPaths(before, treeDigest(hostile.repo.dir))).toEqual([]);
    expect(hookCanaries(hostile)).toEqual([]);
  });
});

describe("reading commands on the hostile corpus, on a terminal", () => {
  // Each with a piece of hostile text it must show, escaped.
  const TERMINAL: readonly (readonly [readonly string[], string])[] = [
    [["list"], "\\x1b]0;PWNED\\x07"],
    [["show", "t01bb"], "\\x1b[2J\\x1b[H"],
    [["board"], "<U+202E>"],
    [["log", "x03aa"], "\\x1b]8;;https://evil.example/"],
    [["standup", "--team"], "\\x1b]0;REASON\\x07"],
    [["team"], "mallory"],
    [["report", "weekly"], "\\x1b"],
    [["check"], "\\r\\n::add-mask::error 100%"],
  ];

  it.each(TERMINAL.map(([args, shown]) => [args.join(" "), args, shown] as const))("tasks %s shows every hostile string escaped, with and without colour", async (_name, args, shown) => {
    for (const colour of [false, true]) {
      const env = { ...hostile.repo.env, CI: "true", ...(colour ? { NO_COLOR: "", FORCE_COLOR: "1" } : {}) };
      const run = await runHostilePty(args, { cwd: hostile.repo.dir, env, columns: 120 });
      const label = `tasks ${args.join(" ")} on a terminal${colour ? " in colour" : ""}`;
      expect(run.timedOut, label).toBe(false);
      expect([0, 3], label).toContain(run.code);
      if (colour) expectInertWithColour(run.output, label);
      else expectInert(run.output, label);
      expect(run.output.replace(/\x1b\[[0-9;]*m/g, ""), `${label} shows the hostile text, escaped`).toContain(shown);
      expectInert(run.stderr, `${label}, stderr`);
      expectNoStackTrace(run.output + run.stderr, label);
      expectProbeClean(run.probe, label);
    }
  });
});

describe("tasks check in GitHub Actions on the hostile corpus", () => {
  it("prints no workflow command but its own annotations, and a summary that renders as text (G1-G6)", async () => {
    const summary = `${hostile.outside}/summary.md`;
    const run = await runHostile(["check"], { cwd: hostile.repo.dir, env: { ...hostile.repo.env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, ACTIONS_ALLOW_UNSECURE_COMMANDS: "true" } });
    expectSafeRun(run, [3]);
    const commands = workflowCommands(run.stdout);
    const names = commands.map((c) => c.command);
    const token = names.find((n) => /^[0-9a-f]{32}$/.test(n));
    expect(token, "the stop-commands token").toBeDefined();
    expect(names.filter((n) => n !== "error" && n !== "warning")).toEqual(["stop-commands", token]);
    expect(names.filter((n) => n === "error")).toHaveLength(10);
    expect(names.filter((n) => n === "warning")).toHaveLength(10);
    expect(names.indexOf("warning")).toBe(10);
    expect(commands.find((c) => c.properties.title === "tasks check: unsecure-commands")?.command).toBe("warning");
    expect(run.stdout).toMatch(/\n\d+ more findings not annotated \(GitHub shows 10 errors and 10 warnings per step\); listed above\n/);
    const { readFileSync } = await import("node:fs");
    const markdown = readFileSync(summary, "utf8");
    expectInert(markdown, "job summary");
    expect(markdown).not.toMatch(/(?<!\\)<img|(?<!\\)\| cell|^EOF$/m);
    expect(markdown).toContain("\\<img src\\=x onerror\\=alert\\(1\\)\\>");
  });
});
