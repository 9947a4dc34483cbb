import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import { workflowCommands } from "../helpers/actions-runner.js";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, taskFile, type TestRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

const healthy = { id: "hhhhh", title: "Healthy", status: "todo", owner: "alice", "definition-of-done": ["Done"] };

function repoWith(files: Record<string, string>, date = "2026-11-19T10:00:00Z"): TestRepo {
  const repo = makeRepo();
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.commit("tasks", { date });
  return repo;
}

const check = (repo: TestRepo, args: string[], env: Record<string, string> = {}) => runCli(["check", ...args], { cwd: repo.dir, env: { ...repo.env, ...env } });

describe("tasks check: exit codes", () => {
  it("exits 0 on a healthy task set", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile(healthy) });
    const result = await check(repo, []);
    expect(result).toMatchObject({ code: 0, stdout: "no findings; 1 task checked\n", stderr: "" });
  });

  it("exits 0 with warnings only, and 3 with --strict", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile({ ...healthy, "definition-of-done": [] }) });
    expect((await check(repo, [])).code).toBe(0);
    const strict = await check(repo, ["--strict"]);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toContain("0 errors, 1 warning in 1 file (--strict: warnings fail)");
  });

  it("exits 3 on an error-level finding", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile({ ...healthy, owner: null }) });
    expect((await check(repo, [])).code).toBe(3);
  });

  it("checks a repository without commits yet: the files are all there is", async () => {
    const repo = makeRepo({ initialCommit: false });
    repo.write("tasks/2026-11/hhhhh-healthy.md", taskFile({ ...healthy, status: "in-progress" }));
    const result = await check(repo, []);
    expect(result).toMatchObject({ code: 0, stdout: "no findings; 1 task checked\n", stderr: "" });
  });

  it("exits 1 when it cannot run: a bad check: section, with the file and line", async () => {
    const repo = repoWith({
      "tasks/2026-11/hhhhh-healthy.md": taskFile(healthy),
      ".tasks/config.yml": "timezone: UTC\ncheck:\n  ownerless: error\n  stale:\n    days: five\n",
    });
    const result = await check(repo, []);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('error: .tasks/config.yml:5: check.stale.days: "five" is not a number of days [INVALID_CONFIG]\nhint: use a whole number from 1 to 365\n');
  });

  it("exits 1 for a --changed revision that is not there, and never reads it as an option", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile(healthy) });
    const missing = await check(repo, ["--changed", "origin/main"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: --changed origin/main: not a commit in this repository [UNKNOWN_REVISION]");
    const optionLike = await check(repo, ["--changed", "--output=pwned.txt"]);
    expect(optionLike.code).toBe(1);
    expect(existsSync(join(repo.dir, "pwned.txt"))).toBe(false);
  });

  it("exits 2 for a rule that does not exist", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile(healthy) });
    const result = await check(repo, ["--skip", "stael"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--skip stael: no such rule");
  });
});

describe("tasks check --format github", () => {
  const HOSTILE_TITLE = '"Fix login\\n::set-output name=x::y\\r\\n##[add-mask]secret\\n::error file=x::forged 100%"';

  it("prints only the annotations it means, whatever a title says, and writes the job summary", async () => {
    const repo = repoWith({
      "tasks/2026-11/k7m2q-hostile.md": taskFile({ ...healthy, id: "k7m2q", title: HOSTILE_TITLE, owner: null }),
      "tasks/2026-11/hhhhh-healthy.md": taskFile(healthy),
    });
    const summaryDir = mkdtempSync(join(TEST_ROOT, "tasks-summary-"));
    onTestFinished(() => rmSync(summaryDir, { recursive: true, force: true }));
    const summary = join(summaryDir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const result = await check(repo, [], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(3);
    const commands = workflowCommands(result.stdout);
    expect(commands.map((c) => [c.command, c.properties])).toEqual([
      ["error", { file: "tasks/2026-11/k7m2q-hostile.md", line: "5", title: "tasks check: ownerless (k7m2q)" }],
      ["warning", { file: "tasks/2026-11/k7m2q-hostile.md", line: "3", title: "tasks check: hidden-characters (k7m2q)" }],
    ]);
    expect(commands[0]?.data).toBe('k7m2q "Fix login\\n::set-output name=x::y\\r\\n# #[add-mask]secret\\n::error file=x::forged 100%": open task (status todo) has no owner. Hint: give it one: tasks assign k7m2q <who>');
    const markdown = readFileSync(summary, "utf8");
    expect(markdown.startsWith("earlier step\n## tasks check\n")).toBe(true);
    expect(markdown).toContain("**failed**: 1 error, 1 warning in 1 file; 2 tasks checked");
    expect(markdown).toContain("k7m2q Fix login\\\\n\\:\\:set\\-output name\\=x\\:\\:y");
  });

  it("keeps its verdict when the job summary cannot be written", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile({ ...healthy, owner: null }) });
    const result = await check(repo, ["--format", "github"], { GITHUB_STEP_SUMMARY: join(repo.dir, "no", "such", "folder", "summary.md") });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("warning: could not write the job summary");
    expect(workflowCommands(result.stdout).map((c) => c.command)).toEqual(["error"]);
  });

  it("caps annotations, errors first, and says how many more", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`tasks/2026-11/w${String(i).padStart(4, "0")}-x.md`] = taskFile({ ...healthy, id: `w${String(i).padStart(4, "0")}`, "definition-of-done": [] });
    files["tasks/2026-11/zzzzz-x.md"] = taskFile({ ...healthy, id: "zzzzz", owner: null });
    const repo = repoWith(files);
    const result = await check(repo, ["--format", "github"]);
    expect(result.code).toBe(3);
    const commands = workflowCommands(result.stdout).map((c) => c.command);
    expect(commands[0]).toBe("error");
    expect(commands.filter((c) => c === "warning")).toHaveLength(10);
    expect(result.stdout).toContain("2 more findings not annotated");
  });
});

describe("tasks check --format json", () => {
  it("prints one parsable, versioned document with every finding", async () => {
    const repo = repoWith({ "tasks/2026-11/hhhhh-healthy.md": taskFile({ ...healthy, owner: null, title: '"Tab\\there \\u202e"' }) });
    const result = await check(repo, ["--format", "json"]);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ schemaVersion: 1, kind: "check", ok: false, strict: false, changedSince: null, counts: { errors: 1, warnings: 1, files: 1, tasks: 1, unreadable: 0 } });
    expect(report.findings).toEqual([
      { rule: "hidden-characters", severity: "warning", path: "tasks/2026-11/hhhhh-healthy.md", line: 3, id: "hhhhh", title: "Tab\there \u202e", message: "title holds control, bidi or invisible characters (\\t <U+202E>): other tools may show it differently", hint: "retype the title without them: tasks edit hhhhh" },
      { rule: "ownerless", severity: "error", path: "tasks/2026-11/hhhhh-healthy.md", line: 5, id: "hhhhh", title: "Tab\there \u202e", message: "open task (status todo) has no owner", hint: "give it one: tasks assign hhhhh <who>" },
    ]);
    expect(result.stdout).not.toContain("\u202e");
  });
});

describe("tasks check on a shallow clone", () => {
  it("says history rules were skipped and how to fetch the history; never a silent pass", async () => {
    const origin = makeRepo();
    origin.write("tasks/2026-11/stale-task.md", taskFile({ ...healthy, id: "stale", status: "in-progress" }));
    origin.commit("old", { date: "2026-10-01T10:00:00Z" });
    origin.write("NOTES.md", "later\n");
    origin.commit("later", { date: "2026-11-19T10:00:00Z" });
    const full = await check(origin, ["--json"]);
    expect((JSON.parse(full.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual(["stale"]);

    const clone = mkdtempSync(join(TEST_ROOT, "tasks-shallow-"));
    onTestFinished(() => rmSync(clone, { recursive: true, force: true }));
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${origin.dir}`, clone], { env: origin.env });
    const result = await runCli(["check"], { cwd: clone, env: origin.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("repository\n  warning shallow-clone: this is a shallow clone, so stale, blocked-too-long, unknown-task-reference, closed-by-commit and done-with-override could not run: they read the history\n");
    expect(result.stdout).toContain("fetch-depth: 0");
    expect((await runCli(["check", "--strict"], { cwd: clone, env: origin.env })).code).toBe(3);
    const github = await runCli(["check"], { cwd: clone, env: { ...origin.env, GITHUB_ACTIONS: "true" } });
    expect(workflowCommands(github.stdout).map((c) => [c.command, c.properties.title])).toEqual([["warning", "tasks check: shallow-clone"]]);
  });
});

describe("tasks check --changed", () => {
  it("reports only tasks whose files differ from the merge base, committed or not", async () => {
    const repo = repoWith({
      "tasks/2026-11/aaaaa-old.md": taskFile({ ...healthy, id: "aaaaa", owner: null }),
      "tasks/2026-11/bbbbb-changed.md": taskFile({ ...healthy, id: "bbbbb" }),
      "tasks/2026-11/ccccc-worktree.md": taskFile({ ...healthy, id: "ccccc" }),
    });
    repo.git(["checkout", "-q", "-b", "feature"]);
    repo.write("tasks/2026-11/bbbbb-changed.md", taskFile({ ...healthy, id: "bbbbb", owner: null }));
    repo.commit("break bbbbb", { date: "2026-11-19T11:00:00Z" });
    repo.git(["checkout", "-q", "main"]);
    repo.write("NOTES.md", "main moved on\n");
    repo.commit("main moves", { date: "2026-11-19T12:00:00Z" });
    repo.git(["checkout", "-q", "feature"]);
    repo.write("tasks/2026-11/ccccc-worktree.md", taskFile({ ...healthy, id: "ccccc", owner: null }));
    const result = await check(repo, ["--changed", "main", "--json"]);
    const report = JSON.parse(result.stdout) as { changedSince: string; findings: { id: string }[] };
    expect(report.findings.map((f) => f.id)).toEqual(["bbbbb", "ccccc"]);
    expect(report.changedSince).toBe(repo.git(["merge-base", "main", "HEAD"]).trim());
    expect(result.code).toBe(3);
  });

  it("does not call a task stale while its change is waiting to be committed", async () => {
    const repo = repoWith({ "tasks/2026-11/stale-task.md": taskFile({ ...healthy, id: "stale", status: "in-progress" }) }, "2026-10-01T10:00:00Z");
    expect((await check(repo, ["--rule", "stale"])).code).toBe(3);
    repo.write("tasks/2026-11/stale-task.md", taskFile({ ...healthy, id: "stale", status: "in-progress", title: "Progress" }));
    const result = await check(repo, ["--changed", "HEAD", "--rule", "stale"]);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining("no findings") });
  });
});

describe("tasks init --ci github", () => {
  it("writes a valid workflow, commits it with the init commit, and refuses to overwrite a different one", async () => {
    const repo = makeRepo();
    const tasks = (...args: string[]) => runCli(args, { cwd: repo.dir, env: repo.env });
    const first = await tasks("init", "--ci", "github");
    expect(first.code).toBe(0);
    const path = ".github/workflows/tasks-check.yml";
    expect(repo.git(["show", "--name-only", "--format=%s", "HEAD"]).trim().split("\n")).toEqual(["tasks: init", "", ".gitattributes", path, ".tasks/config.yml", "tasks/README.md"]);
    const workflow = parse(repo.read(path)) as { permissions: unknown; jobs: Record<string, { steps: { with?: Record<string, unknown> }[] }> };
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs["tasks-check"]?.steps[0]?.with?.["fetch-depth"]).toBe(0);

    expect((await tasks("init", "--ci", "github")).code).toBe(0);
    expect(repo.git(["rev-list", "--count", "HEAD"]).trim()).toBe("2");

    repo.write(path, "name: ours\n");
    const refused = await tasks("init", "--ci", "github");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`${path} already exists and differs`);
    expect(repo.read(path)).toBe("name: ours\n");
  });
});
