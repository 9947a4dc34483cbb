import { describe, expect, it } from "vitest";
import { CONFIG, exampleEvents, exampleTasks, makeTask, NOW } from "../../test/helpers/report-fixtures.js";
import type { TaskEvent } from "../domain/history.js";
import { buildStandupView, type StandupInput } from "./standup.js";

const base: StandupInput = { config: CONFIG, tasks: exampleTasks(), events: exampleEvents(), now: NOW, date: undefined, scope: "team", people: ["alice", "bob", "chitra"], readerZone: "UTC" };
const ids = (list: readonly { id: string }[]): string[] => list.map((t) => t.id);
const person = (view: ReturnType<typeof buildStandupView>, handle: string) => {
  const found = view.people.find((p) => p.handle === handle);
  if (!found) throw new Error(`${handle} missing`);
  return found;
};

describe("buildStandupView", () => {
  const view = buildStandupView(base);

  it("gives each person their own window, from their previous working day's start in their zone", () => {
    expect(person(view, "alice").window.from).toBe("2026-11-19T09:00:00+01:00");
    expect(person(view, "bob").window.from).toBe("2026-11-19T09:00:00-05:00");
    expect(person(view, "chitra").window.from).toBe("2026-11-19T09:00:00+05:30");
  });

  it("Friday's done covers Thursday (alice closed w4n8c) but not Wednesday (bob dropped m5t7b)", () => {
    expect(ids(person(view, "alice").done)).toEqual(["w4n8c"]);
    expect(person(view, "alice").done[0]?.completed).toBe(true);
    expect(ids(person(view, "bob").done)).toEqual([]);
  });

  it("in progress carries the last activity; blocked carries the reason and since when", () => {
    const alice = person(view, "alice");
    expect(ids(alice.inProgress)).toEqual(["k7m2q"]);
    expect(alice.inProgress[0]?.lastActivity?.what).toBe("Do we keep the old 10 s value for the admin console?");
    const bob = person(view, "bob");
    expect(bob.blocked[0]).toMatchObject({ id: "p3x9t", reason: "waiting for the vendor's new keys", since: "2026-11-19T10:15:00-05:00" });
    expect(ids(bob.overdue)).toEqual(["p3x9t"]);
  });

  it("ready is what tasks next would offer the person: their own open work and unowned tasks, not others' claims, top 3", () => {
    expect(person(view, "chitra").ready.map((t) => [t.rank, t.id, t.mine])).toEqual([[1, "h2d5f", true], [2, "z8q2e", false]]);
    expect(person(view, "chitra").ready[0]?.reason).toBe("no priority; due in 3.1 days in your zone (Asia/Kolkata); created 2.5 days ago; assigned to you");
    expect(ids(person(view, "alice").ready)).toEqual(["z8q2e"]);
    const many = Array.from({ length: 5 }, (_, i) => makeTask({ id: `r${i}`, title: `Ready ${i}`, status: "todo", owner: null }));
    const crowded = buildStandupView({ ...base, tasks: [...exampleTasks(), ...many], scope: "owner", people: ["bob"] });
    expect(person(crowded, "bob").ready).toHaveLength(3);
    expect(person(crowded, "bob").readyCount).toBe(6);
  });

  it("next lists claimed work not started, flagging what is due by the end of the next working day", () => {
    const chitra = person(view, "chitra");
    expect(chitra.next.map((t) => [t.id, t.dueSoon])).toEqual([["h2d5f", true]]);
    expect(chitra.inProgress[0]?.lastActivity).toMatchObject({ what: "status todo → in-progress", atText: "Mon 9 Nov 11:00" });
  });

  it("a task quiet since before the window shows its real last update, from the file's log", () => {
    // History is read from the window's start only: none of r9c3x's events are in it.
    const events = exampleEvents().filter((e) => Date.parse(e.at) >= Date.parse("2026-11-19T00:00:00Z"));
    const chitra = person(buildStandupView({ ...base, events, scope: "owner", people: ["chitra"] }), "chitra");
    expect(chitra.inProgress[0]).toMatchObject({ id: "r9c3x", updatedInWindow: false, lastActivity: { at: "2026-11-09T11:00:00+05:30", atText: "Mon 9 Nov 11:00", who: "chitra", what: "claimed" } });
  });

  it("an update inside the window says so; a log entry after the window's end (--date) is not the last update", () => {
    const alice = person(view, "alice");
    expect(alice.inProgress[0]).toMatchObject({ id: "k7m2q", updatedInWindow: true });
    const asOfWednesday = person(buildStandupView({ ...base, events: [], date: "2026-11-18", scope: "owner", people: ["alice"] }), "alice");
    expect(asOfWednesday.inProgress[0]).toMatchObject({ id: "k7m2q", updatedInWindow: true, lastActivity: { what: "claimed", atText: "Tue 17 Nov 10:02" } });
  });

  it("Monday's standup reaches back to Friday", () => {
    const monday = new Date("2026-11-23T08:30:00Z");
    const isClose = (e: TaskEvent): boolean => e.id === "w4n8c" && e.kind === "changed" && e.to === "done";
    const fridayClose: TaskEvent = { ...(exampleEvents().find(isClose) as TaskEvent), at: "2026-11-20T10:00:00Z" };
    const events = [...exampleEvents().filter((e) => !isClose(e)), fridayClose];
    const alice = person(buildStandupView({ ...base, now: monday, events, scope: "me", people: ["alice"] }), "alice");
    expect(alice.window.from).toBe("2026-11-20T09:00:00+01:00");
    expect(ids(alice.done)).toEqual(["w4n8c"]);
  });

  it("--date moves the window: as of Wednesday's end, Tuesday and Wednesday count", () => {
    const bob = person(buildStandupView({ ...base, date: "2026-11-18", scope: "owner", people: ["bob"] }), "bob");
    expect(bob.window.from).toBe("2026-11-17T09:00:00-05:00");
    expect(ids(bob.done)).toEqual(["m5t7b"]);
    expect(bob.done[0]?.completed).toBe(false);
  });

  it("the team scope adds people off the roster who hold work; quiet roster members stay", () => {
    const tasks = [...exampleTasks(), makeTask({ id: "q2w3e", title: "Contractor task", status: "in-progress", owner: "dana@contractor.example" })];
    const team = buildStandupView({ ...base, tasks });
    expect(team.people.map((p) => p.handle)).toEqual(["alice", "bob", "chitra", "dana@contractor.example"]);
    expect(team.people[3]?.onRoster).toBe(false);
  });

  it("is plain data: the JSON round trip is the same model", () => {
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view).toMatchObject({ schemaVersion: 1, kind: "standup", date: "2026-11-20", dateText: "Fri 20 Nov 2026" });
  });

  it("names the reviews waiting for a reviewer (who owns nothing) and the changes requested of an owner", () => {
    const waiting = makeTask({ id: "rv111", title: "Rotate keys", status: "review", owner: "alice", reviewer: "dana@example.com" }, "\n## Log\n- 2026-11-19 16:00 +01:00 alice: sent to review (reviewer dana@example.com)\n");
    const sentBack = makeTask(
      { id: "rv222", title: "Audit log", status: "in-progress", owner: "bob", reviewer: "alice" },
      "\n## Log\n- 2026-11-18 10:00 -05:00 bob: sent to review (reviewer alice)\n- 2026-11-19 11:00 +01:00 alice: changes requested: log the actor too\n",
    );
    const team = buildStandupView({ ...base, tasks: [...exampleTasks(), waiting, sentBack] });
    expect(person(team, "dana@example.com").toReview).toEqual([expect.objectContaining({ id: "rv111", owner: "alice", submittedAt: "2026-11-19T16:00:00+01:00" })]);
    expect(person(team, "dana@example.com").quiet).toBe(false);
    expect(person(team, "bob").changesRequested).toEqual([expect.objectContaining({ id: "rv222", by: "alice", reason: "log the actor too", at: "2026-11-19T11:00:00+01:00" })]);
    expect(person(team, "alice").toReview).toEqual([]);
  });
});
