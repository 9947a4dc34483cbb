import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { changedPaths, expectInert, expectSafeRun, runHostile, treeDigest } from "../helpers/hostile.js";
import { copyHostileRepo, type HostileRepo, hookCanaries, makeHostileRepo, resolveConflictFixtures } from "../helpers/hostile-repo.js";
import { makeRemoteWithClones, seedTask, snapshot, type TestRepo, taskFile, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Git states a hostile or unlucky repository can be in (docs/security.md, promises 3, 4, 6, 7, 9):
 * a lock another git holds, a rebase stopped on a conflict, committed conflict markers, a shallow
 * clone, a tasks folder that is a symbolic link, a repository that strips `#` lines, history whose
 * messages lie about authors, dates and actions. Writing commands refuse without changing a byte;
 * reading commands keep working and say what they could not do.
 */

/** Every writing command, with the tasks it needs: a todo, a done, a blocked task and a duplicated id. */
function writers(): string[][] {
  return [
    ["new", "Another"],
    ["claim", "st222"],
    ["assign", "st222", "bob"],
    ["unassign", "st222"],
    ["start", "st222"],
    ["review", "st222"],
    ["reopen", "st333"],
    ["drop", "st222"],
    ["status", "st222", "in-progress"],
    ["block", "st222", "--reason", "waiting"],
    ["unblock", "st444"],
    ["done", "st222", "--yes"],
    ["comment", "st222", "hello"],
    ["set", "st222", "priority=high"],
    ["dod", "st222", "--met", "1"],
    ["handoff", "st222", "--to", "kiri"],
    ["renumber", "st555"],
    ["init"],
    ["resume"],
    ["sync"],
  ];
}

function seedStateTasks(repo: TestRepo): void {
  writeConfig(repo);
  const created = "2026-11-02T09:00:00+00:00";
  seedTask(repo, { id: "st222", title: "Open one", status: "todo", owner: "alice", "definition-of-done": ["It works"], created });
  seedTask(repo, { id: "st333", title: "Closed one", status: "done", owner: "alice", created });
  seedTask(repo, { id: "st444", title: "Blocked one", status: "blocked", owner: "alice", created });
  seedTask(repo, { id: "st555", title: "First copy", status: "todo", created: "2026-11-01T09:00:00+00:00" });
  repo.write("tasks/2026-12/st555-second-copy.md", taskFile({ id: "st555", title: "Second copy", status: "todo", created }));
}

/** Two clones of one remote, both holding the seeded tasks. */
function twoClones(): [TestRepo, TestRepo] {
  const { clones } = makeRemoteWithClones(2);
  const [alice, bob] = clones as [TestRepo, TestRepo];
  seedStateTasks(alice);
  alice.commit("seed", { date: "2026-11-02T09:00:00Z" });
  alice.git(["push", "-q"]);
  bob.git(["pull", "-q"]);
  return [alice, bob];
}

describe("git's index is locked by someone else (C2)", () => {
  it("every writing command fails cleanly with exit 4, changes nothing, and leaves the lock where it is", async () => {
    const { clones } = makeRemoteWithClones(1);
    const repo = clones[0] as TestRepo;
    seedStateTasks(repo);
    repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
    repo.git(["push", "-q"]);
    writeFileSync(join(repo.dir, ".git", "index.lock"), "held by another git\n");
    const before = snapshot(repo);
    for (const args of writers()) {
      const run = await runHostile(args, { cwd: repo.dir, env: repo.env });
      expectSafeRun(run, [4]);
      expect(run.stderr, args.join(" ")).toMatch(/\[GIT_LOCKED\]\nhint: wait for the other git command to finish; if none is running, remove \.git\/index\.lock yourself\n$/);
      expect(readFileSync(join(repo.dir, ".git", "index.lock"), "utf8")).toBe("held by another git\n");
      expect(existsSync(join(repo.dir, ".git", "tasks.lock")), args.join(" ")).toBe(false);
    }
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("a rebase stopped on a conflict between two clones (S3)", () => {
  it("every writing command refuses with exit 4 and git's state untouched; reading commands still work", async () => {
    const [alice, bob] = twoClones();
    expect((await runHostile(["start", "st222"], { cwd: alice.dir, env: alice.env })).code).toBe(0);
    alice.git(["push", "-q"]);
    expect((await runHostile(["drop", "st222"], { cwd: bob.dir, env: bob.env })).code).toBe(0);
    expect(() => bob.git(["pull", "-q", "--rebase"])).toThrow();
    expect(existsSync(join(bob.dir, ".git", "rebase-merge"))).toBe(true);
    const before = snapshot(bob);
    const rebaseState = bob.git(["status", "--porcelain=v2", "--branch"]);
    for (const args of writers()) {
      const run = await runHostile(args, { cwd: bob.dir, env: bob.env });
      expectSafeRun(run, [4]);
      expect(run.stderr, args.join(" ")).toMatch(/(\[GIT_BUSY\]|\[UNRESOLVED_CONFLICT\])/);
    }
    expect(snapshot(bob)).toEqual(before);
    expect(bob.git(["status", "--porcelain=v2", "--branch"])).toBe(rebaseState);
    const list = await runHostile(["list"], { cwd: bob.dir, env: bob.env });
    expectSafeRun(list, [0]);
    expect(list.stderr).toMatch(/st222-open-one\.md:\d+: file holds git conflict markers/);
    expectSafeRun(await runHostile(["check"], { cwd: bob.dir, env: bob.env }), [3]);
  });
});

describe("a task deleted upstream while edited here: a modify/delete conflict (S4)", () => {
  it("stops the rebase; writing commands refuse with exit 4 and never pick a side", async () => {
    const [alice, bob] = twoClones();
    alice.git(["rm", "-q", "tasks/2026-11/st222-open-one.md"]);
    alice.git(["commit", "-q", "-m", "archive st222"]);
    alice.git(["push", "-q"]);
    expect((await runHostile(["comment", "st222", "still working on it"], { cwd: bob.dir, env: bob.env })).code).toBe(0);
    expect(() => bob.git(["pull", "-q", "--rebase"])).toThrow();
    const before = snapshot(bob);
    for (const args of [["comment", "st222", "again"], ["claim", "st444"], ["new", "Meanwhile"], ["sync"]]) {
      const run = await runHostile(args, { cwd: bob.dir, env: bob.env });
      expectSafeRun(run, [4]);
      expect(run.stderr, args.join(" ")).toContain("[GIT_BUSY]");
    }
    expect(snapshot(bob)).toEqual(before);
    expectSafeRun(await runHostile(["list"], { cwd: bob.dir, env: bob.env }), [0]);
  });
});

describe("a detached HEAD, as CI checks out a pull request (S6)", () => {
  it("sync refuses with exit 4; check runs as usual", async () => {
    const { clones } = makeRemoteWithClones(1);
    const repo = clones[0] as TestRepo;
    seedStateTasks(repo);
    repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
    repo.git(["push", "-q"]);
    repo.git(["checkout", "-q", "--detach"]);
    const sync = await runHostile(["sync"], { cwd: repo.dir, env: repo.env });
    expectSafeRun(sync, [4]);
    expect(sync.stderr).toContain("[DETACHED_HEAD]");
    expectSafeRun(await runHostile(["check"], { cwd: repo.dir, env: repo.env }), [3]);
  });
});

describe("the hostile corpus's own states", () => {
  let hostile: HostileRepo;
  beforeAll(() => {
    hostile = makeHostileRepo();
  });
  afterAll(() => hostile.remove());

  it("committed conflict markers (F21): writing commands refuse with exit 4 and write nothing", async () => {
    const before = treeDigest(hostile.repo.dir);
    for (const args of [["claim", "t01aa"], ["new", "During a conflict"], ["comment", "x04aa", "x"], ["init"], ["resume"]]) {
      const run = await runHostile(args, { cwd: hostile.repo.dir, env: hostile.repo.env });
      expectSafeRun(run, [4]);
      expect(run.stderr).toContain("tasks/f21-conflict-front.md");
      expect(run.stderr).toContain("[UNRESOLVED_CONFLICT]");
    }
    expect(changedPaths(before, treeDigest(hostile.repo.dir))).toEqual([]);
    expect(hookCanaries(hostile)).toEqual([]);
  });

  it("a shallow clone (S7): the history rules are reported as skipped, never passed", async () => {
    const clone = mkdtempSync(join(TEST_ROOT, "tasks-shallow-"));
    onTestFinished(() => rmSync(clone, { recursive: true, force: true }));
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${hostile.repo.dir}`, clone], { env: hostile.repo.env, stdio: "pipe" });
    const run = await runHostile(["check", "--format", "json"], { cwd: clone, env: hostile.repo.env });
    expectSafeRun(run, [3]);
    const report = JSON.parse(run.stdout) as { findings: { rule: string; path: string | null }[] };
    expect(report.findings.filter((f) => f.path === null).map((f) => f.rule)).toEqual(["shallow-clone"]);
    expect(report.findings.some((f) => f.rule === "stale" || f.rule === "blocked-too-long")).toBe(false);
  });

  it("history that lies (X3, X4, S9): authors and dates come from git, clamped to now; the message's 'Author:' and forged fields do not", async () => {
    const run = await runHostile(["log", "t06bb", "--json"], { cwd: hostile.repo.dir, env: hostile.repo.env });
    expectSafeRun(run, [0]);
    const events = (JSON.parse(run.stdout) as { events: { at: string; who: string; authorName: string; authorEmail: string; action: string | null; kind: string; field: string | null; from: unknown; to: unknown }[] }).events;
    const forged = events.filter((e) => e.authorEmail === "mallory@evil.example");
    expect(forged.map((e) => [e.who, e.authorName, e.kind, e.field, e.from, e.to])).toEqual([["mallory", "Mal\x1b]0;AUTHOR\x07lory \u202e", "changed", "status", "todo", "in-progress"]]);
    // Dated 2031 by its author and committer: shown as now, never in the future.
    expect(forged[0]?.at).toBe("2026-11-20T09:00:00+00:00");
    expect(events.filter((e) => e.authorEmail === "alice@example.com").map((e) => e.kind)).toEqual(["created", "log"]);
    expect(run.stdout).not.toMatch(/2031-01-01/);
  });

  it("reading commands never take git's optional locks, so they cannot break the user's own git (C3)", async () => {
    const spy = mkdtempSync(join(TEST_ROOT, "tasks-gitspy-"));
    onTestFinished(() => rmSync(spy, { recursive: true, force: true }));
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    writeFileSync(join(spy, "git"), `#!/bin/sh\nprintf '%s\\037' "$@" >> '${spy}/calls'\nprintf '\\n' >> '${spy}/calls'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    writeFileSync(join(spy, "calls"), "");
    const env = { ...hostile.repo.env, PATH: `${spy}:${hostile.repo.env.PATH ?? ""}` };
    for (const args of [["list"], ["show", "t01bb"], ["board"], ["log", "t06bb"], ["check"], ["standup", "--team"], ["report", "weekly"], ["team"], ["dashboard", "--out", "-"], ["handoff", "t07aa", "--to", "bob", "--dry-run"]]) {
      expect([0, 3]).toContain((await runHostile(args, { cwd: hostile.repo.dir, env })).code);
    }
    const calls = readFileSync(join(spy, "calls"), "utf8").split("\n").filter(Boolean).map((line) => line.split("\x1f").slice(0, -1));
    expect(calls.length).toBeGreaterThan(5);
    const subcommand = (call: string[]): string => call.filter((arg, i) => !arg.startsWith("-") && call[i - 1] !== "-c")[0] ?? "";
    const locking = calls.filter((call) => !call.includes("--no-optional-locks") && !["rev-parse", "var", "config"].includes(subcommand(call)));
    expect(locking.map((call) => call.join(" "))).toEqual([]);
  });

  it("an identity from the environment, as CI sets it, is the one that commits (X5)", async () => {
    const repo = copyHostileRepo(hostile, "ci-identity");
    onTestFinished(repo.remove);
    resolveConflictFixtures(repo);
    const ci = { GIT_AUTHOR_NAME: "CI Bot", GIT_AUTHOR_EMAIL: "ci@example.com", GIT_COMMITTER_NAME: "CI Bot", GIT_COMMITTER_EMAIL: "ci@example.com", GIT_DIR: "/nonexistent", GIT_INDEX_FILE: "/tmp/hostile-index", GIT_CONFIG_PARAMETERS: "'core.hooksPath'='.husky'" };
    expectSafeRun(await runHostile(["comment", "x04aa", "from CI"], { cwd: repo.dir, env: { ...repo.env, ...ci } }), [0]);
    expect(repo.git(["log", "-1", "--format=%an <%ae>|%cn"]).trim()).toBe("CI Bot <ci@example.com>|CI Bot");
    expect(hookCanaries(hostile)).toEqual([]);
  });

  it("a repository that strips # lines from commit messages (X4): the subject of a '#42' title survives", async () => {
    const repo = copyHostileRepo(hostile, "cleanup-strip");
    onTestFinished(repo.remove);
    repo.git(["config", "commit.cleanup", "strip"]);
    resolveConflictFixtures(repo);
    expectSafeRun(await runHostile(["claim", "x04bb"], { cwd: repo.dir, env: repo.env }), [0]);
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: claim x04bb #42 fix login");
    expect(hookCanaries(hostile)).toEqual([]);
  });
});

describe("a tasks folder that is a symbolic link out of the repository (W2)", () => {
  it("is not read and never written through; nothing outside changes", async () => {
    const { clones } = makeRemoteWithClones(1);
    const repo = clones[0] as TestRepo;
    const outside = mkdtempSync(join(TEST_ROOT, "tasks-outside-"));
    onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
    mkdirSync(join(outside, "2026-11"));
    writeFileSync(join(outside, "2026-11", "ln222-outside.md"), taskFile({ id: "ln222", title: "SECRET-OUTSIDE", status: "todo" }));
    writeConfig(repo);
    symlinkSync(outside, join(repo.dir, "tasks"));
    repo.commit("a linked tasks folder");
    const outsideBefore = treeDigest(outside);
    const list = await runHostile(["list"], { cwd: repo.dir, env: repo.env });
    expectSafeRun(list, [0]);
    expect(list.stdout).toBe("");
    expect(list.stderr).toBe("warning: tasks:1: the tasks folder is a symbolic link; it is not read; make it a plain folder (skipped)\n");
    for (const args of [["new", "Through the link"], ["claim", "ln222"], ["comment", "ln222", "x"]]) {
      const run = await runHostile(args, { cwd: repo.dir, env: repo.env });
      expectSafeRun(run, [1]);
      expectInert(run.stderr, args.join(" "));
      expect(run.stdout + run.stderr).not.toContain("SECRET-OUTSIDE");
    }
    expect(changedPaths(outsideBefore, treeDigest(outside))).toEqual([]);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });
});
