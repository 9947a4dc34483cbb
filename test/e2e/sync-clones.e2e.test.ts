import { renameSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRemoteWithClones, type TestRepo } from "../helpers/repo.js";
import { filesWithMarkers, initialisedTeam, newTask, raceOnNextPush, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

function taskIds(repo: TestRepo): string[] {
  return repo
    .git(["ls-files", "tasks"])
    .split("\n")
    .filter((p) => /\/[a-z0-9]{5}-.*\.md$/.test(p))
    .map((p) => (p.split("/").pop() as string).slice(0, 5));
}

describe("tasks sync with a bare remote and three clones", () => {
  it("15 tasks created offline in each clone: after syncing, every clone sees all 45, ids unique, no markers", async () => {
    const { clones } = await initialisedTeam(3);
    await Promise.all(
      clones.map(async (clone, c) => {
        for (let i = 1; i <= 15; i++) {
          const created = await tasksIn(clone)("new", `Task ${i} from clone ${c}`, "--label", `clone${c}`);
          expect(created.code, created.stderr).toBe(0);
        }
      }),
    );
    for (const clone of [...clones, ...clones]) {
      const synced = await tasksIn(clone)("sync");
      expect(synced.code, synced.stderr).toBe(0);
    }
    for (const clone of clones) {
      const ids = taskIds(clone);
      expect(ids).toHaveLength(45);
      expect(new Set(ids).size).toBe(45);
      expect(filesWithMarkers(clone)).toEqual([]);
      const listed = JSON.parse((await tasksIn(clone)("list", "--json")).stdout) as { tasks: unknown[] };
      expect(listed.tasks).toHaveLength(45);
      expect(clone.git(["status", "--porcelain"])).toBe("");
    }
  }, 240_000);

  it("creating a task offline works; sync reports offline and keeps the commit, then succeeds when the remote is back", async () => {
    const remote = makeRemoteWithClones(2);
    const [alice, bob] = remote.clones as [TestRepo, TestRepo];
    expect((await tasksIn(alice)("init")).code).toBe(0);
    alice.git(["push", "-q"]);
    renameSync(remote.dir, `${remote.dir}.away`);
    const { id, path } = await newTask(alice, "Written on a plane");
    const offline = await tasksIn(alice)("sync");
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/error: cannot reach the remote origin \(.*does not appear to be a git repository\); you are working offline: your 1 local commit is kept \[REMOTE_UNREACHABLE\]/);
    expect(offline.stderr).toContain("hint: keep working; run tasks sync again when the remote is reachable");
    expect(alice.git(["log", "-1", "--format=%s"]).trim()).toBe(`tasks: new ${id} Written on a plane`);
    expect(alice.git(["status", "--porcelain"])).toBe("");

    renameSync(`${remote.dir}.away`, remote.dir);
    const back = await tasksIn(alice)("sync", "--json");
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ kind: "sync", upstream: "origin/main", received: 0, sent: 1 });
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    expect(bob.read(path)).toContain(`id: ${id}`);
  });

  it("refuses to sync a branch without an upstream and says how to set one", async () => {
    const remote = makeRemoteWithClones(1);
    const [alice] = remote.clones as [TestRepo];
    alice.git(["switch", "-q", "-c", "feature"]);
    const refused = await tasksIn(alice)("sync");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("error: the branch feature has no upstream to sync with [NO_UPSTREAM]");
    expect(refused.stderr).toContain("hint: publish it: git push -u origin feature");
  });

  it("never prints credentials from the remote's URL when it cannot be reached", async () => {
    const remote = makeRemoteWithClones(1);
    const [alice] = remote.clones as [TestRepo];
    alice.git(["remote", "set-url", "origin", "https://x-access-token:ghs_secret123@127.0.0.1:9/team/project.git"]);
    const offline = await tasksIn(alice)("sync");
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain("[REMOTE_UNREACHABLE]");
    expect(offline.stderr).not.toContain("ghs_secret123");
    expect(offline.stderr).not.toContain("x-access-token");
  });

  it("init is idempotent in a clone: a second run changes nothing, not even the driver registration", async () => {
    const { clones } = await initialisedTeam(2);
    const bob = clones[1] as TestRepo;
    const config = bob.read(".git/config");
    const again = await tasksIn(bob)("init", "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: [], commit: null, mergeDriver: "unchanged" });
    expect(bob.read(".git/config")).toBe(config);
    expect(bob.git(["config", "--get", "merge.tasks.driver"])).toMatch(/^'.+' '.+\/bin\/tasks\.cjs' merge-driver %O %A %B %P\n$/);
  });

  it("retries when someone pushes in between: fetch, rebase, push again", async () => {
    const remote = makeRemoteWithClones(2);
    const [alice, bob] = remote.clones as [TestRepo, TestRepo];
    expect((await tasksIn(alice)("init")).code).toBe(0);
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    const bobs = await newTask(bob, "Bob's, pushed meanwhile");
    bob.git(["push", "-q", "origin", "HEAD:refs/heads/bob-pending"]);
    // Bob's commit lands on main exactly while alice's push is being received.
    raceOnNextPush(remote.dir, bob.git(["rev-parse", "HEAD"]).trim());
    const alices = await newTask(alice, "Alice's");

    const synced = await tasksIn(alice)("sync", "--json");
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ received: 1, sent: 1, attempts: 2 });
    expect(alice.git(["log", "--format=%s", "origin/main"]).split("\n").slice(0, 2)).toEqual([`tasks: new ${alices.id} Alice's`, `tasks: new ${bobs.id} Bob's, pushed meanwhile`]);
    expect(alice.git(["status", "--porcelain"])).toBe("");
  });
});
