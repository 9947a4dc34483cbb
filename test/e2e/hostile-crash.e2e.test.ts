import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { decodeTask } from "../../src/storage/task-codec.js";
import { assertBuilt, cliArgv, PROJECT_ROOT } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { expectInert } from "../helpers/hostile.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Crashes and closed pipes (docs/security.md, promises 2, 3 and 9): a save killed at any moment
 * leaves the old file or the new one; a command killed between its write and its commit is noticed
 * by the next run, which says how to finish it and never folds it into another commit or drops
 * it; a closed stdout ends a command quietly.
 */

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(TEST_ROOT, prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("a save killed with SIGKILL at a random moment (W1)", () => {
  it("leaves the old file or the new one, never a torn one: 200 kills", async () => {
    const dir = tempDir("tasks-kill-");
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, "test", "helpers", "kill-during-save.mjs"), dir, "200"], { encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { iterations: number; old: number; new: number; torn: unknown[]; leftovers: string[] };
    expect(summary.torn).toEqual([]);
    expect(summary.old + summary.new).toBe(200);
    // Kills landed both before and after a rename, and in the middle of writing a temp file.
    expect(summary.old).toBeGreaterThan(0);
    expect(summary.new).toBeGreaterThan(0);
    // A temp file a kill leaves behind is hidden from the reader (dot name, .tasks-tmp suffix).
    for (const name of summary.leftovers) expect(name).toMatch(/^\.[0-9a-f]{12}\.tasks-tmp$/);
    for (const version of ["old.md", "new.md"]) {
      const decoded = await decodeTask("tasks/2026-11/k7m2q-a-big-task.md", readFileSync(join(dir, version)));
      expect("task" in decoded && decoded.task.id).toBe("k7m2q");
    }
  }, 120_000);
});

/** A `git` first on PATH that SIGKILLs the tasks process when asked to commit: a crash between write and commit. */
function crashingGit(): string {
  const dir = tempDir("tasks-crashgit-");
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(join(dir, "git"), `#!/bin/sh\nfor a in "$@"; do [ "$a" = commit ] && { kill -9 "$PPID"; exit 1; }; done\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  return dir;
}

function teamRepo(): { repo: TestRepo; crash: Record<string, string> } {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "cr222", title: "Crash here", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "cr333", title: "Other task", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  repo.write("unrelated.txt", "staged, not the tool's\n");
  repo.git(["add", "unrelated.txt"]);
  return { repo, crash: { PATH: `${crashingGit()}:${repo.env.PATH ?? ""}` } };
}

const FILE = "tasks/2026-11/cr222-crash-here.md";
const OTHER = "tasks/2026-11/cr333-other-task.md";
const WARNING = `warning: a tasks command was stopped before its commit (tasks: claim cr222 Crash here): ${FILE} holds the change; run 'tasks resume' to commit it\n`;

describe("a crash between write and commit (C6)", () => {
  it("is noticed by the next run, never folded into another commit, and tasks resume commits it as meant", async () => {
    const { repo, crash } = teamRepo();
    const head = repo.git(["rev-parse", "HEAD"]);
    const killed = await repo.tasks(["claim", "cr222"], { env: crash });
    expect(killed.code, "killed by its git").toBe(128);
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.git(["status", "--porcelain", "--", "tasks"])).toBe(` M ${FILE}\n`);
    const written = repo.read(FILE);
    expect(written).toContain("status: in-progress");

    // Reading commands say so in one line; listing still works.
    const list = await repo.tasks(["list"]);
    expect(list).toMatchObject({ code: 0, stderr: WARNING });
    expect((await repo.tasks(["show", "cr222"])).stderr).toBe(WARNING);

    // A command on the same file refuses: its commit would swallow the interrupted change.
    const before = snapshot(repo);
    const same = await repo.tasks(["comment", "cr222", "on top"]);
    expect(same.code).toBe(4);
    expect(same.stderr).toBe(
      `${WARNING}error: ${FILE} holds the uncommitted change of a stopped command (tasks: claim cr222 Crash here); nothing was changed [INTERRUPTED_CHANGE]\nhint: run 'tasks resume' to commit it first\n`,
    );
    expect(snapshot(repo)).toEqual(before);

    // A command on another file goes ahead, warns, and commits only its own file.
    const other = await repo.tasks(["comment", "cr333", "unrelated work"]);
    expect(other).toMatchObject({ code: 0, stderr: WARNING });
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${OTHER}\n`);
    expect(repo.read(FILE)).toBe(written);

    const resumed = await repo.tasks(["resume", "--json"]);
    expect(resumed.code).toBe(0);
    const outcome = JSON.parse(resumed.stdout) as { kind: string; committed: { action: string; paths: string[]; commit: string }[] };
    expect(outcome).toMatchObject({ kind: "resume", committed: [{ action: "claim", paths: [FILE] }] });
    expect(repo.git(["rev-parse", "HEAD"]).trim()).toBe(outcome.committed[0]?.commit);
    expect(repo.git(["log", "-1", "--format=%B"])).toBe("tasks: claim cr222 Crash here\n\nTask-Id: cr222\nTask-Action: claim\n\n");
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${FILE}\n`);
    expect(repo.git(["status", "--porcelain"])).toBe("A  unrelated.txt\n");
    expect(readdirSync(join(repo.dir, ".git", "tasks-journal"))).toEqual([]);
    expect(await repo.tasks(["list"])).toMatchObject({ code: 0, stderr: "" });
    expect(await repo.tasks(["resume"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a new task (its file already added) and a handoff of two tasks are each resumed whole, in one commit each", async () => {
    const { repo, crash } = teamRepo();
    expect((await repo.tasks(["new", "Born in a crash"], { env: crash })).code).toBe(128);
    const created = repo.git(["status", "--porcelain", "-uall", "--", "tasks"]).trim();
    // `new` adds the file before committing: the crash leaves it staged, nothing else is.
    expect(created).toMatch(/^A {2}tasks\/2026-11\/[a-z2-9]{5}-born-in-a-crash\.md$/);
    expect((await repo.tasks(["handoff", "cr222", "cr333", "--to", "bob"], { env: crash })).code).toBe(128);
    const list = await repo.tasks(["list"]);
    expect(list.stderr.split("\n").filter(Boolean)).toHaveLength(2);
    const resumed = await repo.tasks(["resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim().split("\n")).toHaveLength(2);
    const [, path, id] = /^A {2}(tasks\/2026-11\/([a-z2-9]{5})-.*)$/.exec(created) ?? [];
    expect(repo.git(["show", "--name-only", "--format=%s", "HEAD~1"])).toBe(`tasks: new ${id} Born in a crash\n\n${path}\n`);
    expect(repo.git(["show", "--name-only", "--format=%s", "HEAD"])).toBe(`tasks: handoff cr222 cr333 to bob\n\n${FILE}\n${OTHER}\n`);
    expect(repo.git(["status", "--porcelain"])).toBe("A  unrelated.txt\n");
  });

  it("a file edited after the crash is never committed under the tool's message; --forget stops the reminder and keeps the edit", async () => {
    const { repo, crash } = teamRepo();
    expect((await repo.tasks(["claim", "cr222"], { env: crash })).code).toBe(128);
    repo.write(FILE, `${repo.read(FILE)}- a line typed by hand\n`);
    const edited = `warning: a tasks command was stopped before its commit (tasks: claim cr222 Crash here): ${FILE} changed since; commit it yourself, then run 'tasks resume --forget'\n`;
    expect((await repo.tasks(["list"])).stderr).toBe(edited);
    const head = repo.git(["rev-parse", "HEAD"]);
    const refused = await repo.tasks(["resume"]);
    expect(refused).toEqual({
      code: 4,
      stdout: "",
      stderr: `error: ${FILE} changed after the interrupted command wrote it; nothing was committed [INTERRUPTED_CHANGE]\nhint: commit or restore those files yourself, then run 'tasks resume --forget'\n`,
    });
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    const text = repo.read(FILE);
    expect(await repo.tasks(["resume", "--forget"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(repo.read(FILE)).toBe(text);
    expect(repo.git(["status", "--porcelain", "--", "tasks"])).toBe(` M ${FILE}\n`);
    expect(await repo.tasks(["list"])).toMatchObject({ code: 0, stderr: "" });
  });

  it("a change the user committed by hand after the crash is simply forgotten", async () => {
    const { repo, crash } = teamRepo();
    expect((await repo.tasks(["claim", "cr222"], { env: crash })).code).toBe(128);
    repo.git(["commit", "-q", "-m", "my own commit", "--", FILE]);
    expect(await repo.tasks(["list"])).toMatchObject({ code: 0, stderr: "" });
    expect((await repo.tasks(["comment", "cr222", "after"])).code).toBe(0);
    expect(existsSync(join(repo.dir, ".git", "tasks-journal")) ? readdirSync(join(repo.dir, ".git", "tasks-journal")) : []).toEqual([]);
  });
});

describe("one rule for an uncommitted change to a task file: a tasks commit never folds it in", () => {
  it("a hand edit (staged or not) is refused exactly like a crash leftover: exit 4, nothing written, nothing committed", async () => {
    const { repo, crash } = teamRepo();
    expect((await repo.tasks(["claim", "cr222"], { env: crash })).code).toBe(128);
    repo.write(OTHER, `${repo.read(OTHER)}\nA note typed by hand.\n`);
    const head = repo.git(["rev-parse", "HEAD"]);
    const before = snapshot(repo);

    const crashed = await repo.tasks(["comment", "cr222", "on top"]);
    expect(crashed.code).toBe(4);
    expect(crashed.stderr).toContain("nothing was changed [INTERRUPTED_CHANGE]");
    const handEdited = `${WARNING}error: ${OTHER} has uncommitted changes; a tasks commit holds only its own change, so nothing was changed [DIRTY_TASKS]\nhint: commit them yourself (git commit -m "<what you changed>" -- ${OTHER}) or undo them (git restore --staged --worktree -- ${OTHER}), then run the command again; or run it with --no-commit\n`;
    for (const args of [["comment", "cr333", "on top"], ["set", "cr333", "priority=high"], ["done", "cr333", "--yes"]]) {
      expect(await repo.tasks(args), args.join(" ")).toEqual({ code: 4, stdout: "", stderr: handEdited });
    }
    repo.git(["add", OTHER]);
    expect(await repo.tasks(["comment", "cr333", "on top"])).toMatchObject({ code: 4, stderr: handEdited });
    repo.git(["reset", "-q", "--", OTHER]);
    expect(snapshot(repo)).toEqual(before);
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
  });

  it("--no-commit writes on top of a hand edit; once the user commits it, the tool's commit holds only its own line", async () => {
    const { repo } = teamRepo();
    repo.write(OTHER, `${repo.read(OTHER)}\nA note typed by hand.\n`);
    const head = repo.git(["rev-parse", "HEAD"]);
    // Nothing is committed, so nothing is mislabelled.
    expect((await repo.tasks(["comment", "cr333", "draft", "--no-commit"])).code).toBe(0);
    expect(repo.read(OTHER)).toMatch(/A note typed by hand\.\n[^]*alice: draft\n$/);
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    repo.git(["commit", "-q", "-m", "my note", "--", OTHER]);
    expect((await repo.tasks(["comment", "cr333", "after"])).code).toBe(0);
    expect(repo.git(["show", "--format=%s", "--stat=200", "HEAD"])).toContain(`tasks: comment cr333 Other task\n\n ${OTHER} | 1 +\n`);
  });

  it("a task file never committed (tasks new --no-commit) is refused by a committing command, named as such", async () => {
    const { repo } = teamRepo();
    const made = JSON.parse((await repo.tasks(["new", "Draft", "--no-commit", "--json"])).stdout) as { task: { id: string; path: string } };
    const refused = await repo.tasks(["claim", made.task.id]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toBe(
      `error: ${made.task.path} was never committed; a tasks commit holds only its own change, so nothing was changed [DIRTY_TASKS]\nhint: commit a new file yourself (git add -- ${made.task.path} && git commit -m "<new task>" -- ${made.task.path}), then run the command again; or run it with --no-commit\n`,
    );
    expect(repo.git(["status", "--porcelain", "-uall", "--", "tasks"])).toBe(`?? ${made.task.path}\n`);
  });
});

describe("a closed stdout (T9)", () => {
  it("stdout closed before the command starts: it exits as usual, quietly", async () => {
    const { repo } = teamRepo();
    for (const [args, code] of [[["list"], 0], [["list", "--json"], 0], [["show", "cr222"], 0], [["check", "--format", "github"], 3], [["comment", "cr333", "into the void"], 0]] as const) {
      const command = `${cliArgv(args).map((a) => `'${a}'`).join(" ")} >&-`;
      const run = spawnSync("bash", ["-c", command], { cwd: repo.dir, env: repo.env, encoding: "utf8" });
      expect(run.status, args.join(" ")).toBe(code);
      expect(run.stderr, args.join(" ")).toBe("");
    }
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: comment cr333 Other task");
  });

  it("a reader that stops after one line (check, show, board piped to head -1): the command exits 0 or 3 without a trace", async () => {
    const { repo } = teamRepo();
    mkdirSync(join(repo.dir, "tasks", "2026-12"), { recursive: true });
    for (let i = 0; i < 300; i++) seedTask(repo, { id: `pp${String(i).padStart(3, "0")}`, title: `Pipe ${i} ${"long ".repeat(30)}`, status: "todo" }, undefined, "tasks/2026-12");
    for (const [args, code] of [[["check"], 3], [["show", "cr222"], 0], [["board"], 0], [["check", "--format", "json"], 3]] as const) {
      const command = `${cliArgv(args).map((a) => `'${a}'`).join(" ")} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
      const run = spawnSync("bash", ["-c", command], { cwd: repo.dir, env: repo.env, encoding: "utf8" });
      expect(run.stdout.split("\n"), args.join(" ")).toHaveLength(2);
      expectInert(run.stdout, args.join(" "));
      expect(run.stderr, args.join(" ")).toMatch(new RegExp(`^(warning: [^\\n]*\\n)*exit=${code}\\n$`));
    }
  });
});
