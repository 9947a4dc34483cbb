import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, taskFile } from "../helpers/repo.js";

beforeAll(assertBuilt);

const TASKS = 10_000;

/** A `git` first on PATH that records each invocation's arguments, then runs the real git. */
function gitRecorder(): { dir: string; calls: () => string[][] } {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-gitspy-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const log = join(dir, "calls.log");
  writeFileSync(join(dir, "git"), `#!/bin/sh\nprintf '%s\\037' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  writeFileSync(log, "");
  return { dir, calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => line.split("\x1f").slice(0, -1)) };
}

/** The git subcommand of an argument list (after `-c key=value` pairs and global options). */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-c" || args[i] === "-C") i++;
    else if (!(args[i] ?? "").startsWith("-")) return args[i] ?? "";
  }
  return "";
}

describe("tasks check at 10,000 tasks", () => {
  it("reads history with one git log, whatever the number of tasks", async () => {
    const repo = makeRepo();
    for (let folder = 0; folder < TASKS / 100; folder++) mkdirSync(join(repo.dir, "tasks", `f${folder}`), { recursive: true });
    const statusOf = (i: number): string => (i % 50 === 0 ? "in-progress" : i % 97 === 0 ? "blocked" : "todo");
    for (let i = 0; i < TASKS; i++) {
      const id = `t${String(i).padStart(5, "0")}`;
      const fields = { id, title: `Task ${i}`, status: statusOf(i), owner: i % 2 ? "alice" : "bob", "definition-of-done": ["Done"] };
      writeFileSync(join(repo.dir, "tasks", `f${Math.floor(i / 100)}`, `${id}-task.md`), taskFile(fields));
    }
    repo.commit("ten thousand tasks", { date: "2026-11-02T10:00:00Z" });
    // Some history inside the window: a few active tasks touched this week.
    for (let i = 0; i < 300; i += 50) {
      const id = `t${String(i).padStart(5, "0")}`;
      writeFileSync(join(repo.dir, "tasks", `f${Math.floor(i / 100)}`, `${id}-task.md`), taskFile({ id, title: `Task ${i} moving`, status: "in-progress", owner: "alice", "definition-of-done": ["Done"] }));
    }
    repo.commit("progress", { date: "2026-11-18T10:00:00Z" });

    const spy = gitRecorder();
    const result = await runCli(["check", "--json"], { cwd: repo.dir, env: { ...repo.env, PATH: `${spy.dir}:${repo.env.PATH ?? ""}` }, timeoutMs: 120_000 });
    const report = JSON.parse(result.stdout) as { counts: { tasks: number }; findings: { rule: string; id: string }[] };
    expect(report.counts.tasks).toBe(TASKS);
    // 200 active tasks, 6 of them touched this week; 97 blocked tasks, none blocked inside the window.
    expect(report.findings.filter((f) => f.rule === "stale")).toHaveLength(194);
    expect(report.findings.filter((f) => f.rule === "blocked-too-long")).toHaveLength(Array.from({ length: TASKS }, (_, i) => i).filter((i) => statusOf(i) === "blocked").length);
    expect(result.code).toBe(3);

    const commands = spy.calls().map(subcommand);
    // One log for the task files' history, one for the code links (docs/code-links.md); both windowed.
    expect(commands.filter((c) => c === "log")).toHaveLength(2);
    expect(commands.filter((c) => c === "cat-file")).toHaveLength(1);
    expect(commands.filter((c) => c === "for-each-ref")).toHaveLength(2);
    // The folder is listed by git (a status and one ls-files), not walked.
    expect(commands.filter((c) => c === "ls-files")).toHaveLength(1);
    expect(commands.length).toBeLessThanOrEqual(10);
    const logs = spy.calls().filter((args) => subcommand(args) === "log");
    for (const log of logs) expect(log.some((arg) => arg.startsWith("--since="))).toBe(true);
  }, 180_000);
});
