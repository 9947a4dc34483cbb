import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/fixtures.js";
import { configWith, member } from "../../test/helpers/tasks.js";
import { TasksError } from "../app/errors.js";
import { approveTask, changesRequestedIn, requestChanges, reviewerRequired, submitForReview } from "./review.js";

const config = configWith({ team: [member("alice", "Europe/Berlin"), member("bob", "America/New_York")] });
const as = (me: string) => ({ config, me });
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof TasksError ? `${error.code}: ${error.message}` : String(error);
  }
  return undefined;
};

describe("submitForReview", () => {
  it("moves the task to review, naming the reviewer in the log and a trailer", () => {
    expect(submitForReview(makeTask("k7m2q", { status: "in-progress", owner: "alice" }), as("alice"), "bob")).toEqual({
      action: "review",
      edits: [{ key: "status", value: "review" }, { key: "reviewer", value: "bob" }],
      log: "sent to review (reviewer bob)",
      trailers: [["Task-Reviewer", "bob"]],
    });
    expect(submitForReview(makeTask("k7m2q", { status: "review", owner: "alice", reviewer: "bob" }), as("alice"))).toBeNull();
  });

  it.each([
    ["no reviewer", makeTask("k7m2q", { status: "in-progress", owner: "alice" }), undefined, /INVALID_TRANSITION: k7m2q has no reviewer/],
    ["the owner as reviewer", makeTask("k7m2q", { status: "in-progress", owner: "alice" }), "alice@example.com", /alice@example.com owns k7m2q and cannot also review it/],
    ["a closed task", makeTask("k7m2q", { status: "done", owner: "alice", reviewer: "bob" }), undefined, /a closed task cannot be sent to review/],
  ])("refuses %s", (_name, task, reviewer, expected) => {
    expect(codeOf(() => submitForReview(task, as("alice"), reviewer))).toMatch(expected);
  });
});

describe("verdicts", () => {
  const inReview = makeTask("k7m2q", { status: "review", owner: "alice", reviewer: "bob" });

  it("approve keeps the status and writes Task-Approved-By; request-changes goes back to in-progress", () => {
    expect(approveTask(inReview, as("bob"), "tested")).toEqual({ action: "approve", edits: [], log: "approved: tested", commitBody: ["Approved: tested"], trailers: [["Task-Approved-By", "bob"]] });
    expect(requestChanges(inReview, as("bob@example.com"), "no tests")).toMatchObject({ edits: [{ key: "status", value: "in-progress" }], log: "changes requested: no tests", trailers: [["Task-Changes-Requested-By", "bob"]] });
  });

  it.each([
    ["someone else", inReview, "alice", /NOT_THE_REVIEWER: only bob, the reviewer of k7m2q, can approve it \(you are alice\)/],
    ["a task not in review", makeTask("k7m2q", { status: "in-progress", owner: "alice", reviewer: "bob" }), "bob", /k7m2q is in-progress, not in review/],
    ["a task without a reviewer", makeTask("k7m2q", { status: "review", owner: "alice" }), "bob", /has no reviewer/],
    ["a reviewer who owns it", makeTask("k7m2q", { status: "review", owner: "bob", reviewer: "bob" }), "bob", /bob owns k7m2q and cannot also review it/],
  ])("refuses %s", (_name, task, me, expected) => {
    expect(codeOf(() => approveTask(task, as(me)))).toMatch(expected);
  });
});

describe("what the standup and check read", () => {
  it("changes requested counts until the task is sent to review again", () => {
    const log = (...lines: string[]) => makeTask("k7m2q", { status: "in-progress", owner: "alice", reviewer: "bob", body: `\n## Log\n${lines.map((l) => `- ${l}\n`).join("")}` });
    const asked = "2026-11-16 12:00 -05:00 bob: changes requested: no tests";
    expect(changesRequestedIn(log("2026-11-16 10:00 +01:00 alice: sent to review (reviewer bob)", asked))).toEqual({ at: "2026-11-16T12:00:00-05:00", who: "bob", reason: "no tests" });
    expect(changesRequestedIn(log(asked, "2026-11-17 10:00 +01:00 alice: sent to review (reviewer bob)"))).toBeUndefined();
  });

  it("a reviewer is required by priority or by label", () => {
    const required = configWith({ review: { requiredFor: { priorities: ["high"], labels: ["security"] }, waitingAfter: null } });
    expect(reviewerRequired(makeTask("a", { priority: "high" }), required)).toBe(true);
    expect(reviewerRequired(makeTask("a", { labels: ["security"] }), required)).toBe(true);
    expect(reviewerRequired(makeTask("a", { priority: "low", labels: ["ops"] }), required)).toBe(false);
    expect(reviewerRequired(makeTask("a", { priority: "high" }), config)).toBe(false);
  });
});
