import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * One seeded repository, read by every test below (nothing here writes). The clock is Friday
 * 2026-11-20 09:00 UTC. Owners live in Berlin (alice), New York (bob), Kiritimati, UTC+14 (kiri)
 * and Pago Pago, UTC-11 (pago); the repository's zone is UTC.
 */
let repo: TestRepo;

function seed(): TestRepo {
  const r = makeRepo({ autoRemove: false });
  writeConfig(r);
  const created = "2026-11-02T09:00:00+00:00";
  seedTask(r, { id: "a2222", title: "Open unowned", status: "todo", due: "2026-11-19", priority: "low", labels: ["auth"], created });
  seedTask(r, { id: "b3333", title: "Alice active", status: "in-progress", owner: "alice", due: "2026-11-25", priority: "high", labels: ["auth", "backend"], goal: "q4", created });
  seedTask(r, { id: "c4444", title: "Bob review", status: "review", owner: "bob", due: "2026-11-20T08:00:00-05:00", priority: "urgent", created });
  seedTask(r, { id: "d5555", title: "Kiri blocked", status: "blocked", owner: "kiri", due: "2026-11-20", labels: ["backend"], goal: "q4", created });
  seedTask(r, { id: "e6666", title: "Pago todo", status: "todo", owner: "pago", due: "2026-11-19", created });
  seedTask(r, { id: "f7777", title: "Done thing", status: "done", owner: "alice", due: "2026-11-01", created });
  seedTask(r, { id: "g8888", title: "Dropped", status: "dropped", owner: "carol@example.com", created });
  seedTask(r, { id: "h9999", title: "Stale active", status: "in-progress", owner: "bob", "x-estimate": "3", custom: "keep", created });
  seedTask(r, { id: "j2345", title: "Email owner", status: "todo", owner: "bob@work.example", created });
  r.commit("seed tasks", { date: "2026-11-02T09:00:00Z" });
  // Recent history: c4444 changed eight days ago, b3333 two days ago.
  r.write("tasks/2026-11/c4444-bob-review.md", `${r.read("tasks/2026-11/c4444-bob-review.md")}- 2026-11-12 10:00 +00:00 bob: reviewing\n`);
  r.commit("tasks: comment c4444", { date: "2026-11-12T10:00:00Z", author: { name: "Bob Okafor", email: "bob@example.com" } });
  r.write("tasks/2026-11/b3333-alice-active.md", `${r.read("tasks/2026-11/b3333-alice-active.md")}- 2026-11-18 10:00 +01:00 alice: progress\n`);
  r.commit("tasks: comment b3333", { date: "2026-11-18T09:00:00Z" });
  return r;
}

beforeAll(() => {
  repo = seed();
  return repo.remove;
});

const ROWS: Record<string, string> = {
  a2222: "a2222\ttodo\t\t2026-11-19\tlow\tOpen unowned",
  b3333: "b3333\tin-progress\talice\t2026-11-25\thigh\tAlice active",
  c4444: "c4444\treview\tbob\t2026-11-20T08:00:00-05:00\turgent\tBob review",
  d5555: "d5555\tblocked\tkiri\t2026-11-20\t\tKiri blocked",
  e6666: "e6666\ttodo\tpago\t2026-11-19\t\tPago todo",
  f7777: "f7777\tdone\talice\t2026-11-01\t\tDone thing",
  g8888: "g8888\tdropped\tcarol@example.com\t\t\tDropped",
  h9999: "h9999\tin-progress\tbob\t\t\tStale active",
  j2345: "j2345\ttodo\tbob@work.example\t\t\tEmail owner",
};

async function ids(args: string[], env?: Record<string, string>): Promise<string[]> {
  const result = await repo.tasks(["list", ...args], env ? { env } : {});
  expect(result.stderr, args.join(" ")).toBe("");
  expect(result.code, args.join(" ")).toBe(0);
  return result.stdout.split("\n").filter(Boolean).map((line) => line.split("\t")[0] as string);
}

describe("tasks list, plain (piped)", () => {
  it("prints exact tab-separated columns (id, status, owner, due, priority, title), open work in board order", async () => {
    const result = await repo.tasks(["list"]);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: ["a2222", "e6666", "j2345", "b3333", "h9999", "c4444", "d5555"].map((id) => `${ROWS[id]}\n`).join(""),
    });
    expect(result.stdout).not.toMatch(/\x1b/);
    expect((await repo.tasks(["ls"])).stdout).toBe(result.stdout);
  });

  it.each([
    [["--status", "todo"], ["a2222", "e6666", "j2345"]],
    [["--status", "active"], ["b3333", "h9999", "c4444"]],
    [["--status", "closed"], ["f7777", "g8888"]],
    [["--status", "review,blocked"], ["c4444", "d5555"]],
    [["-s", "open", "-s", "blocked"], ["a2222", "e6666", "j2345", "d5555"]],
    [["--owner", "none"], ["a2222"]],
    [["--owner", "bob"], ["j2345", "h9999", "c4444"]],
    [["--owner", "bob@example.com"], ["j2345", "h9999", "c4444"]],
    [["--owner", "carol@example.com", "--all"], ["g8888"]],
    [["--owner", "kiri,pago"], ["e6666", "d5555"]],
    [["--mine"], ["b3333"]],
    [["--mine", "--all"], ["b3333", "f7777"]],
    [["--label", "auth"], ["a2222", "b3333"]],
    [["--label", "auth", "--label", "backend"], ["b3333"]],
    [["--goal", "q4"], ["b3333", "d5555"]],
    [["--blocked"], ["d5555"]],
    [["--overdue"], ["a2222"]],
    [["--due-before", "2026-11-21"], ["a2222", "e6666", "c4444", "d5555"]],
    [["--due-before", "2026-11-20"], ["a2222"]],
    [["--due-before", "tomorrow", "--owner", "bob"], ["c4444"]],
    [["--stale"], ["h9999", "c4444"]],
    [["--stale", "10"], ["h9999"]],
    [["--stale", "1", "--owner", "alice"], ["b3333"]],
    [["--all"], ["a2222", "e6666", "j2345", "b3333", "h9999", "c4444", "d5555", "f7777", "g8888"]],
    [["--sort", "due"], ["a2222", "d5555", "e6666", "c4444", "b3333", "j2345", "h9999"]],
    [["--sort", "priority"], ["c4444", "b3333", "a2222", "e6666", "j2345", "h9999", "d5555"]],
    [["--sort", "title"], ["b3333", "c4444", "j2345", "d5555", "a2222", "e6666", "h9999"]],
    [["--sort", "id", "--status", "todo"], ["a2222", "e6666", "j2345"]],
    [["--label", "nothing-has-this"], []],
  ])("list %j", async (args, expected) => {
    expect(await ids(args)).toEqual(expected);
  });

  it("--overdue reads a date in the owner's zone: Kiritimati's Friday is over at 10:30 UTC, Pago Pago's Thursday is not", async () => {
    expect(await ids(["--overdue"], { TASKS_NOW: "2026-11-20T10:30:00Z" })).toEqual(["a2222", "d5555"]);
    expect(await ids(["--overdue"], { TASKS_NOW: "2026-11-20T11:30:00Z" })).toEqual(["a2222", "e6666", "d5555"]);
  });

  it("rejects bad option values with exit 2", async () => {
    for (const args of [["--sort", "size"], ["--stale", "0"], ["--stale", "soon"], ["--due-before", "later"]]) {
      const result = await repo.tasks(["list", ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toMatch(/^error: .+\nhint: .+\n$/);
    }
  });
});

describe("tasks list --json", () => {
  it("prints the versioned envelope; a task carries every frontmatter field (unknown keys too), path and category", async () => {
    const result = await repo.tasks(["list", "--json", "--owner", "bob", "--sort", "id"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const json = JSON.parse(result.stdout) as { schemaVersion: number; kind: string; count: number; tasks: Record<string, unknown>[]; problems: unknown[] };
    expect(json).toMatchObject({ schemaVersion: 1, kind: "task-list", count: 3, problems: [] });
    expect(json.tasks.map((t) => t.id)).toEqual(["c4444", "h9999", "j2345"]);
    expect(json.tasks[1]).toEqual({
      id: "h9999",
      title: "Stale active",
      status: "in-progress",
      owner: "bob",
      due: null,
      priority: null,
      labels: [],
      "depends-on": [],
      reviewer: null,
      goal: null,
      created: "2026-11-02T09:00:00+00:00",
      "definition-of-done": [],
      "x-estimate": 3,
      custom: "keep",
      path: "tasks/2026-11/h9999-stale-active.md",
      category: "active",
    });
  });

  it("prints an empty list as an envelope with count 0", async () => {
    const result = await repo.tasks(["list", "--json", "--label", "nothing-has-this"]);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, kind: "task-list", count: 0, tasks: [], problems: [] });
  });
});
