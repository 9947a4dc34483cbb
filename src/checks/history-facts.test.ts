import { describe, expect, it } from "vitest";
import type { HistoryCommit, TaskEvent } from "../domain/history.js";
import { configWith, makeTask, member, NOW } from "../../test/helpers/tasks.js";
import { buildHistoryFacts, historySince } from "./history-facts.js";

const config = configWith({ team: [member("alice", "Europe/Berlin"), member("bob", "America/New_York")] });

describe("historySince: the one window every history rule needs", () => {
  it("reaches back 2N working days of the owner whose days reach furthest", () => {
    const tasks = [makeTask({ id: "aaaaa", status: "in-progress", owner: "alice" }), makeTask({ id: "bbbbb", status: "review", owner: "bob" })];
    // Bob's Friday has not begun at 09:00Z (04:00 in New York): his 10th working day back is Fri 6 Nov, 09:00 EST.
    expect(historySince(tasks, config, { staleDays: 5 }, NOW)?.toISOString()).toBe("2026-11-06T14:00:00.000Z");
    // Alice's Friday began at 08:00Z, so her 10th is Mon 9 Nov, 09:00 CET.
    expect(historySince(tasks.slice(0, 1), config, { staleDays: 5 }, NOW)?.toISOString()).toBe("2026-11-09T08:00:00.000Z");
  });

  it("reaches back N+1 of the owner's working days for blocked tasks, and takes the earlier of the two", () => {
    const blocked = makeTask({ id: "ccccc", status: "blocked", owner: "alice" });
    // Alice's 11th working day back from Friday 20 Nov (begun at 08:00Z) is Fri 6 Nov.
    expect(historySince([blocked], config, { blockedDays: 10 }, NOW)?.toISOString()).toBe("2026-11-06T08:00:00.000Z");
    // Her 31st is Fri 9 Oct, 09:00 CEST.
    expect(historySince([blocked], config, { blockedDays: 30, staleDays: 5 }, NOW)?.toISOString()).toBe("2026-10-09T07:00:00.000Z");
  });

  it("reads nothing when no task is active or blocked", () => {
    expect(historySince([makeTask({ status: "todo" }), makeTask({ status: "done" })], config, { staleDays: 5, blockedDays: 10 }, NOW)).toBeUndefined();
  });
});

const commit = (hash: string, committerDate: string, paths: string[]): HistoryCommit => ({
  hash,
  authorName: "A",
  authorEmail: "a@example.com",
  committerDate,
  subject: "s",
  actions: [],
  changes: paths.map((path) => ({ status: "M", path, oldBlob: "1", newBlob: "2" })),
});

const base = { id: "aaaaa", authorName: "A", authorEmail: "a@example.com", commit: "c", subject: "s", action: null };
const status = (path: string, at: string, from: string, to: string): TaskEvent => ({ ...base, path, at, kind: "changed", field: "status", from, to });

describe("buildHistoryFacts", () => {
  it("takes the latest committer date per file and clamps a future one to now", () => {
    const commits = [commit("c3", "2031-01-01T00:00:00Z", ["tasks/a.md"]), commit("c2", "2026-11-18T10:00:00+01:00", ["tasks/b.md"]), commit("c1", "2026-11-12T10:00:00Z", ["tasks/b.md", "tasks/a.md"])];
    const facts = buildHistoryFacts({ commits, events: [] }, config, new Date("2026-11-01T00:00:00Z"), NOW, ["tasks/new.md"]);
    expect(facts.byPath.get("tasks/a.md")?.lastChange).toBe("2026-11-20T09:00:00+00:00");
    expect(facts.byPath.get("tasks/b.md")?.lastChange).toBe("2026-11-18T10:00:00+01:00");
    expect(facts.uncommitted.has("tasks/new.md")).toBe(true);
    expect(facts.since).toBe("2026-11-01T00:00:00.000Z");
  });

  it("finds when the current blocked spell began", () => {
    const events: TaskEvent[] = [
      { ...base, path: "tasks/created-blocked.md", at: "2026-11-11T00:00:00Z", kind: "created", data: { status: "blocked" } },
      status("tasks/twice.md", "2026-11-11T00:00:00Z", "todo", "blocked"),
      status("tasks/twice.md", "2026-11-12T00:00:00Z", "blocked", "in-progress"),
      status("tasks/twice.md", "2026-11-14T00:00:00Z", "in-progress", "blocked"),
      status("tasks/unblocked.md", "2026-11-11T00:00:00Z", "todo", "blocked"),
      status("tasks/unblocked.md", "2026-11-13T00:00:00Z", "blocked", "done"),
      status("tasks/before-window.md", "2026-11-13T00:00:00Z", "blocked", "blocked"),
    ];
    const facts = buildHistoryFacts({ commits: [], events }, configWith({ statuses: [...config.statuses] }), new Date("2026-11-10T00:00:00Z"), NOW, []);
    expect(facts.byPath.get("tasks/created-blocked.md")?.blockedSince).toBe("2026-11-11T00:00:00Z");
    expect(facts.byPath.get("tasks/twice.md")?.blockedSince).toBe("2026-11-14T00:00:00Z");
    expect(facts.byPath.get("tasks/unblocked.md")).toBeUndefined();
    expect(facts.byPath.get("tasks/before-window.md")).toBeUndefined();
  });
});
