import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runProcess } from "../helpers/cli.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** `tasks hook install` and real `git commit`s through the installed hook. */

function hookRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice" });
  seedTask(repo, { id: "p3x9t", title: "Rotate keys", status: "todo", owner: "alice" });
  repo.commit("seed");
  return repo;
}

/** `git commit` as a user runs it: stderr kept (the hook's line), the exit code returned. */
async function gitCommit(repo: TestRepo, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string; message: string }> {
  repo.write(`src/${Math.random().toString(36).slice(2)}.ts`, "x\n");
  repo.git(["add", "-A"]);
  const result = await runProcess("git", ["commit", "-q", ...args], { cwd: repo.dir, env: { ...repo.env, ...env } });
  return { code: result.code, stderr: result.stderr, message: repo.git(["log", "-1", "--format=%B"]).trimEnd() };
}

const taskTrailers = (repo: TestRepo): string => repo.git(["log", "-1", "--format=%(trailers:key=Task,valueonly,separator=%x2C)"]).trim();

describe("tasks hook", () => {
  it("adds Task: <id> for the id in the branch name, once, and says so; a merge is left alone", async () => {
    const repo = hookRepo();
    const installed = await repo.tasks(["hook", "install"]);
    expect(installed).toMatchObject({ code: 0, stdout: `installed\t${join(repo.dir, ".git", "hooks", "prepare-commit-msg")}\n` });
    repo.git(["checkout", "-q", "-b", "feature/k7m2q-login"]);
    const first = await gitCommit(repo, ["-m", "Raise the timeout"]);
    expect(first).toMatchObject({ code: 0, message: "Raise the timeout\n\nTask: k7m2q" });
    expect(first.stderr).toBe("tasks: added Task: k7m2q (the branch feature/k7m2q-login: Fix login timeout)\n");
    // Written by the author, or already there (amend): never a second one.
    expect((await gitCommit(repo, ["-m", "Keys too", "-m", "Task: p3x9t"])).message).toBe("Keys too\n\nTask: p3x9t");
    const amended = await gitCommit(repo, ["--amend", "--no-edit"]);
    expect(amended).toMatchObject({ code: 0, stderr: "", message: "Keys too\n\nTask: p3x9t" });
    expect((await gitCommit(repo, ["-m", "Close it", "-m", "Closes: k7m2q"])).message).toBe("Close it\n\nCloses: k7m2q");
    repo.git(["checkout", "-q", "main"]);
    const merge = await runProcess("git", ["merge", "-q", "--no-ff", "--no-edit", "feature/k7m2q-login"], { cwd: repo.dir, env: repo.env });
    expect(merge).toMatchObject({ code: 0, stderr: "" });
    expect(taskTrailers(repo)).toBe("");
  });

  it("falls back to your one active task; with two, adds nothing and prints nothing", async () => {
    const repo = hookRepo();
    await repo.tasks(["hook", "install"]);
    expect(await gitCommit(repo, ["-m", "Work"])).toMatchObject({ code: 0, message: "Work\n\nTask: k7m2q", stderr: "tasks: added Task: k7m2q (your one active task: Fix login timeout)\n" });
    seedTask(repo, { id: "p3x9t", title: "Rotate keys", status: "in-progress", owner: "alice" });
    repo.commit("second active");
    expect(await gitCommit(repo, ["-m", "More work"])).toEqual({ code: 0, stderr: "", message: "More work" });
    // Somebody else's active task is not mine.
    seedTask(repo, { id: "p3x9t", title: "Rotate keys", status: "in-progress", owner: "bob" });
    repo.commit("bob's now");
    expect((await gitCommit(repo, ["-m", "Mine again"])).message).toBe("Mine again\n\nTask: k7m2q");
  });

  it("puts the trailer below the subject line when the editor opens on an empty message", async () => {
    const repo = hookRepo();
    await repo.tasks(["hook", "install"]);
    repo.git(["checkout", "-q", "-b", "k7m2q"]);
    const editor = join(repo.dir, "..", `${repo.dir.split("/").pop()}-editor.sh`);
    writeFileSync(editor, `#!/bin/sh\ncp "$1" "$1.seen"\nprintf 'Typed subject' | cat - "$1.seen" > "$1"\n`);
    chmodSync(editor, 0o755);
    const result = await gitCommit(repo, [], { GIT_EDITOR: editor });
    expect(result).toMatchObject({ code: 0, message: "Typed subject\n\nTask: k7m2q" });
    expect(readFileSync(join(repo.dir, ".git", "COMMIT_EDITMSG.seen"), "utf8")).toMatch(/^\n\nTask: k7m2q\n# git-tasks added the Task: trailer above; to abort the commit, delete it as well\.\n# Please enter/);
  });

  it("chains the hook that was there, and uninstall puts it back byte for byte", async () => {
    const repo = hookRepo();
    const hookPath = join(repo.dir, ".git", "hooks", "prepare-commit-msg");
    const original = `#!/bin/sh\n# the team's own hook\necho "ran with $2" >> "$(git rev-parse --git-dir)/original-ran"\n`;
    writeFileSync(hookPath, original);
    chmodSync(hookPath, 0o750);
    expect((await repo.tasks(["hook", "install"])).code).toBe(0);
    const status = JSON.parse((await repo.tasks(["hook", "status", "--json"])).stdout) as Record<string, unknown>;
    expect(status).toMatchObject({ kind: "hook", installed: true, chained: true, savedHook: `${hookPath}.tasks-original`, launcher: { node: process.execPath }, stale: false });
    repo.git(["checkout", "-q", "-b", "feature/p3x9t"]);
    expect(await gitCommit(repo, ["-m", "Rotate"])).toMatchObject({ code: 0, message: "Rotate\n\nTask: p3x9t" });
    expect(repo.read(".git/original-ran")).toBe("ran with message\n");
    // Installing again changes nothing; a leftover kept hook is never overwritten.
    expect((await repo.tasks(["hook", "install"])).stdout).toBe(`unchanged\t${hookPath}\n`);
    expect(await repo.tasks(["hook", "uninstall"])).toMatchObject({ code: 0, stdout: `removed\t${hookPath}\n` });
    expect(readFileSync(hookPath, "utf8")).toBe(original);
    expect(statSync(hookPath).mode & 0o777).toBe(0o750);
    expect(existsSync(`${hookPath}.tasks-original`)).toBe(false);
    expect((await repo.tasks(["hook", "uninstall"])).stdout).toBe(`not-installed\t${hookPath}\n`);
    expect(readFileSync(hookPath, "utf8")).toBe(original);
    writeFileSync(`${hookPath}.tasks-original`, "#!/bin/sh\n");
    const refused = await repo.tasks(["hook", "install"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("[HOOK_REFUSED]");
    expect(readFileSync(hookPath, "utf8")).toBe(original);
  });

  it("a failing chained hook still stops the commit; a broken tool never does", async () => {
    const repo = hookRepo();
    const hookPath = join(repo.dir, ".git", "hooks", "prepare-commit-msg");
    writeFileSync(hookPath, "#!/bin/sh\nexit 3\n");
    chmodSync(hookPath, 0o755);
    await repo.tasks(["hook", "install"]);
    expect((await gitCommit(repo, ["-m", "Blocked"])).code).not.toBe(0);
    await repo.tasks(["hook", "install", "--force"]);
    expect((JSON.parse((await repo.tasks(["hook", "status", "--json"])).stdout) as { chained: boolean }).chained).toBe(false);
    repo.write(".tasks/config.yml", "links: [not: valid\n");
    repo.commit("break the config");
    expect(await gitCommit(repo, ["-m", "Still commits"])).toEqual({ code: 0, stderr: "", message: "Still commits" });
  });

  it("a hung tool is stopped after TASKS_HOOK_TIMEOUT seconds and the commit goes on untouched", { timeout: 40_000 }, async () => {
    const repo = hookRepo();
    await repo.tasks(["hook", "install"]);
    repo.git(["checkout", "-q", "-b", "feature/k7m2q-login"]);
    // The installed script runs this launcher with the real node: it hangs for 25 s.
    const hung = join(repo.dir, "..", `${repo.dir.split("/").pop()}-hung.cjs`);
    writeFileSync(hung, "setTimeout(() => {}, 25_000);\n");
    const hookPath = join(repo.dir, ".git", "hooks", "prepare-commit-msg");
    writeFileSync(hookPath, readFileSync(hookPath, "utf8").replace(/^launcher=.*$/m, `launcher='${hung}'`));
    const started = Date.now();
    expect(await gitCommit(repo, ["-m", "Not held up"], { TASKS_HOOK_TIMEOUT: "1" })).toEqual({ code: 0, stderr: "", message: "Not held up" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("installs where core.hooksPath points, and into the main repository's hooks from a linked worktree", async () => {
    const repo = hookRepo();
    repo.git(["config", "core.hooksPath", ".githooks"]);
    expect((await repo.tasks(["hook", "install"])).stdout).toBe(`installed\t${join(repo.dir, ".githooks", "prepare-commit-msg")}\n`);
    expect(existsSync(join(repo.dir, ".git", "hooks", "prepare-commit-msg"))).toBe(false);
    repo.git(["checkout", "-q", "-b", "feature/k7m2q"]);
    expect((await gitCommit(repo, ["-m", "Hooks path"])).message).toBe("Hooks path\n\nTask: k7m2q");

    const main = hookRepo();
    const tree = `${main.dir}-tree`;
    main.git(["worktree", "add", "-q", "-b", "fix/k7m2q-retry", tree]);
    expect((await main.tasks(["hook", "install"], { cwd: tree })).stdout).toBe(`installed\t${join(main.dir, ".git", "hooks", "prepare-commit-msg")}\n`);
    writeFileSync(join(tree, "wt.txt"), "x\n");
    main.git(["-C", tree, "add", "-A"]);
    expect((await runProcess("git", ["commit", "-q", "-m", "From the worktree"], { cwd: tree, env: main.env })).code).toBe(0);
    expect(main.git(["-C", tree, "log", "-1", "--format=%B"]).trimEnd()).toBe("From the worktree\n\nTask: k7m2q");
    main.git(["worktree", "remove", "--force", tree]);
  });
});
