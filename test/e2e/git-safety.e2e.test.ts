import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

const FILE = "tasks/2026-11/gs222-guard-the-index.md";

function teamRepo(options: Parameters<typeof makeRepo>[0] = {}): TestRepo {
  const repo = makeRepo(options);
  writeConfig(repo);
  seedTask(repo, { id: "gs222", title: "Guard the index", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.write("notes.md", "notes\n");
  repo.write("src/app.js", "one\n");
  repo.commit("seed", { date: "2026-11-02T09:00:00Z", author: { name: "Seeder", email: "seed@example.com" } });
  return repo;
}

const commitCount = (repo: TestRepo): string => repo.git(["rev-list", "--count", "HEAD"]).trim();

describe("the user's own changes", () => {
  it("a staged file, a partly staged file, an unstaged edit and an untracked file survive a claim exactly", async () => {
    const repo = teamRepo();
    repo.write("unrelated.txt", "staged, new\n");
    repo.write("src/app.js", "one\ntwo (staged)\n");
    repo.git(["add", "unrelated.txt", "src/app.js"]);
    repo.write("src/app.js", "one\ntwo (staged)\nthree (not staged)\n");
    repo.write("notes.md", "notes\nedited, not staged\n");
    repo.write(".env", "SECRET=1\n");
    const stagedBefore = repo.git(["diff", "--cached"]);
    const unstagedBefore = repo.git(["diff"]);
    const statusBefore = repo.git(["status", "--porcelain=v1", "-uall"]);

    expect(await repo.tasks(["claim", "gs222"])).toEqual({ code: 0, stdout: "gs222\n", stderr: "" });

    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${FILE}\n`);
    expect(repo.git(["diff", "--cached", "--name-only"])).toBe("src/app.js\nunrelated.txt\n");
    expect(repo.git(["diff", "--cached"])).toBe(stagedBefore);
    expect(repo.git(["diff"])).toBe(unstagedBefore);
    expect(repo.git(["status", "--porcelain=v1", "-uall"])).toBe(statusBefore);
    expect(readFileSync(join(repo.dir, ".env"), "utf8")).toBe("SECRET=1\n");
  });
});

describe("git's own state", () => {
  it("a planted .git/index.lock: exit 4, the lock stays, the task file is byte-identical, no commit", async () => {
    const repo = teamRepo();
    writeFileSync(join(repo.dir, ".git", "index.lock"), "someone else's\n");
    const before = snapshot(repo);
    const count = commitCount(repo);
    for (const args of [["comment", "gs222", "hello"], ["claim", "gs222"], ["new", "Another"]]) {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(4);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        "error: git's index is locked (.git/index.lock exists); nothing was changed [GIT_LOCKED]\n" +
          "hint: wait for the other git command to finish; if none is running, remove .git/index.lock yourself\n",
      );
    }
    expect(readFileSync(join(repo.dir, ".git", "index.lock"), "utf8")).toBe("someone else's\n");
    expect(snapshot(repo)).toEqual(before);
    expect(commitCount(repo)).toBe(count);
    expect(existsSync(join(repo.dir, ".git", "tasks.lock"))).toBe(false);
    // Reading is never blocked by git's lock.
    expect((await repo.tasks(["list"])).code).toBe(0);
  });

  it("a tasks.lock left by a process that died is taken over; the lock is gone afterwards", async () => {
    const repo = teamRepo();
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid as number;
    writeFileSync(join(repo.dir, ".git", "tasks.lock"), `${dead}\n${hostname()}\n2026-11-20T08:00:00Z\n`);
    expect((await repo.tasks(["comment", "gs222", "after a crash"])).code).toBe(0);
    expect(existsSync(join(repo.dir, ".git", "tasks.lock"))).toBe(false);
  });

  it("a merge in progress: writing commands refuse (exit 4) and write nothing; reading still works", async () => {
    const repo = teamRepo();
    repo.git(["checkout", "-q", "-b", "other"]);
    expect((await repo.tasks(["comment", "gs222", "on other"])).code).toBe(0);
    repo.git(["checkout", "-q", "main"]);
    expect((await repo.tasks(["comment", "gs222", "on main"])).code).toBe(0);
    expect(() => repo.git(["merge", "other"])).toThrow();
    expect(existsSync(join(repo.dir, ".git", "MERGE_HEAD"))).toBe(true);
    const before = snapshot(repo);
    for (const args of [["comment", "gs222", "during merge"], ["new", "During merge"], ["init"], ["done", "gs222", "--yes", "--no-commit"]]) {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(4);
      expect(result.stderr).toBe(
        "error: git is in the middle of a merge; tasks changes nothing until it is finished [GIT_BUSY]\nhint: finish it first: git commit (after resolving) or git merge --abort\n",
      );
    }
    expect(snapshot(repo)).toEqual(before);
    const list = await repo.tasks(["list"]);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/^warning: tasks\/2026-11\/gs222-guard-the-index\.md:\d+: file holds git conflict markers; resolve the conflict, then commit the file \(skipped\)\n$/);
  });

  it("a detached HEAD: the change is committed there, with one warning on stderr that sync will refuse", async () => {
    const repo = teamRepo();
    repo.git(["switch", "--detach", "-q"]);
    const before = repo.git(["rev-parse", "HEAD"]).trim();

    const claim = await repo.tasks(["claim", "gs222"]);
    expect(claim.code).toBe(0);
    expect(claim.stdout).toBe("gs222\n");
    expect(claim.stderr).toBe(
      "warning: HEAD is detached: this commit is on no branch, and tasks sync refuses to run until you are on one\n" +
        "hint: git switch -c <new-branch> keeps it on a new branch; or git switch <branch> and git cherry-pick it there\n",
    );
    expect(repo.git(["rev-parse", "HEAD~1"]).trim()).toBe(before);
    expect(repo.git(["show", "--name-only", "--format=%s", "HEAD"])).toBe(`tasks: claim gs222 Guard the index\n\n${FILE}\n`);

    const created = await repo.tasks(["new", "Another", "--json"]);
    expect(created.code).toBe(0);
    expect(created.stderr.match(/HEAD is detached/g)).toHaveLength(1);
    expect((await repo.tasks(["comment", "gs222", "quiet please", "-q"])).stderr).toBe("");
    expect((await repo.tasks(["comment", "gs222", "not committed", "--no-commit"])).stderr).toBe("");

    // The --no-commit change is left for the user; a committing command refuses it (DIRTY_TASKS), so undo it.
    repo.git(["restore", "--", FILE]);
    repo.git(["switch", "-q", "-c", "kept"]);
    expect((await repo.tasks(["comment", "gs222", "on a branch"])).stderr).toBe("");
  });

  it("without a git identity, nothing is written and the error says how to set one", async () => {
    const repo = teamRepo({ user: null });
    const before = snapshot(repo);
    for (const args of [["new", "Nobody"], ["claim", "gs222"], ["comment", "gs222", "hi"], ["init"]]) {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toBe(
        'error: git does not know who you are, so the change cannot be committed [GIT_IDENTITY_MISSING]\nhint: run: git config user.name "Your Name" && git config user.email you@example.com\n',
      );
    }
    expect(snapshot(repo)).toEqual(before);
    expect((await repo.tasks(["list"])).stdout).toBe("gs222\ttodo\t\t\t\tGuard the index\n");
  });

  it("without a git identity, that is the error even when git's index is locked (identity asked beside the preflight)", async () => {
    const repo = teamRepo({ user: null });
    writeFileSync(join(repo.dir, ".git", "index.lock"), "");
    const before = snapshot(repo);
    for (const args of [["new", "Nobody"], ["claim", "gs222", "--offline"], ["comment", "gs222", "hi"]]) {
      const result = await repo.tasks(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr, args.join(" ")).toBe(
        'error: git does not know who you are, so the change cannot be committed [GIT_IDENTITY_MISSING]\nhint: run: git config user.name "Your Name" && git config user.email you@example.com\n',
      );
    }
    expect(snapshot(repo)).toEqual(before);
    expect(existsSync(join(repo.dir, ".git", "tasks.lock"))).toBe(false);
  });

  // Making a checkout belong to someone else needs root (as in CI containers, where this happens).
  it.skipIf(process.getuid?.() !== 0)("a checkout owned by another user (S13): git's refusal, a hint, exit 1, nothing written, no safe.directory added", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const chown = (uid: number): void => void spawnSync("chown", ["-R", `${uid}:${uid}`, repo.dir], { stdio: "ignore" });
    chown(65534);
    try {
      for (const args of [["check"], ["claim", "gs222"], ["log", "gs222"]]) {
        const result = await repo.tasks(args);
        expect(result.code, args.join(" ")).toBe(1);
        expect(result.stdout, args.join(" ")).toBe("");
        expect(result.stderr, args.join(" ")).toMatch(/^error: git [a-z-]+ failed: fatal: detected dubious ownership in repository at '[^\n]*safe\.directory [^\n]* \[GIT_FAILED\]\nhint: the repository belongs to another user, .*docs\/ci\.md#a-checkout-owned-by-another-user\n$/);
      }
      const home = repo.env.HOME ?? "";
      expect(existsSync(join(home, ".gitconfig")) ? readFileSync(join(home, ".gitconfig"), "utf8") : "").not.toContain("safe");
    } finally {
      chown(0);
    }
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("hooks and --no-commit", () => {
  it("the repository's hooks (core.hooksPath or .git/hooks) never run for the tool's commits", async () => {
    const repo = teamRepo();
    const canaries = join(repo.dir, "..", `${repo.dir.split("/").pop() ?? "x"}-canaries`);
    mkdirSync(canaries);
    const hooks = join(repo.dir, ".husky");
    mkdirSync(hooks);
    for (const folder of [hooks, join(repo.dir, ".git", "hooks")]) {
      for (const hook of ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "reference-transaction"]) {
        writeFileSync(join(folder, hook), `#!/bin/sh\ntouch "${canaries}/${hook}-$(basename "$(dirname "$0")")"\n`);
        chmodSync(join(folder, hook), 0o755);
      }
    }
    try {
      for (const hooksPath of [".husky", null]) {
        if (hooksPath) repo.git(["config", "core.hooksPath", hooksPath]);
        else repo.git(["config", "--unset", "core.hooksPath"]);
        const id = (await repo.tasks(["new", `Hooked ${hooksPath ?? "default"}`])).stdout.trim();
        for (const args of [["claim", id], ["comment", id, "x"], ["set", id, "priority=high"], ["done", id]]) {
          expect((await repo.tasks(args)).code, args.join(" ")).toBe(0);
        }
        expect(repo.git(["status", "--porcelain", "--", "tasks"])).toBe("");
      }
      expect(spawnSync("ls", [canaries], { encoding: "utf8" }).stdout).toBe("");
      // The hooks are real: git runs them for the user's own commit.
      repo.git(["commit", "-q", "--allow-empty", "-m", "user commit"]);
      expect(spawnSync("ls", [canaries], { encoding: "utf8" }).stdout).toContain("post-commit-hooks");
    } finally {
      spawnSync("rm", ["-rf", canaries]);
    }
  });

  it("--no-commit leaves the change in the working tree; a later commit is refused until the user commits it", async () => {
    const repo = teamRepo();
    const head = repo.git(["rev-parse", "HEAD"]);
    expect(await repo.tasks(["comment", "gs222", "draft note", "--no-commit"])).toEqual({ code: 0, stdout: "gs222\n", stderr: "" });
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.git(["status", "--porcelain"])).toBe(` M ${FILE}\n`);
    const made = await repo.tasks(["new", "Local draft", "--no-commit", "--json"]);
    const draft = JSON.parse(made.stdout) as { commit: string | null; task: { id: string; path: string } };
    expect(draft.commit).toBeNull();
    expect(repo.git(["status", "--porcelain", "-uall"])).toBe(` M ${FILE}\n?? ${draft.task.path}\n`);

    // A commit of the tool holds only its own change: the drafts are the user's to commit.
    expect(await repo.tasks(["claim", "gs222"])).toMatchObject({ code: 4, stderr: expect.stringContaining(`${FILE} has uncommitted changes`) as unknown });
    expect(await repo.tasks(["claim", draft.task.id])).toMatchObject({ code: 4, stderr: expect.stringContaining(`${draft.task.path} was never committed`) as unknown });
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    repo.git(["commit", "-q", "-m", "draft note", "--", FILE]);
    repo.git(["add", "--", draft.task.path]);
    repo.git(["commit", "-q", "-m", "draft task", "--", draft.task.path]);

    expect((await repo.tasks(["claim", "gs222"])).code).toBe(0);
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${FILE}\n`);
    expect(repo.git(["show", "HEAD", "--format=", "--", FILE])).not.toContain("+- 2026-11-20 10:00 +01:00 alice: draft note");
    expect((await repo.tasks(["claim", draft.task.id])).code).toBe(0);
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${draft.task.path}\n`);
    expect(repo.git(["status", "--porcelain", "-uall"])).toBe("");
  });
});

describe("the write path's marker cache (.git/tasks-cache/markers-v1.json)", () => {
  const marked = "---\nid: gs333\ntitle: Other\nstatus: todo\n---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n";
  it("follows HEAD: markers committed by hand after a cached write, removed, committed again, and on another branch; TASKS_NO_CACHE writes no cache", async () => {
    const repo = teamRepo();
    // A first write fills the cache for this commit.
    expect((await repo.tasks(["comment", "gs222", "one"])).code).toBe(0);
    expect(existsSync(join(repo.dir, ".git", "tasks-cache", "markers-v1.json"))).toBe(true);
    repo.write("tasks/2026-11/gs333-other.md", marked);
    repo.commit("careless merge", { date: "2026-11-03T09:00:00Z" });
    const refused = await repo.tasks(["comment", "gs222", "two"]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("tasks/2026-11/gs333-other.md");
    expect(refused.stderr).toContain("[UNRESOLVED_CONFLICT]");
    // Fixed by hand but not committed: the file on disk decides.
    repo.write("tasks/2026-11/gs333-other.md", marked.replace(/<<<<<<<[^]*$/, "resolved\n"));
    expect((await repo.tasks(["comment", "gs222", "three"])).code).toBe(0);
    repo.commit("resolved", { date: "2026-11-03T10:00:00Z" });
    expect((await repo.tasks(["comment", "gs222", "four"])).code).toBe(0);
    // Back to the commit that had them, on a branch of its own: refused again.
    repo.git(["checkout", "-q", "-b", "old", "HEAD~3"]);
    expect((await repo.tasks(["comment", "gs222", "five"])).code).toBe(4);
    // The same answers without any cache, and none is written.
    repo.git(["checkout", "-q", "main"]);
    rmSync(join(repo.dir, ".git", "tasks-cache"), { recursive: true, force: true });
    expect((await repo.tasks(["comment", "gs222", "six"], { env: { TASKS_NO_CACHE: "1" } })).code).toBe(0);
    repo.git(["checkout", "-q", "old"]);
    expect((await repo.tasks(["comment", "gs222", "seven"], { env: { TASKS_NO_CACHE: "1" } })).code).toBe(4);
    expect(existsSync(join(repo.dir, ".git", "tasks-cache"))).toBe(false);
  });
});
