import { describe, expect, it } from "vitest";
import { buildTaskEvents, eventsByTask, type HistoryChange, type HistoryCommit, type Revision, type TaskEvent } from "./history.js";

/** History events from commits (newest first, as git prints) and a blob reader. */

const NOW = new Date("2026-11-20T09:00:00Z");
const LOG = "\n## Log\n";
const claimed = "- 2026-11-18 10:00 +01:00 alice: claimed";
const blocked = "- 2026-11-19 10:00 +01:00 alice: blocked: waiting for keys";

const blobs: Record<string, Revision | undefined> = {
  v1: { data: { id: "k7m2q", title: "Fix login", status: "todo" }, body: LOG },
  v2: { data: { id: "k7m2q", title: "Fix login", status: "in-progress", owner: "alice" }, body: `${LOG}${claimed}\n` },
  v3: { data: { id: "k7m2q", title: "Fix login", status: "blocked", owner: "alice", labels: ["auth"] }, body: `${LOG}${claimed}\n${blocked}\n` },
  broken: undefined,
  repaired: { data: { id: "k7m2q", title: "Fix login", status: "done", owner: "alice", labels: ["auth"] }, body: `${LOG}${claimed}\n${blocked}\n` },
  other: { data: { id: "p3x9t", title: "Other", status: "todo" }, body: `${LOG}- 2026-11-19 11:00 +00:00 bob: created\n` },
  noId: { data: { title: "No id" }, body: "" },
};

const read = (blob: string): Revision | undefined => blobs[blob];

function change(oldBlob: string | null, newBlob: string | null, path = "tasks/k7m2q.md"): HistoryChange {
  return { status: oldBlob === null ? "A" : newBlob === null ? "D" : "M", path, oldBlob, newBlob };
}

function commit(hash: string, committerDate: string, changes: HistoryChange[], actions: string[] = []): HistoryCommit {
  return { hash, authorName: "Alice Ng", authorEmail: "alice@example.com", committerDate, subject: `subject ${hash}`, actions, changes };
}

/** Commits are given oldest first here for readability and reversed into git's order. */
function events(...oldestFirst: HistoryCommit[]): TaskEvent[] {
  return buildTaskEvents([...oldestFirst].reverse(), read, NOW);
}

function summary(list: readonly TaskEvent[]): string[] {
  return list.map((e) => {
    switch (e.kind) {
      case "created":
        return `${e.commit} ${e.id} created`;
      case "changed":
        return `${e.commit} ${e.id} ${e.field}: ${JSON.stringify(e.from)} → ${JSON.stringify(e.to)}`;
      case "log":
        return `${e.commit} ${e.id} log ${e.entry.who}: ${e.entry.text}`;
      case "deleted":
        return `${e.commit} ${e.id} deleted`;
    }
  });
}

describe("buildTaskEvents", () => {
  it("turns a task's life into created, changed, log and deleted events in time order", () => {
    const list = events(
      commit("c1", "2026-11-17T09:00:00Z", [change(null, "v1")], ["new"]),
      commit("c2", "2026-11-18T09:00:00Z", [change("v1", "v2")], ["claim"]),
      commit("c3", "2026-11-19T09:00:00Z", [change("v2", "v3")], ["block"]),
      commit("c4", "2026-11-19T12:00:00Z", [change("v3", null)]),
    );
    expect(summary(list)).toEqual([
      "c1 k7m2q created",
      'c2 k7m2q status: "todo" → "in-progress"',
      'c2 k7m2q owner: undefined → "alice"',
      "c2 k7m2q log alice: claimed",
      'c3 k7m2q status: "in-progress" → "blocked"',
      'c3 k7m2q labels: undefined → ["auth"]',
      "c3 k7m2q log alice: blocked: waiting for keys",
      "c4 k7m2q deleted",
    ]);
    expect(list[0]).toMatchObject({ kind: "created", data: blobs.v1?.data, action: "new", path: "tasks/k7m2q.md", authorName: "Alice Ng", at: "2026-11-17T09:00:00Z" });
    expect(list[1]).toMatchObject({ action: "claim", subject: "subject c2" });
    expect(list.at(-1)).toMatchObject({ action: null });
  });

  it("reports a field removed as changed to undefined", () => {
    expect(summary(events(commit("c1", "2026-11-18T09:00:00Z", [change("v2", "v1")])))).toEqual([
      'c1 k7m2q status: "in-progress" → "todo"',
      'c1 k7m2q owner: "alice" → undefined',
    ]);
  });

  it("reports log entries already in a created file", () => {
    expect(summary(events(commit("c1", "2026-11-18T09:00:00Z", [change(null, "other", "tasks/p3x9t.md")])))).toEqual(["c1 p3x9t created", "c1 p3x9t log bob: created"]);
  });

  it("reports a repeated identical log entry once per new occurrence", () => {
    blobs.twice = { data: blobs.v2?.data ?? {}, body: `${LOG}${claimed}\n${claimed}\n` };
    expect(summary(events(commit("c1", "2026-11-18T09:00:00Z", [change("v2", "twice")])))).toEqual(["c1 k7m2q log alice: claimed"]);
  });

  it("clamps committer dates in the future to now (S9)", () => {
    const [event] = events(commit("c1", "2031-01-01T00:00:00Z", [change(null, "v1")]));
    expect(event?.at).toBe("2026-11-20T09:00:00+00:00");
  });

  it("keeps past dates as git wrote them", () => {
    const [event] = events(commit("c1", "2026-11-19T10:00:00+01:00", [change(null, "v1")]));
    expect(event?.at).toBe("2026-11-19T10:00:00+01:00");
  });

  it("takes now for an unreadable date", () => {
    const [event] = events(commit("c1", "not a date", [change(null, "v1")]));
    expect(event?.at).toBe("2026-11-20T09:00:00+00:00");
  });

  it("skips a version that cannot be read, and never calls its repair a creation", () => {
    const list = events(
      commit("c1", "2026-11-17T09:00:00Z", [change(null, "v1")]),
      commit("c2", "2026-11-18T09:00:00Z", [change("v1", "broken")]),
      commit("c3", "2026-11-19T09:00:00Z", [change("broken", "v3")]),
    );
    expect(list.filter((e) => e.kind === "created").map((e) => e.commit)).toEqual(["c1"]);
    expect(list.some((e) => e.commit === "c2")).toBe(false);
  });

  it("compares a repair with the last version that could be read, so old log entries are not news", () => {
    const list = events(
      commit("c1", "2026-11-17T09:00:00Z", [change(null, "v3")]),
      commit("c2", "2026-11-18T09:00:00Z", [change("v3", "broken")]),
      commit("c3", "2026-11-19T09:00:00Z", [change("broken", "repaired")]),
    );
    expect(summary(list.filter((e) => e.commit === "c3"))).toEqual(['c3 k7m2q status: "blocked" → "done"']);
  });

  it("ignores files without an id", () => {
    expect(events(commit("c1", "2026-11-18T09:00:00Z", [change(null, "noId", "tasks/README2.md")]))).toEqual([]);
  });

  it("keeps the events of several tasks in one commit apart", () => {
    const list = events(commit("c1", "2026-11-18T09:00:00Z", [change(null, "v1"), change(null, "other", "tasks/p3x9t.md")]));
    const byTask = eventsByTask(list);
    expect([...byTask.keys()]).toEqual(["k7m2q", "p3x9t"]);
    expect(summary(byTask.get("p3x9t") ?? [])).toEqual(["c1 p3x9t created", "c1 p3x9t log bob: created"]);
  });

  it("a file moved and rewritten in one commit (S8) is a change of the task, not a deletion and a creation", () => {
    const list = events(
      commit("c1", "2026-11-17T09:00:00Z", [change(null, "v1", "tasks/k7m2q-old.md")], ["new"]),
      commit("c2", "2026-11-18T09:00:00Z", [change("v1", null, "tasks/k7m2q-old.md"), change(null, "v2", "tasks/k7m2q-new.md")]),
      commit("c3", "2026-11-19T09:00:00Z", [change("v2", "v3", "tasks/k7m2q-new.md")], ["block"]),
    );
    expect(summary(list)).toEqual([
      "c1 k7m2q created",
      "c2 k7m2q status: \"todo\" → \"in-progress\"",
      "c2 k7m2q owner: undefined → \"alice\"",
      "c2 k7m2q log alice: claimed",
      "c3 k7m2q status: \"in-progress\" → \"blocked\"",
      "c3 k7m2q labels: undefined → [\"auth\"]",
      "c3 k7m2q log alice: blocked: waiting for keys",
    ]);
    expect(list.filter((e) => e.commit === "c2").map((e) => e.path)).toEqual(["tasks/k7m2q-new.md", "tasks/k7m2q-new.md", "tasks/k7m2q-new.md"]);
  });

  it("an id deleted once and added twice in one commit is no move: both copies are created", () => {
    const list = events(
      commit("c1", "2026-11-17T09:00:00Z", [change(null, "v1", "tasks/a.md")], ["new"]),
      commit("c2", "2026-11-18T09:00:00Z", [change("v1", null, "tasks/a.md"), change(null, "v2", "tasks/b.md"), change(null, "v2", "tasks/c.md")]),
    );
    expect(summary(list).filter((line) => line.startsWith("c2"))).toEqual([
      "c2 k7m2q deleted",
      "c2 k7m2q created",
      "c2 k7m2q log alice: claimed",
      "c2 k7m2q created",
      "c2 k7m2q log alice: claimed",
    ]);
  });
});
