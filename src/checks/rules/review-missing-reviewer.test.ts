import { describe, expect, it } from "vitest";
import { makeTask } from "../../../test/helpers/fixtures.js";
import { configWith, context } from "../../../test/helpers/tasks.js";
import { reviewMissingReviewerRule } from "./review-missing-reviewer.js";
import { reviewerIsOwnerRule } from "./reviewer-is-owner.js";

const settings = { severity: "warning" as const, days: 0 };
const config = configWith({ review: { requiredFor: { priorities: ["high"], labels: ["security"] }, waitingAfter: null } });

describe("review-missing-reviewer", () => {
  it("flags open work of a required priority or label without a reviewer, saying why", () => {
    const tasks = [
      makeTask("aaaaa", { status: "in-progress", priority: "high" }),
      makeTask("bbbbb", { status: "todo", labels: ["security", "auth"] }),
      makeTask("ccccc", { status: "todo", priority: "high", reviewer: "bob" }),
      makeTask("ddddd", { status: "done", priority: "high" }),
      makeTask("eeeee", { status: "todo", priority: "low", labels: ["auth"] }),
    ];
    const findings = reviewMissingReviewerRule.check(context({ tasks, config }), settings);
    expect(findings.map((f) => [f.id, f.message])).toEqual([
      ["aaaaa", "needs a reviewer (priority high; review: required-for: in .tasks/config.yml) and has none"],
      ["bbbbb", "needs a reviewer (label security; review: required-for: in .tasks/config.yml) and has none"],
    ]);
    expect(reviewMissingReviewerRule.check(context({ tasks }), settings)).toEqual([]);
  });
});

describe("reviewer-is-owner", () => {
  it("flags a task whose reviewer is its owner", () => {
    const tasks = [makeTask("aaaaa", { status: "review", owner: "bob", reviewer: "bob" }), makeTask("bbbbb", { status: "review", owner: "alice", reviewer: "bob" })];
    expect(reviewerIsOwnerRule.check(context({ tasks }), settings).map((f) => f.id)).toEqual(["aaaaa"]);
  });
});
