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
