import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { runPty } from "../helpers/pty.js";
import { makeRepo, seedTask, type TestRepo } from "../helpers/repo.js";
import { initialisedTeam, newTask, raceOnNextPush, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

/**
 * One seeded repository, read by the tests of the first block (nothing there writes). The clock
 * is 2026-11-20 12:00 UTC: 01:00 on the 21st in Auckland (kiri), 04:00 on the 20th in Los Angeles
 * (lou, and the repository's zone), 13:00 in Berlin (alice, the test identity).
 */
const NOW = "2026-11-20T12:00:00Z";
const ROSTER = `team:
  alice:
    email: alice@example.com
    timezone: Europe/Berlin
  bob:
    email: bob@example.com
    timezone: America/New_York
  kiri:
    email: kiri@example.com
    timezone: Pacific/Auckland
  lou:
    email: lou@example.com
    timezone: America/Los_Angeles
`;

let repo: TestRepo;

function seed(): TestRepo {
  const r = makeRepo({ autoRemove: false, env: { TASKS_NOW: NOW } });
  r.write(".tasks/config.yml", `tasks-folder: tasks\ntimezone: America/Los_Angeles\n${ROSTER}`);
  const created = "2026-11-02T12:00:00Z";
  seedTask(r, { id: "a1111", title: "Chain end", status: "todo", priority: "normal", labels: ["auth"], created });
  seedTask(r, { id: "a2222", title: "Older normal", status: "todo", priority: "normal", created: "2026-10-21T12:00:00Z" });
  seedTask(r, { id: "b1111", title: "Chain middle", status: "todo", priority: "urgent", "depends-on": ["a1111"], created });
  seedTask(r, { id: "c1111", title: "Chain top", status: "todo", "depends-on": ["b1111"], created });
  seedTask(r, { id: "d1111", title: "Depends on done", status: "todo", priority: "high", "depends-on": ["z9999"], created });
  seedTask(r, { id: "z9999", title: "Finished", status: "done", owner: "bob", created });
  seedTask(r, { id: "e1111", title: "Blocked one", status: "blocked", created }, "\n## Log\n- 2026-11-19 10:00 +00:00 bob: blocked: waiting for the keys\n");
  seedTask(r, { id: "f1111", title: "Bob's claim", status: "todo", owner: "bob", priority: "urgent", created });
  seedTask(r, { id: "g1111", title: "Mine", status: "todo", owner: "alice", priority: "low", created });
  seedTask(r, { id: "h1111", title: "Kiri due", status: "todo", owner: "kiri", due: "2026-11-20", priority: "low", created });
  seedTask(r, { id: "l1111", title: "Lou due", status: "todo", owner: "lou", due: "2026-11-20", priority: "low", created });
  seedTask(r, { id: "p1111", title: "Mine in progress", status: "in-progress", owner: "alice", created });
  seedTask(r, { id: "u1111", title: "Unowned urgent", status: "todo", due: "2026-11-20", priority: "urgent", labels: ["auth"], created });
  r.commit("seed tasks", { date: "2026-11-02T12:00:00Z" });
  return r;
}

beforeAll(() => {
  repo = seed();
  return repo.remove;
});

const as = (who: string): Record<string, string> => ({ GIT_AUTHOR_EMAIL: `${who}@example.com`, GIT_AUTHOR_NAME: who });

async function next(args: string[], who = "alice"): Promise<string[][]> {
  const result = await repo.tasks(["next", ...args], { env: as(who) });
  expect(result.stderr, args.join(" ")).toBe("");
  expect(result.code, args.join(" ")).toBe(0);
  return result.stdout.split("\n").filter(Boolean).map((line) => line.split("\t"));
}

const ids = async (args: string[], who?: string): Promise<string[]> => (await next(args, who)).map((row) => row[0] as string);

describe("tasks next: what is workable, in which order", () => {
  it("offers open, unblocked, unowned-or-mine tasks whose dependencies are closed, in list's columns", async () => {
    const rows = await next([]);
    expect(rows).toEqual([
      ["u1111", "todo", "", "2026-11-20", "urgent", "Unowned urgent"],
      ["d1111", "todo", "", "", "high", "Depends on done"],
      ["a2222", "todo", "", "", "normal", "Older normal"],
      ["a1111", "todo", "", "", "normal", "Chain end"],
      ["g1111", "todo", "alice", "", "low", "Mine"],
    ]);
  });

  it("overdue in the owner's zone comes first: kiri's task is past due in Auckland, lou's same date is not yet in Los Angeles", async () => {
    expect(await ids([], "kiri")).toEqual(["h1111", "u1111", "d1111", "a2222", "a1111"]);
    expect(await ids([], "lou")).toEqual(["u1111", "d1111", "a2222", "a1111", "l1111"]);
  });

  it("--explain adds why each task is where it is", async () => {
    const rows = await next(["--explain"], "kiri");
    expect(rows.map((row) => row.slice(6))).toEqual([
      ["ready", "overdue by 1 h in your zone (Pacific/Auckland); priority low; created 18 days ago; assigned to you"],
      ["ready", "priority urgent; due in 20 h in the team's zone (America/Los_Angeles); created 18 days ago"],
      ["ready", "priority high; no due date; created 18 days ago"],
      ["ready", "priority normal; no due date; created 30 days ago"],
      ["ready", "priority normal; no due date; created 18 days ago"],
    ]);
  });

  it("--all adds every excluded task with its reasons", async () => {
    const rows = await next(["--all"]);
    const excluded = Object.fromEntries(rows.filter((row) => row[6] === "excluded").map((row) => [row[0], row[7]]));
    expect(excluded).toEqual({
      b1111: "depends on a1111 (todo)",
      c1111: "depends on b1111 (todo)",
      f1111: "claimed by bob",
      h1111: "claimed by kiri",
      l1111: "claimed by lou",
      p1111: "already in progress (in-progress)",
      e1111: "blocked: waiting for the keys",
      z9999: "closed (done)",
    });
    expect(rows.filter((row) => row[6] === "ready").map((row) => row[0])).toEqual(["u1111", "d1111", "a2222", "a1111", "g1111"]);
  });

  it.each([
    [["--label", "auth"], ["u1111", "a1111"]],
    [["--owner", "none"], ["u1111", "d1111", "a2222", "a1111"]],
    [["--mine"], ["g1111"]],
    [["--owner", "bob"], []],
    [["--due-before", "2026-11-22"], ["u1111"]],
    [["--limit", "2"], ["u1111", "d1111"]],
  ])("filters like list: %j", async (args, expected) => {
    expect(await ids(args)).toEqual(expected);
  });

  it("--overdue keeps the overdue ones, judged in the owner's zone", async () => {
    expect(await ids(["--overdue"], "kiri")).toEqual(["h1111"]);
    expect(await ids(["--overdue"], "lou")).toEqual([]);
  });

  it("--json: a versioned envelope with rank, reason and facts per task; excluded ones only with --all", async () => {
    const result = await repo.tasks(["next", "--json"], { env: as("kiri") });
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: "next", me: "kiri", order: ["takeover", "overdue", "priority", "due", "created", "id"], count: 5, workableCount: 5, excludedCount: 8, excluded: null, claim: null, problems: [] });
    expect(doc.tasks[0]).toEqual({
      rank: 1,
      reason: "overdue by 1 h in your zone (Pacific/Auckland); priority low; created 18 days ago; assigned to you",
      overdue: true,
      dueAt: "2026-11-20T10:59:59.999Z",
      zone: "Pacific/Auckland",
      zoneOwner: "kiri",
      priorityRank: 0,
      mine: true,
      takeover: null,
      task: expect.objectContaining({ id: "h1111", owner: "kiri", due: "2026-11-20", category: "open", path: "tasks/2026-11/h1111-kiri-due.md" }),
    });
    const all = JSON.parse((await repo.tasks(["next", "--json", "--all", "--limit", "1"], { env: as("kiri") })).stdout);
    expect(all.count).toBe(1);
    expect(all.workableCount).toBe(5);
    expect(all.excluded.find((e: { task: { id: string } }) => e.task.id === "b1111")).toEqual({
      reasons: [{ kind: "depends-on", id: "a1111", status: "todo", text: "depends on a1111 (todo)" }],
      task: expect.objectContaining({ id: "b1111" }),
    });
  });

  it("on a terminal: a ranked table, and with --explain each reason under its row", async () => {
    const result = await runPty(["next", "--explain"], { cwd: repo.dir, env: { ...repo.env, ...as("kiri") }, columns: 100 });
    expect(result.code).toBe(0);
    const lines = result.output.split("\n");
    expect(lines[0]).toMatch(/^# +ID +STATUS +OWNER +DUE +PRIORITY +TITLE$/);
    expect(lines[1]).toMatch(/^1 +h1111 +todo +kiri +2026-11-20 +low +Kiri due$/);
    expect(lines[2]).toBe("   overdue by 1 h in your zone (Pacific/Auckland); priority low; created 18 days ago; assigned to");
    expect(lines[3]).toBe("   you");
  });

  it("a bad --limit is a usage error, and --claim does not mix with --all", async () => {
    expect((await repo.tasks(["next", "--limit", "0"])).code).toBe(2);
    expect((await repo.tasks(["next", "--claim", "--all"])).code).toBe(2);
  });
});

describe("tasks next: dependencies resolve as tasks close", () => {
  it("A depends on B: A is excluded while B is open and offered once B is done", async () => {
    const r = makeRepo();
    expect((await r.tasks(["init"])).code).toBe(0);
    const b = (await r.tasks(["new", "B first"])).stdout.trim();
    const a = (await r.tasks(["new", "A after B", "--depends-on", b, "--priority", "urgent"])).stdout.trim();
    expect((await r.tasks(["next"])).stdout.split("\n").filter(Boolean).map((l) => l.split("\t")[0])).toEqual([b]);
    expect((await r.tasks(["next", "--all"])).stdout).toContain(`${a}\ttodo\t\t\turgent\tA after B\texcluded\tdepends on ${b} (todo)\n`);
    expect((await r.tasks(["done", b, "--yes"])).code).toBe(0);
    expect((await r.tasks(["next"])).stdout.split("\n").filter(Boolean).map((l) => l.split("\t")[0])).toEqual([a]);
  });
});

describe("tasks next --claim", () => {
  it("without an upstream it claims the first workable task locally", async () => {
    const r = makeRepo();
    expect((await r.tasks(["init"])).code).toBe(0);
    await r.tasks(["new", "Low", "--priority", "low"]);
    const high = (await r.tasks(["new", "High", "--priority", "high"])).stdout.trim();
    const claimed = await r.tasks(["next", "--claim"]);
    expect(claimed).toEqual({ code: 0, stdout: `${high}\n`, stderr: "" });
    expect(r.git(["log", "-1", "--format=%s"]).trim()).toBe(`tasks: claim ${high} High`);
    expect((await r.tasks(["show", high, "--json"])).stdout).toContain('"owner": "alice@example.com"');
  });

  it("with nothing workable it claims nothing and exits 0", async () => {
    const r = makeRepo();
    expect((await r.tasks(["init"])).code).toBe(0);
    const head = r.git(["rev-parse", "HEAD"]);
    const result = await r.tasks(["next", "--claim", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).claim).toEqual({ claimed: null, skipped: [] });
    expect(r.git(["rev-parse", "HEAD"])).toBe(head);
  });

  it("two clones claiming at once: exactly one gets the first task, the other the second, both published", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const first = await newTask(alice, "First", "--priority", "urgent");
    const second = await newTask(alice, "Second", "--priority", "high");
    await newTask(alice, "Third", "--priority", "low");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);

    const [a, b] = await Promise.all([tasksIn(alice)("next", "--claim", "--json"), tasksIn(bob)("next", "--claim", "--json")]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const got = (out: string) => JSON.parse(out).claim as { claimed: { task: { id: string; owner: string }; published: { upstream: string } }; skipped: { id: string; code: string }[] };
    const [ca, cb] = [got(a.stdout), got(b.stdout)];
    expect([ca.claimed.task.id, cb.claimed.task.id].sort()).toEqual([first.id, second.id].sort());
    expect(ca.claimed.published.upstream).toBe("origin/main");
    expect(cb.claimed.published.upstream).toBe("origin/main");
    const [winner, loser, lost] = ca.claimed.task.id === first.id ? ["alice", "bob", cb] : ["bob", "alice", ca];
    expect(lost.skipped).toEqual([{ id: first.id, code: "ALREADY_CLAIMED", message: expect.stringContaining(`${first.id} is held by ${winner}@example.com`) }]);
    expect((ca.claimed.task.id === first.id ? b : a).stderr).toContain(`${first.id} is held by ${winner}@example.com`);

    // The upstream's history: one claim per task, each by the one who got it; the third untouched.
    alice.git(["fetch", "-q"]);
    const claims = alice.git(["log", "origin/main", "--format=%ae %s"]).split("\n").filter((l) => l.includes("tasks: claim"));
    expect(claims.sort()).toEqual([`${winner}@example.com tasks: claim ${first.id} First`, `${loser}@example.com tasks: claim ${second.id} Second`].sort());
    expect(alice.git(["show", `origin/main:${first.path}`])).toContain(`owner: ${winner}@example.com`);
    expect(alice.git(["show", `origin/main:${second.path}`])).toContain(`owner: ${loser}@example.com`);
    for (const clone of [alice, bob]) expect(clone.git(["status", "--porcelain"])).toBe("");
  });

  it("a push that loses the race moves on to the next task, leaving no trace of the lost claim", async () => {
    const { clones, dir } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const first = await newTask(alice, "First", "--priority", "urgent");
    const second = await newTask(alice, "Second");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    // Alice's claim of the first task lands on the remote while bob's push is being received.
    expect((await tasksIn(alice)("claim", first.id, "--offline")).code).toBe(0);
    alice.git(["push", "-q", "origin", "HEAD:refs/heads/alice-claim"]);
    raceOnNextPush(dir, alice.git(["rev-parse", "HEAD"]).trim());

    const result = await tasksIn(bob)("next", "--claim");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${second.id}\n`);
    expect(result.stderr).toContain(`${first.id} is held by alice@example.com since 2026-11-20 09:00 +00:00 (on origin/main): trying the next task`);
    expect(bob.git(["log", "--all", "--format=%ae %s"]).split("\n").filter((l) => l.includes("tasks: claim")).sort()).toEqual(
      [`alice@example.com tasks: claim ${first.id} First`, `bob@example.com tasks: claim ${second.id} Second`].sort(),
    );
    expect(bob.git(["show", `origin/main:${second.path}`])).toContain("owner: bob@example.com");
  });

  it("a task that is no longer open on the upstream is passed over, though this clone still shows it open", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const first = await newTask(alice, "First", "--priority", "urgent");
    const second = await newTask(alice, "Second");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    expect((await tasksIn(alice)("block", first.id, "--reason", "waiting for the keys")).code).toBe(0);
    alice.git(["push", "-q"]);

    const result = await tasksIn(bob)("next", "--claim", "--json");
    expect(result.code, result.stderr).toBe(0);
    const claim = JSON.parse(result.stdout).claim;
    expect(claim.claimed.task.id).toBe(second.id);
    expect(claim.skipped).toEqual([{ id: first.id, code: "INVALID_TRANSITION", message: `${first.id} cannot be claimed on origin/main: blocked: waiting for the keys` }]);
    expect(bob.git(["show", `origin/main:${first.path}`])).not.toContain("owner: bob");
  });

  it("when every task tried was taken first it exits 4 and names them", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const only = await newTask(alice, "Only one");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    expect((await tasksIn(alice)("claim", only.id)).code).toBe(0);
    const result = await tasksIn(bob)("next", "--claim");
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`error: nothing claimed: ${only.id} was taken first [ALREADY_CLAIMED]`);
  });
});
