import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { danglingDependencyRule } from "./dangling-dependency.js";

describe("dangling-dependency", () => {
  it("flags each id no task has, once, on the depends-on line", () => {
    const tasks = [makeTask({ id: "aaaaa", "depends-on": ["bbbbb", "zzzzz", "zzzzz"] }), makeTask({ id: "bbbbb", status: "done" })];
    const findings = danglingDependencyRule.check(context({ tasks }), { severity: "error", days: 0 });
    expect(findings).toEqual([expect.objectContaining({ id: "aaaaa", line: 5, message: "depends on zzzzz, which no task has" })]);
  });

  it("does not blame a dependency whose file exists but cannot be read (invalid-file reports it)", () => {
    const tasks = [makeTask({ id: "aaaaa", "depends-on": ["ccccc"] })];
    const problems = [{ path: "tasks/2026-11/ccccc-broken.md", line: 2, kind: "yaml" as const, message: "invalid YAML" }];
    expect(danglingDependencyRule.check(context({ tasks, problems }), { severity: "error", days: 0 })).toEqual([]);
  });

  it("is silent when every dependency exists", () => {
    const tasks = [makeTask({ id: "aaaaa", "depends-on": ["bbbbb"] }), makeTask({ id: "bbbbb" })];
    expect(danglingDependencyRule.check(context({ tasks }), { severity: "error", days: 0 })).toEqual([]);
  });
});
