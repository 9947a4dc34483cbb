import { renameSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";
import { initialisedTeam, newTask, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

describe("safety around sync and concurrent writers", () => {
  it("a dirty tasks folder makes sync refuse and list the files; nothing is fetched or moved", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const { path } = await newTask(alice, "Edited by hand");
    const loose = await tasksIn(alice)("new", "Not committed yet", "--no-commit");
    expect(loose.code).toBe(0);
    alice.write(path, alice.read(path).replace("status: todo", "status: review"));
    await newTask(bob, "Bob's");
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    const head = alice.git(["rev-parse", "HEAD"]);
    const origin = alice.git(["rev-parse", "origin/main"]);

    const refused = await tasksIn(alice)("sync", "--json");
    expect(refused.code).toBe(4);
    const error = JSON.parse(refused.stderr) as { error: { code: string; message: string; details: { paths: string[] } } };
    expect(error.error.code).toBe("DIRTY_TASKS");
    expect(error.error.details.paths).toHaveLength(2);
    expect(error.error.details.paths).toContain(path);
    expect(error.error.details.paths.some((p) => p.includes("not-committed-yet"))).toBe(true);
    expect(alice.git(["rev-parse", "HEAD"])).toBe(head);
    expect(alice.git(["rev-parse", "origin/main"])).toBe(origin);
  });

  it("other dirty files are left alone: a fast-forward goes ahead, a rebase they block is refused with the list", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    await newTask(bob, "Bob's");
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    alice.write("README.md", "# project, my draft\n");
    alice.write("notes.txt", "scratch\n");
    const forward = await tasksIn(alice)("sync");
    expect(forward.code, forward.stderr).toBe(0);
    expect(alice.read("README.md")).toBe("# project, my draft\n");

    await newTask(bob, "Bob's second");
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    await newTask(alice, "Alice's");
    const refused = await tasksIn(alice)("sync");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("git cannot rebase onto the upstream while these files have uncommitted changes: README.md; nothing was synced [DIRTY_WORKTREE]");
    expect(refused.stderr).toContain("git stash");
    expect(alice.read("README.md")).toBe("# project, my draft\n");
    expect(alice.git(["stash", "list"])).toBe("");
  });

  it("an untracked file where the upstream adds one is named as untracked, with what works instead of git stash", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    bob.write("notes/plan.md", "bob's plan\n");
    bob.commit("add the plan");
    bob.git(["push", "-q"]);
    alice.write("notes/plan.md", "my own plan\n");
    const head = alice.git(["rev-parse", "HEAD"]);
    const expected =
      "error: the upstream adds files that exist here untracked: notes/plan.md (git will not overwrite them); nothing was synced [DIRTY_WORKTREE]\n" +
      "hint: keep an untracked file by committing it (git add <file> && git commit), or move it out of the way and compare after the sync (git stash does not take untracked files), then run tasks sync again\n";
    // Nothing of alice's to send (a fast-forward), then a local commit to rebase: the same answer.
    expect(await tasksIn(alice)("sync")).toEqual({ code: 4, stdout: "", stderr: expected });
    await newTask(alice, "Alice's");
    const ahead = alice.git(["rev-parse", "HEAD"]);
    expect(ahead).not.toBe(head);
    expect(await tasksIn(alice)("sync")).toEqual({ code: 4, stdout: "", stderr: expected });
    const json = JSON.parse((await tasksIn(alice)("sync", "--json")).stderr) as { error: { details: { untracked: string[] } } };
    expect(json.error.details.untracked).toEqual(["notes/plan.md"]);
    expect(alice.read("notes/plan.md")).toBe("my own plan\n");
    expect(alice.git(["rev-parse", "HEAD"])).toBe(ahead);

    // What the hint says works: moved out of the way, the sync goes through and nothing is lost.
    renameSync(join(alice.dir, "notes", "plan.md"), join(alice.dir, "plan.mine"));
    const synced = await tasksIn(alice)("sync");
    expect(synced.code, synced.stderr).toBe(0);
    expect(alice.read("notes/plan.md")).toBe("bob's plan\n");
    expect(alice.read("plan.mine")).toBe("my own plan\n");
  });

  it("a task file never committed is named as untracked when sync refuses", async () => {
    const { clones } = await initialisedTeam(1);
    const tasks = tasksIn(clones[0] as TestRepo);
    const loose = await tasks("new", "Draft", "--no-commit", "--json");
    const { path } = (JSON.parse(loose.stdout) as { task: { path: string } }).task;
    const refused = await tasks("sync");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`error: never committed (untracked): ${path}; nothing was synced [DIRTY_TASKS]`);
    expect(refused.stderr).toContain("hint: commit them (git add <file> && git commit), or move an untracked file out of the tasks folder, then run tasks sync again");
    expect(refused.stderr).not.toContain("git restore");
  });

  it("tasks comment runs at once in one clone (two, three) all land, one commit each", async () => {
    const repo = makeRepo();
    const tasks = tasksIn(repo);
    expect((await tasks("init")).code).toBe(0);
    const { id, path } = await newTask(repo, "Busy task");
    const runs = await Promise.all([tasks("comment", id, "first writer"), tasks("comment", id, "second writer"), tasks("comment", id, "third writer")]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const text = repo.read(path);
    for (const who of ["first", "second", "third"]) expect(text).toContain(`alice@example.com: ${who} writer`);
    expect(repo.git(["log", "--format=%s", "--", path]).trim().split("\n").filter((s) => s.startsWith("tasks: comment"))).toHaveLength(3);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });

  it("every writing command refuses while a task file holds conflict markers, and says what to do", async () => {
    const repo = makeRepo();
    const tasks = tasksIn(repo);
    expect((await tasks("init")).code).toBe(0);
    const broken = await newTask(repo, "Broken by a bad merge");
    const other = await newTask(repo, "Innocent");
    repo.write(broken.path, repo.read(broken.path).replace("status: todo", "<<<<<<< HEAD\nstatus: todo\n=======\nstatus: done\n>>>>>>> other"));
    repo.commit("a merge committed with markers");
    const head = repo.git(["rev-parse", "HEAD"]);
    for (const args of [["comment", other.id, "hi"], ["new", "Another"], ["claim", other.id], ["sync"]]) {
      const refused = await tasks(...args);
      expect(refused.code, args.join(" ")).toBe(4);
      expect(refused.stderr).toContain(`task files hold git conflict markers: ${broken.path}`);
      expect(refused.stderr).toContain("hint: edit each file to keep the right lines");
    }
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });
});
