import { describe, expect, it } from "vitest";
import { makeTask, thrownTasksError } from "../../test/helpers/fixtures.js";
import { type Config, DEFAULT_CONFIG } from "./config.js";
import type { Task } from "./task.js";
import {
  assignTask,
  blockTask,
  changeStatus,
  claimTask,
  commentOnTask,
  completeTask,
  type StatusVerb,
  targetStatus,
  unassignTask,
  unblockTask,
} from "./transitions.js";

const config = DEFAULT_CONFIG;

function task(fields: Partial<Omit<Task, "id">> = {}): Task {
  return makeTask("k7m2q", { title: "Fix login", ...fields });
}

describe("claimTask", () => {
  const me = { config, me: "alice" };

  it.each([
    ["an open, unowned task: owner and first active status", task(), [{ key: "owner", value: "alice" }, { key: "status", value: "in-progress" }], "claimed"],
    ["a task in review stays in review", task({ status: "review" }), [{ key: "owner", value: "alice" }], "claimed"],
    ["a blocked task stays blocked", task({ status: "blocked" }), [{ key: "owner", value: "alice" }], "claimed"],
    ["my own open task only starts", task({ owner: "alice" }), [{ key: "status", value: "in-progress" }], "claimed"],
    ["someone else's with --force, saying so", task({ owner: "bob", status: "in-progress" }), [{ key: "owner", value: "alice" }], "claimed (taken over from bob)"],
    ["an unknown status moves to the first active one", task({ status: "mystery" }), [{ key: "owner", value: "alice" }, { key: "status", value: "in-progress" }], "claimed"],
  ])("%s", (_name, t, edits, log) => {
    const takeover = t.owner !== null && t.owner !== "alice";
    expect(claimTask(t, me, { force: true })).toEqual({ action: "claim", edits, log, ...(takeover ? { trailers: [["Task-Takeover", t.owner]] } : {}) });
  });

  it("does nothing when I already hold the active task", () => {
    expect(claimTask(task({ owner: "alice", status: "in-progress" }), me, { force: false })).toBeNull();
  });

  it("refuses someone else's task without --force (exit 4) and names the holder", () => {
    const error = thrownTasksError(() => claimTask(task({ owner: "bob" }), me, { force: false }));
    expect(error).toMatchObject({ code: "ALREADY_CLAIMED", message: "k7m2q is held by bob", details: { owner: "bob" } });
    expect(error.exitCode).toBe(4);
    expect(error.hint).toMatch(/--force/);
  });

  it.each(["done", "dropped"])("refuses a %s task even with --force", (status) => {
    expect(thrownTasksError(() => claimTask(task({ status }), me, { force: true })).code).toBe("INVALID_TRANSITION");
  });

  it("explains a configuration without an active status", () => {
    const noActive: Config = { ...config, statuses: config.statuses.filter((s) => s.category !== "active") };
    expect(thrownTasksError(() => claimTask(task(), { config: noActive, me: "alice" }, { force: false })).message).toMatch(/no active status/);
  });
});

describe("assignTask and unassignTask", () => {
  it.each([
    ["assigns", () => assignTask(task(), "bob"), { action: "assign", edits: [{ key: "owner", value: "bob" }], log: "assigned to bob" }],
    ["reassigns", () => assignTask(task({ owner: "alice" }), "bob"), { action: "assign", edits: [{ key: "owner", value: "bob" }], log: "assigned to bob" }],
    ["does nothing for the same owner", () => assignTask(task({ owner: "bob" }), "bob"), null],
    ["unassigns, clearing to null", () => unassignTask(task({ owner: "bob" })), { action: "unassign", edits: [{ key: "owner", value: null }], log: "unassigned (was bob)" }],
    ["does nothing when unowned", () => unassignTask(task()), null],
  ])("%s", (_name, run, expected) => {
    expect(run()).toEqual(expected);
  });
});

describe("status changes", () => {
  it.each<[StatusVerb, string | undefined, string]>([
    ["start", undefined, "in-progress"],
    ["review", undefined, "review"],
    ["reopen", undefined, "todo"],
    ["drop", undefined, "dropped"],
    ["status", "blocked", "blocked"],
  ])("%s → %s", (verb, requested, status) => {
    expect(targetStatus(config, verb, requested)).toBe(status);
  });

  it.each<[StatusVerb, Task, string | undefined, string]>([
    ["start", task(), undefined, "started"],
    ["review", task({ status: "in-progress" }), undefined, "sent to review"],
    ["reopen", task({ status: "done" }), undefined, "reopened"],
    ["drop", task(), undefined, "dropped"],
    ["status", task(), "review", "status todo → review"],
  ])("%s logs what happened", (verb, t, requested, log) => {
    expect(changeStatus(t, config, verb, requested)).toMatchObject({ action: verb, log, edits: [{ key: "status" }] });
  });

  it("does nothing when the status is already the target", () => {
    expect(changeStatus(task({ status: "in-progress" }), config, "start")).toBeNull();
  });

  it.each([
    ["an unknown status", () => changeStatus(task(), config, "status", "doing"), "INVALID_VALUE", /unknown status "doing"/],
    ["no status at all", () => changeStatus(task(), config, "status"), "INVALID_VALUE", /unknown status/],
    ["review without a review status", () => targetStatus({ ...config, statuses: config.statuses.filter((s) => s.name !== "review") }, "review"), "INVALID_VALUE", /no status named "review"/],
    ["closing past the definition of done", () => changeStatus(task({ definitionOfDone: ["tests"] }), config, "status", "done"), "DOD_NOT_MET", /tasks done/],
  ])("refuses %s", (_name, run, code, message) => {
    const error = thrownTasksError(run);
    expect(error.code).toBe(code);
    expect(error.message + (error.hint ?? "")).toMatch(message);
  });

  it("lets `status done` close a task without a definition of done, and drop one that has it", () => {
    expect(changeStatus(task(), config, "status", "done")?.edits).toEqual([{ key: "status", value: "done" }]);
    expect(changeStatus(task({ definitionOfDone: ["tests"] }), config, "status", "dropped")?.edits).toEqual([{ key: "status", value: "dropped" }]);
  });
});

describe("blockTask and unblockTask", () => {
  it("blocks with a reason, recorded in the log and the commit", () => {
    expect(blockTask(task({ status: "in-progress" }), config, "waiting for keys", undefined)).toEqual({
      action: "block",
      edits: [{ key: "status", value: "blocked" }],
      log: "blocked: waiting for keys",
      commitBody: ["Blocked: waiting for keys"],
    });
  });

  it("adds the blocking task to depends-on once", () => {
    expect(blockTask(task({ dependsOn: ["a1"] }), config, "r", "p3x9t").edits).toEqual([
      { key: "status", value: "blocked" },
      { key: "depends-on", value: ["a1", "p3x9t"] },
    ]);
    expect(blockTask(task({ status: "blocked", dependsOn: ["p3x9t"] }), config, "r", "p3x9t")).toMatchObject({ edits: [], log: "blocked: r (on p3x9t)" });
  });

  it("unblocks to the first active status", () => {
    expect(unblockTask(task({ status: "blocked" }), config)).toEqual({ action: "unblock", edits: [{ key: "status", value: "in-progress" }], log: "unblocked" });
  });

  it("refuses to block a closed task instead of reopening it", () => {
    for (const status of ["done", "dropped"]) {
      expect(thrownTasksError(() => blockTask(task({ status }), config, "r", undefined)).code).toBe("INVALID_TRANSITION");
    }
  });

  it("refuses to unblock a task that is not blocked", () => {
    expect(thrownTasksError(() => unblockTask(task({ status: "todo" }), config)).code).toBe("INVALID_TRANSITION");
  });
});

describe("completeTask", () => {
  it.each([
    ["without a definition of done", task(), "done"],
    ["with every criterion confirmed", task({ definitionOfDone: ["a", "b"] }), "done; definition of done confirmed (2/2)"],
  ])("closes %s", (_name, t, log) => {
    expect(completeTask(t, config, { kind: "confirmed" })).toEqual({ action: "done", edits: [{ key: "status", value: "done" }], log });
  });

  it("records an override in the log, the commit body and a trailer", () => {
    expect(completeTask(task({ definitionOfDone: ["a"] }), config, { kind: "override", reason: "shipped by ops" })).toEqual({
      action: "done",
      edits: [{ key: "status", value: "done" }],
      log: "done; definition of done overridden: shipped by ops",
      commitBody: ["Definition of done overridden: shipped by ops"],
      trailers: [["Task-Override", "shipped by ops"]],
    });
  });

  it("does nothing for a task already done, and closes a dropped one", () => {
    expect(completeTask(task({ status: "done" }), config, { kind: "confirmed" })).toBeNull();
    expect(completeTask(task({ status: "dropped" }), config, { kind: "confirmed" })?.edits).toEqual([{ key: "status", value: "done" }]);
  });
});

describe("commentOnTask", () => {
  it("logs the text without edits", () => {
    expect(commentOnTask("looked at it")).toEqual({ action: "comment", edits: [], log: "looked at it" });
  });

  it.each(["", "  \n\t "])("refuses an empty comment %j", (text) => {
    expect(thrownTasksError(() => commentOnTask(text)).code).toBe("USAGE");
  });
});
