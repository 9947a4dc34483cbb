import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** A committed team repository with one task per situation. alice (the identity) is on the roster. */
function teamRepo(user?: { name: string; email: string }): TestRepo {
  const repo = makeRepo(user ? { user } : {});
  writeConfig(repo);
  seedTask(repo, { id: "bb222", title: "Bob holds this", status: "in-progress", owner: "bob", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "fr333", title: "Free task", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "bl444", title: "Blocked task", status: "blocked", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "dn555", title: "Closed task", status: "done", owner: "bob", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

const FILE = {
  bob: "tasks/2026-11/bb222-bob-holds-this.md",
  free: "tasks/2026-11/fr333-free-task.md",
  blocked: "tasks/2026-11/bl444-blocked-task.md",
};

function head(repo: TestRepo): string {
  return repo.git(["log", "-1", "--format=%s|%(trailers:key=Task-Id,valueonly,separator=)|%(trailers:key=Task-Action,valueonly,separator=)"]).trim();
}

describe("tasks claim", () => {
  it("refuses (exit 4) a task someone else holds, naming the holder, and changes nothing", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["claim", "bb2"]);
    expect(result).toEqual({
      code: 4,
      stdout: "",
      stderr: "error: bb222 is held by bob since 2026-11-02 09:00 +00:00 [ALREADY_CLAIMED]\nhint: ask bob to hand it over, or take it anyway with: tasks claim bb222 --force\n",
    });
    const json = await repo.tasks(["claim", "bb222", "--json"]);
    expect(json.code).toBe(4);
    expect(json.stdout).toBe("");
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: "ALREADY_CLAIMED", message: "bb222 is held by bob since 2026-11-02 09:00 +00:00", hint: "ask bob to hand it over, or take it anyway with: tasks claim bb222 --force", details: { owner: "bob", since: "2026-11-02T09:00:00+00:00", commit: expect.stringMatching(/^[0-9a-f]{40}$/) } },
    });
    expect(snapshot(repo)).toEqual(before);
  });

  it("--force takes it over, and the log says from whom", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["claim", "bb222", "--force"]);
    expect(result).toEqual({ code: 0, stdout: "bb222\n", stderr: "" });
    expect(repo.read(FILE.bob)).toBe(
      "---\nid: bb222\ntitle: Bob holds this\nstatus: in-progress\nowner: alice\ncreated: 2026-11-02T09:00:00+00:00\n---\n\n## Log\n- 2026-11-20 10:00 +01:00 alice: claimed (taken over from bob)\n",
    );
    expect(head(repo)).toBe("tasks: claim bb222 Bob holds this|bb222|claim");
  });

  it("a free task becomes mine and active; claiming it again changes nothing and makes no commit", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["claim", "fr333", "--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { changed: boolean; commit: string; task: Record<string, unknown> };
    expect(json).toMatchObject({ schemaVersion: 1, kind: "task-change", action: "claim", changed: true });
    expect(json.commit).toBe(repo.git(["rev-parse", "HEAD"]).trim());
    expect(json.task).toMatchObject({ id: "fr333", owner: "alice", status: "in-progress", category: "active" });
    const before = snapshot(repo);
    const again = await repo.tasks(["claim", "fr333", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, commit: null });
    expect(snapshot(repo)).toEqual(before);
  });

  it("keeps a blocked task blocked, refuses a closed one (exit 4), and writes someone off the roster as their email", async () => {
    const repo = teamRepo({ name: "Dave Doe", email: "dave@example.com" });
    expect((await repo.tasks(["claim", "bl444"])).code).toBe(0);
    expect(repo.read(FILE.blocked)).toContain("status: blocked\nowner: dave@example.com\n");
    const closed = await repo.tasks(["claim", "dn555"]);
    expect(closed.code).toBe(4);
    expect(closed.stderr).toBe("error: dn555 is done; a closed task cannot be claimed [INVALID_TRANSITION]\nhint: reopen it first: tasks reopen dn555\n");
  });
});

describe("tasks assign / unassign", () => {
  it("assigns by handle, by roster email, to me; unassigns; one commit each with its trailer", async () => {
    const repo = teamRepo();
    expect(await repo.tasks(["assign", "fr333", "bob@work.example"])).toEqual({ code: 0, stdout: "fr333\n", stderr: "" });
    expect(repo.read(FILE.free)).toContain("status: todo\nowner: bob\n");
    expect(head(repo)).toBe("tasks: assign fr333 Free task|fr333|assign");
    expect((await repo.tasks(["assign", "fr333", "me"])).code).toBe(0);
    expect(repo.read(FILE.free)).toContain("owner: alice\n");
    expect((await repo.tasks(["unassign", "fr333"])).code).toBe(0);
    expect(head(repo)).toBe("tasks: unassign fr333 Free task|fr333|unassign");
    expect(repo.read(FILE.free)).toBe(
      [
        "---",
        "id: fr333",
        "title: Free task",
        "status: todo",
        "owner:",
        "created: 2026-11-02T09:00:00+00:00",
        "---",
        "",
        "## Log",
        "- 2026-11-20 10:00 +01:00 alice: assigned to bob",
        "- 2026-11-20 10:00 +01:00 alice: assigned to alice",
        "- 2026-11-20 10:00 +01:00 alice: unassigned (was alice)",
        "",
      ].join("\n"),
    );
    const unowned = await repo.tasks(["list", "--owner", "none"]);
    expect(unowned.stdout).toBe("fr333\ttodo\t\t\t\tFree task\nbl444\tblocked\t\t\t\tBlocked task\n");
  });

  it("warns when the person is not on the roster, and writes the name as given", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["assign", "fr333", "carol@example.com"]);
    expect(result).toEqual({ code: 0, stdout: "fr333\n", stderr: "warning: carol@example.com is not on the team roster in .tasks/config.yml\n" });
    expect(repo.read(FILE.free)).toContain("owner: carol@example.com\n");
  });

  it("a missing argument is a usage error (exit 2)", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["assign", "fr333"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "error: missing required argument 'who' [USAGE]\nhint: run 'tasks --help' or 'tasks <command> --help' for usage\n" });
  });
});
