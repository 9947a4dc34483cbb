import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import type { TestRepo } from "../helpers/repo.js";
import { filesWithMarkers, initialisedTeam, newTask, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

const T1 = "2026-11-20T10:00:00Z";
const T2 = "2026-11-20T11:00:00Z";

/** Alice creates a task and publishes it; bob has it too. */
async function sharedTask(): Promise<{ alice: TestRepo; bob: TestRepo; id: string; path: string }> {
  const { clones } = await initialisedTeam(2);
  const [alice, bob] = clones as [TestRepo, TestRepo];
  const { id, path } = await newTask(alice, "Fix login timeout", "--label", "auth");
  alice.git(["push", "-q"]);
  bob.git(["pull", "-q"]);
  return { alice, bob, id, path };
}

function logLines(text: string): string[] {
  return text.slice(text.indexOf("## Log")).split("\n").filter((l) => l.startsWith("- "));
}

describe("concurrent edits of one task merge field by field", () => {
  it("different fields edited in two clones both survive tasks sync, with both log entries in time order", async () => {
    const { alice, bob, id, path } = await sharedTask();
    expect((await tasksIn(alice, T2)("set", id, "priority=high")).code).toBe(0);
    expect((await tasksIn(bob, T1)("set", id, "labels+=backend", "due=2026-12-01")).code).toBe(0);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    const synced = await tasksIn(bob)("sync");
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toContain("synced with origin/main: received 1 commit, sent 1 commit");
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    for (const clone of [alice, bob]) {
      const text = clone.read(path);
      expect(text).toContain("priority: high");
      expect(text).toContain("labels: [auth, backend]");
      expect(text).toContain("due: 2026-12-01");
      expect(logLines(text)).toEqual([
        "- 2026-11-20 09:00 +00:00 alice@example.com: created",
        "- 2026-11-20 10:00 +00:00 bob@example.com: set labels=auth, backend, due=2026-12-01",
        "- 2026-11-20 11:00 +00:00 alice@example.com: set priority=high",
      ]);
    }
    expect(alice.read(path)).toBe(bob.read(path));
    expect(filesWithMarkers(bob)).toEqual([]);
  });

  it.each([
    ["git pull --rebase", ["pull", "-q", "--rebase"]],
    ["git pull (a merge)", ["pull", "-q", "--no-rebase", "--no-edit"]],
  ])("different fields edited in two clones both survive a plain %s", async (_name, pull) => {
    const { alice, bob, id, path } = await sharedTask();
    expect((await tasksIn(alice, T2)("comment", id, "Reproduced on hotel Wi-Fi")).code).toBe(0);
    expect((await tasksIn(alice, T2)("set", id, "owner=alice@example.com")).code).toBe(0);
    alice.git(["push", "-q"]);
    expect((await tasksIn(bob, T1)("block", id, "--reason", "waiting for the API keys")).code).toBe(0);
    bob.git(pull);
    const text = bob.read(path);
    expect(text).toContain("owner: alice@example.com");
    expect(text).toContain("status: blocked");
    expect(logLines(text).map((l) => l.replace(/^- \S+ \S+ \S+ /, ""))).toEqual([
      "alice@example.com: created",
      "bob@example.com: blocked: waiting for the API keys",
      "alice@example.com: Reproduced on hotel Wi-Fi",
      "alice@example.com: set owner=alice@example.com",
    ]);
    expect(bob.git(["status", "--porcelain"])).toBe("");
  });

  it("the same field changed in both clones gives the documented result: the status furthest along wins", async () => {
    const { alice, bob, id, path } = await sharedTask();
    expect((await tasksIn(alice, T1)("block", id, "--reason", "needs the schema")).code).toBe(0);
    expect((await tasksIn(bob, T2)("done", id, "--yes")).code).toBe(0);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    for (const clone of [alice, bob]) {
      expect(clone.read(path)).toContain("status: done");
      expect(clone.read(path)).toContain("alice@example.com: blocked: needs the schema");
    }
  });

  it("the owner changed differently in both clones stops sync, names the task and field, and leaves git's state", async () => {
    const { alice, bob, id, path } = await sharedTask();
    expect((await tasksIn(alice, T1)("assign", id, "carol@example.com")).code).toBe(0);
    expect((await tasksIn(bob, T2)("assign", id, "dave@example.com")).code).toBe(0);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    const bobHead = bob.git(["rev-parse", "HEAD"]);

    const stopped = await tasksIn(bob)("sync");
    expect(stopped.code).toBe(4);
    expect(stopped.stderr).toContain(`sync stopped on a conflict git cannot merge: ${id}: owner (${path})`);
    expect(stopped.stderr).toContain("git rebase --continue");
    expect(existsSync(join(bob.dir, ".git", "rebase-merge"))).toBe(true);
    expect(bob.read(path)).toContain("<<<<<<< ours\nowner: carol@example.com\n=======\nowner: dave@example.com\n>>>>>>> theirs\n");
    expect(bob.git(["status"])).toContain("rebase in progress");
    const busy = await tasksIn(bob)("comment", id, "hello");
    expect(busy.code).toBe(4);
    expect(busy.stderr).toContain("git rebase --continue (after resolving) or git rebase --abort");

    bob.git(["rebase", "--abort"]);
    expect(bob.git(["rev-parse", "HEAD"])).toBe(bobHead);
    expect(bob.git(["status", "--porcelain"])).toBe("");

    expect((await tasksIn(bob)("sync")).code).toBe(4);
    bob.write(path, bob.read(path).replace("<<<<<<< ours\nowner: carol@example.com\n=======\n", "").replace(">>>>>>> theirs\n", ""));
    bob.git(["add", path]);
    bob.git(["rebase", "--continue"], { env: { GIT_EDITOR: "true" } });
    const finished = await tasksIn(bob)("sync");
    expect(finished.code, finished.stderr).toBe(0);
    expect(bob.git(["show", `origin/main:${path}`])).toContain("owner: dave@example.com");
  });
});
