import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** A shared, read-only repository: a few cards per column, twelve closed tasks, one unknown status. */
let repo: TestRepo;
const CLOSED = "abcdefghjkmn".split("").map((c, i) => ({ id: `dna${c}2`, created: `2026-10-${String(10 + i).padStart(2, "0")}T09:00:00+00:00` }));
const BOB = { name: "Bob Okafor", email: "bob@example.com" };

beforeAll(() => {
  repo = makeRepo({ autoRemove: false });
  writeConfig(repo);
  seedTask(repo, { id: "op2aa", title: "Write the runbook", status: "todo", owner: "alice", due: "2026-11-25", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "op3bb", title: "Unowned idea", status: "todo", created: "2026-11-03T09:00:00+00:00" });
  seedTask(
    repo,
    {
      id: "ac4cc",
      title: "Fix login timeout",
      status: "todo",
      due: "2026-11-19T17:00:00+01:00",
      priority: "high",
      labels: ["auth", "backend"],
      reviewer: "alice",
      goal: "q4-reliability",
      created: "2026-11-04T10:00:00+01:00",
      "definition-of-done": ["Timeout raised", "Runbook updated"],
    },
    "\nUsers on hotel Wi-Fi are logged out.\n\n## Log\n- 2026-11-04 10:00 +01:00 alice: created\n",
  );
  seedTask(repo, { id: "bl5dd", title: "Waiting on keys", status: "blocked", owner: "kiri", created: "2026-11-05T09:00:00+00:00" });
  seedTask(repo, { id: "un6ee", title: "Odd status", status: "waiting", created: "2026-11-05T09:00:00+00:00" });
  for (const { id, created } of CLOSED) seedTask(repo, { id, title: `Closed ${id}`, status: "done", owner: "bob", created });
  repo.commit("tasks: seed", { date: "2026-11-04T09:00:00Z" });
  // Bob claims ac4cc two days later: a second revision with an author who is not the committer of the first.
  const path = "tasks/2026-11/ac4cc-fix-login-timeout.md";
  repo.write(path, repo.read(path).replace("status: todo", "status: in-progress\nowner: bob").concat("- 2026-11-06 09:00 -05:00 bob: claimed\n"));
  repo.commit("tasks: claim ac4cc Fix login timeout", { date: "2026-11-06T14:00:00Z", author: BOB });
  return repo.remove;
});

const WARNING = 'warning: tasks/2026-11/un6ee-odd-status.md: status "waiting" is not configured; the task is not on the board\n';

describe("tasks board", () => {
  it("plain: a heading line, then one row per card (category, status, id, owner, due, title), the 10 newest closed cards", async () => {
    const result = await repo.tasks(["board"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(WARNING);
    const newest = [...CLOSED].reverse().slice(0, 10);
    expect(result.stdout).toBe(
      [
        "category\tstatus\tid\towner\tdue\ttitle",
        "open\ttodo\top2aa\talice\t2026-11-25\tWrite the runbook",
        "open\ttodo\top3bb\t\t\tUnowned idea",
        "active\tin-progress\tac4cc\tbob\t2026-11-19T17:00:00+01:00\tFix login timeout",
        "blocked\tblocked\tbl5dd\tkiri\t\tWaiting on keys",
        ...newest.map(({ id }) => `closed\tdone\t${id}\tbob\t\tClosed ${id}`),
      ].join("\n") + "\n",
    );
    const all = await repo.tasks(["board", "--all"]);
    expect(all.stdout.split("\n").filter((l) => l.startsWith("closed\t"))).toHaveLength(12);
  });

  it("plain, on an empty board: the heading line alone", async () => {
    const empty = makeRepo();
    writeConfig(empty);
    empty.commit("config");
    expect(await empty.tasks(["board"])).toEqual({ code: 0, stdout: "category\tstatus\tid\towner\tdue\ttitle\n", stderr: "" });
  });

  it("--json: four columns with counts (hidden closed cards counted) and full task objects", async () => {
    const result = await repo.tasks(["board", "--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { schemaVersion: number; kind: string; columns: { category: string; count: number; tasks: { id: string; category: string }[] }[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.kind).toBe("board");
    expect(json.columns.map((c) => [c.category, c.count, c.tasks.length])).toEqual([
      ["open", 2, 2],
      ["active", 1, 1],
      ["blocked", 1, 1],
      ["closed", 12, 10],
    ]);
    expect(json.columns[1]?.tasks[0]).toMatchObject({ id: "ac4cc", category: "active", owner: "bob", path: "tasks/2026-11/ac4cc-fix-login-timeout.md" });
    const all = JSON.parse((await repo.tasks(["board", "--json", "--all"])).stdout) as typeof json;
    expect(all.columns[3]?.tasks).toHaveLength(12);
  });
});

describe("tasks show", () => {
  it("plain: fields, due in the reader's zone, definition of done, body and a history summary from git", async () => {
    const result = await repo.tasks(["show", "ac4"], { env: { TZ: "America/New_York" } });
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "ac4cc  Fix login timeout",
        "  status     in-progress",
        "  owner      bob",
        "  due        2026-11-19 11:00 -05:00 (overdue)",
        "  priority   high",
        "  labels     auth, backend",
        "  reviewer   alice",
        "  goal       q4-reliability",
        "  created    2026-11-04T10:00:00+01:00",
        "  file       tasks/2026-11/ac4cc-fix-login-timeout.md",
        "",
        "Definition of done",
        "  - Timeout raised",
        "  - Runbook updated",
        "",
        "Users on hotel Wi-Fi are logged out.",
        "",
        "## Log",
        "- 2026-11-04 10:00 +01:00 alice: created",
        "- 2026-11-06 09:00 -05:00 bob: claimed",
        "",
        "History",
        "  created 2026-11-04 04:00 by alice",
        "  last change 2026-11-06 09:00 by bob: log: claimed",
        "  2 commits; 'tasks log ac4cc' shows every change",
        "  review: alice reviews it once it is sent to review (tasks review ac4cc)",
        "",
      ].join("\n"),
    });
  });

  it("--json: the task with body and overdue, and who created and last changed it", async () => {
    const result = await repo.tasks(["show", "ac4cc", "--json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { task: Record<string, unknown>; history: unknown };
    expect(json).toMatchObject({ schemaVersion: 1, kind: "task" });
    expect(json.task).toMatchObject({
      id: "ac4cc",
      status: "in-progress",
      owner: "bob",
      category: "active",
      overdue: true,
      "definition-of-done": ["Timeout raised", "Runbook updated"],
      body: expect.stringContaining("Users on hotel Wi-Fi are logged out.") as unknown,
    });
    expect(json.history).toEqual({
      commits: 2,
      created: { at: "2026-11-04T09:00:00+00:00", by: "alice" },
      lastChange: { at: "2026-11-06T14:00:00+00:00", by: "bob" },
    });
  });

  it("a task never committed, in a repository with no commit at all yet, says so", async () => {
    const local = makeRepo({ initialCommit: false });
    const id = (await local.tasks(["new", "Draft", "--no-commit"])).stdout.trim();
    const result = await local.tasks(["show", id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nHistory\n {2}not committed yet\n$/);
    expect(JSON.parse((await local.tasks(["show", id, "--json"])).stdout)).toMatchObject({ history: { commits: 0, created: null, lastChange: null } });
    expect(await local.tasks(["log", id])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a fresh task's history is its creation only; a commit dated in the future counts as now", async () => {
    const local = makeRepo();
    const id = (await local.tasks(["new", "Fresh"])).stdout.trim();
    expect((await local.tasks(["show", id])).stdout).toMatch(new RegExp(`\nHistory\n  created 2026-11-20 09:00 by alice@example.com\n  1 commit; 'tasks log ${id}' shows every change\n$`));
    const path = local.git(["ls-files", "tasks"]).trim();
    local.write(path, `${local.read(path)}- 2026-11-25 09:00 +00:00 mallory: from the future\n`);
    local.commit("future", { date: "2026-11-25T09:00:00Z" });
    const json = JSON.parse((await local.tasks(["show", id, "--json"])).stdout) as { history: unknown };
    expect(json.history).toEqual({
      commits: 2,
      created: { at: "2026-11-20T09:00:00+00:00", by: "alice@example.com" },
      lastChange: { at: "2026-11-20T09:00:00+00:00", by: "alice@example.com" },
    });
  });

  it("an unknown id is exit 1 with a hint, and a path-like one reads nothing outside the tasks folder", async () => {
    const missing = await repo.tasks(["show", "zzzzz"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: no task with id zzzzz [TASK_NOT_FOUND]\nhint: 'tasks list' shows the ids\n" });
    const bad = await repo.tasks(["show", "../etc"]);
    expect(bad).toEqual({ code: 1, stdout: "", stderr: "error: no task with id ../etc [TASK_NOT_FOUND]\nhint: 'tasks list' shows the ids\n" });
  });
});
