import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/fixtures.js";
import { type Config, DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS, type Member } from "./config.js";
import { buildReadyQueue, type Exclusion } from "./ready-queue.js";
import type { Task } from "./task.js";

function member(handle: string, timezone: string, emails = [`${handle}@example.com`]): Member {
  return { handle, name: null, emails, timezone, hours: DEFAULT_HOURS, days: DEFAULT_DAYS };
}

const config: Config = {
  ...DEFAULT_CONFIG,
  timezone: "UTC",
  team: [member("alice", "Europe/Berlin", ["alice@example.com", "alice@work.example"]), member("bob", "America/New_York"), member("kiri", "Pacific/Auckland"), member("lou", "America/Los_Angeles")],
};
const NOW = new Date("2026-11-20T09:00:00Z");

function queue(tasks: readonly Task[], me = "alice", candidates = tasks) {
  return buildReadyQueue({ candidates, all: tasks, config, me, now: NOW });
}

const ids = (tasks: readonly Task[], me?: string): string[] => queue(tasks, me).workable.map((e) => e.task.id);

describe("buildReadyQueue: what is workable", () => {
  it.each<[string, Task, Exclusion[]]>([
    ["an unowned open task is workable", makeTask("a1"), []],
    ["my open task is workable", makeTask("a1", { owner: "alice" }), []],
    ["my task written as my other email is mine", makeTask("a1", { owner: "alice@work.example" }), []],
    ["another person's claim is not", makeTask("a1", { owner: "bob" }), [{ kind: "claimed", owner: "bob" }]],
    ["someone off the roster holding it is a claim too", makeTask("a1", { owner: "zed@x.org" }), [{ kind: "claimed", owner: "zed@x.org" }]],
    ["closed is only closed", makeTask("a1", { status: "done", owner: "bob", dependsOn: ["zz"] }), [{ kind: "closed", status: "done" }]],
    ["active work is not offered, even mine", makeTask("a1", { status: "in-progress", owner: "alice" }), [{ kind: "active", status: "in-progress" }]],
    [
      "blocked, with the reason from the log",
      makeTask("a1", { status: "blocked", body: "\n## Log\n- 2026-11-19 10:00 +00:00 bob: blocked: waiting for keys\n" }),
      [{ kind: "blocked", status: "blocked", reason: "waiting for keys" }],
    ],
    ["blocked with no reason written", makeTask("a1", { status: "blocked" }), [{ kind: "blocked", status: "blocked", reason: null }]],
    ["an unknown status is not offered", makeTask("a1", { status: "mystery" }), [{ kind: "unknown-status", status: "mystery" }]],
    ["every reason is given", makeTask("a1", { status: "blocked", owner: "bob", dependsOn: ["d1"] }), [{ kind: "blocked", status: "blocked", reason: null }, { kind: "claimed", owner: "bob" }, { kind: "depends-on", id: "d1", status: "todo" }]],
  ])("%s", (_name, task, reasons) => {
    const all = [task, makeTask("d1")];
    const result = buildReadyQueue({ candidates: [task], all, config, me: "alice", now: NOW });
    if (reasons.length === 0) {
      expect(result.workable.map((e) => e.task.id)).toEqual(["a1"]);
      expect(result.excluded).toEqual([]);
    } else {
      expect(result.workable).toEqual([]);
      expect(result.excluded).toEqual([{ task, reasons }]);
    }
  });

  it.each<[string, Task[], Exclusion[]]>([
    ["a dependency still open", [makeTask("d1")], [{ kind: "depends-on", id: "d1", status: "todo" }]],
    ["a dependency in progress", [makeTask("d1", { status: "in-progress" })], [{ kind: "depends-on", id: "d1", status: "in-progress" }]],
    ["a dependency done", [makeTask("d1", { status: "done" })], []],
    ["a dependency dropped (closed)", [makeTask("d1", { status: "dropped" })], []],
    ["a dependency no task has", [], [{ kind: "depends-on", id: "d1", status: null }]],
    ["an id two files share: met only when both are closed", [makeTask("d1", { status: "done" }), makeTask("d1", { status: "review", path: "tasks/d1-b.md" })], [{ kind: "depends-on", id: "d1", status: "review" }]],
  ])("depends-on: %s", (_name, others, reasons) => {
    const task = makeTask("a1", { dependsOn: ["d1", "d1"] });
    const result = buildReadyQueue({ candidates: [task], all: [task, ...others], config, me: "alice", now: NOW });
    expect(result.excluded.flatMap((e) => e.reasons)).toEqual(reasons);
    expect(result.workable).toHaveLength(reasons.length === 0 ? 1 : 0);
  });

  it("a chain: A depends on B depends on C; only the end of the chain is workable, and closing it frees the next", () => {
    const chain = (cStatus: string): Task[] => [makeTask("a1", { dependsOn: ["b2"] }), makeTask("b2", { dependsOn: ["c3"] }), makeTask("c3", { status: cStatus })];
    expect(ids(chain("todo"))).toEqual(["c3"]);
    expect(ids(chain("done"))).toEqual(["b2"]);
  });

  it("dependencies are looked up in every task, not only the filtered candidates", () => {
    const a = makeTask("a1", { dependsOn: ["d1"], labels: ["x"] });
    const result = buildReadyQueue({ candidates: [a], all: [a, makeTask("d1", { status: "done" })], config, me: "alice", now: NOW });
    expect(result.workable.map((e) => e.task.id)).toEqual(["a1"]);
  });

  it("who is me decides whose claims count", () => {
    const tasks = [makeTask("a1", { owner: "alice" }), makeTask("b2", { owner: "bob" }), makeTask("c3")];
    expect(ids(tasks, "alice")).toEqual(["a1", "c3"]);
    expect(ids(tasks, "bob@example.com")).toEqual(["b2", "c3"]);
    expect(ids(tasks, "zed@x.org")).toEqual(["c3"]);
  });
});

describe("buildReadyQueue: the order", () => {
  it.each<[string, Task[], string[]]>([
    [
      "overdue first, whatever the priority",
      [makeTask("a1", { priority: "urgent", due: "2026-12-01" }), makeTask("b2", { priority: "low", due: "2026-11-19" })],
      ["b2", "a1"],
    ],
    [
      "then priority by the configured order, none last",
      [makeTask("a1"), makeTask("b2", { priority: "low" }), makeTask("c3", { priority: "urgent" }), makeTask("d4", { priority: "high" }), makeTask("e5", { priority: "bogus" })],
      ["c3", "d4", "b2", "a1", "e5"],
    ],
    [
      "then the due moment, soonest first, none last",
      [makeTask("a1"), makeTask("b2", { due: "2026-12-05" }), makeTask("c3", { due: "2026-11-25T10:00:00+01:00" })],
      ["c3", "b2", "a1"],
    ],
    [
      "then age, oldest first (instants, not text), none last",
      [makeTask("a1"), makeTask("b2", { created: "2026-11-10T09:00:00+01:00" }), makeTask("c3", { created: "2026-11-10T08:30:00Z" }), makeTask("d4", { created: "2026-11-01" })],
      ["d4", "b2", "c3", "a1"],
    ],
    ["then the id", [makeTask("b2"), makeTask("a1"), makeTask("c3")], ["a1", "b2", "c3"]],
  ])("%s", (_name, tasks, order) => {
    expect(ids(tasks)).toEqual(order);
  });

  it("overdue is judged in the owner's zone: the same date is past in Auckland and not yet in Los Angeles", () => {
    // 12:00 UTC on the 20th is 01:00 on the 21st in Auckland and 04:00 on the 20th in Los Angeles.
    const at = new Date("2026-11-20T12:00:00Z");
    const tasks = [makeTask("k1", { owner: "kiri", due: "2026-11-20", priority: "low" }), makeTask("l1", { owner: "lou", due: "2026-11-20", priority: "low" }), makeTask("u1", { due: "2026-11-20", priority: "urgent" })];
    const la = { ...config, timezone: "America/Los_Angeles" };
    const forKiri = buildReadyQueue({ candidates: tasks, all: tasks, config: la, me: "kiri", now: at });
    expect(forKiri.workable.map((e) => [e.task.id, e.overdue, e.zone])).toEqual([["k1", true, "Pacific/Auckland"], ["u1", false, "America/Los_Angeles"]]);
    const forLou = buildReadyQueue({ candidates: tasks, all: tasks, config: la, me: "lou", now: at });
    expect(forLou.workable.map((e) => [e.task.id, e.overdue])).toEqual([["u1", false], ["l1", false]]);
  });

  it("an unowned task's due date is read in the team's zone", () => {
    const tasks = [makeTask("a1", { due: "2026-11-19" })];
    const late = buildReadyQueue({ candidates: tasks, all: tasks, config, me: "alice", now: new Date("2026-11-20T00:30:00Z") });
    expect(late.workable[0]).toMatchObject({ overdue: true, zone: "UTC", zoneOwner: null });
    const la = buildReadyQueue({ candidates: tasks, all: tasks, config: { ...config, timezone: "America/Los_Angeles" }, me: "alice", now: new Date("2026-11-20T00:30:00Z") });
    expect(la.workable[0]).toMatchObject({ overdue: false, zone: "America/Los_Angeles" });
  });

  it("ranks from 1, and the facts behind each place are given", () => {
    const result = queue([makeTask("a1", { owner: "alice", priority: "high", due: "2026-11-19", created: "2026-11-08T09:00:00Z" }), makeTask("b2")]);
    expect(result.workable.map((e) => e.rank)).toEqual([1, 2]);
    expect(result.workable[0]).toMatchObject({ overdue: true, zone: "Europe/Berlin", zoneOwner: "alice", priorityRank: 2, createdAt: Date.parse("2026-11-08T09:00:00Z"), mine: true, dueAt: Date.parse("2026-11-19T23:00:00Z") - 1 });
    expect(result.workable[1]).toMatchObject({ overdue: false, dueAt: null, priorityRank: null, createdAt: null, mine: false });
  });
});

describe("buildReadyQueue: claims of people who are away", () => {
  it("says the owner is away now, and until when; a period later or earlier says nothing", () => {
    const away = (from: string, to: string, start: string, end: string) => ({ from, to, note: "leave", start: Date.parse(start), end: Date.parse(end) });
    const team = [
      { ...member("bob", "UTC"), away: [away("2026-11-16", "2026-11-27", "2026-11-16T00:00:00Z", "2026-11-28T00:00:00Z")] },
      { ...member("kiri", "UTC"), away: [away("2026-12-01", "2026-12-02", "2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z")] },
    ];
    const withAway: Config = { ...config, team: [...config.team.filter((m) => m.handle === "alice"), ...team] };
    const tasks = [makeTask("a1", { owner: "bob" }), makeTask("a2", { owner: "kiri" })];
    const result = buildReadyQueue({ candidates: tasks, all: tasks, config: withAway, me: "alice", now: NOW });
    expect(result.excluded.map((e) => e.reasons)).toEqual([[{ kind: "claimed", owner: "bob", away: { to: "2026-11-27", note: "leave" } }], [{ kind: "claimed", owner: "kiri" }]]);
  });
});

describe("buildReadyQueue: claims whose lease ran out", () => {
  const leased: Config = { ...config, claims: { lease: { amount: 3, unit: "day" } } };
  // Bob claimed on Monday 16 Nov 10:00 in New York: his 3 working days ran out Thursday 10:00 EST.
  const lapsed = makeTask("t1", { status: "in-progress", owner: "bob", priority: "high", body: "\n## Log\n- 2026-11-16 10:00 -05:00 bob: claimed\n" });
  const fresh = makeTask("t2", { status: "in-progress", owner: "bob", body: "\n## Log\n- 2026-11-19 10:00 -05:00 bob: claimed\n" });
  const free = makeTask("t3");

  it("offers someone else's expired claim after the free tasks, as a takeover naming the owner", () => {
    const tasks = [lapsed, fresh, free];
    const result = buildReadyQueue({ candidates: tasks, all: tasks, config: leased, me: "alice", now: new Date("2026-11-20T09:00:00Z") });
    expect(result.workable.map((e) => [e.task.id, e.takeover])).toEqual([
      ["t3", null],
      ["t1", { owner: "bob", expiredAt: Date.parse("2026-11-19T15:00:00Z") }],
    ]);
    expect(result.excluded.map((e) => e.task.id)).toEqual(["t2"]);
  });

  it("still leaves out an expired claim that waits on an open dependency", () => {
    const waiting = { ...lapsed, dependsOn: ["t3"] };
    const tasks = [waiting, free];
    const result = buildReadyQueue({ candidates: [waiting], all: tasks, config: leased, me: "alice", now: new Date("2026-11-20T09:00:00Z") });
    expect(result.workable).toEqual([]);
  });
});

describe("buildReadyQueue: what it reads", () => {
  it("reads a blocked task's body only when its reason is asked for", () => {
    const base = makeTask("b1", { status: "blocked", body: "\n## Log\n- 2026-11-19 10:00 +00:00 bob: blocked: waiting for keys\n" });
    let reads = 0;
    const counted = Object.create(base, { body: { get: () => (reads++, base.body) } }) as Task;
    const built = queue([counted, makeTask("a1")]);
    expect(built.workable.map((e) => e.task.id)).toEqual(["a1"]);
    expect(reads).toBe(0);
    const [reason] = built.excluded[0]?.reasons ?? [];
    expect(reason).toEqual({ kind: "blocked", status: "blocked", reason: "waiting for keys" });
    expect(JSON.parse(JSON.stringify(reason))).toEqual({ kind: "blocked", status: "blocked", reason: "waiting for keys" });
    expect(reads).toBe(1);
  });
});
