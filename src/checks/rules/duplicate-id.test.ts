import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { duplicateIdRule } from "./duplicate-id.js";

describe("duplicate-id", () => {
  it("tells each file that shares an id about the others", () => {
    const tasks = [makeTask({ id: "k7m2q" }, "tasks/a/k7m2q-one.md"), makeTask({ id: "k7m2q" }, "tasks/b/k7m2q-two.md"), makeTask({ id: "p3x9t" })];
    const findings = duplicateIdRule.check(context({ tasks }), { severity: "error", days: 0 });
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      ["tasks/a/k7m2q-one.md", "id k7m2q is also used by tasks/b/k7m2q-two.md"],
      ["tasks/b/k7m2q-two.md", "id k7m2q is also used by tasks/a/k7m2q-one.md"],
    ]);
    expect(findings[0]).toMatchObject({ line: 2, hint: "give one of them a new id: tasks renumber k7m2q" });
  });

  it("is silent when ids are unique", () => {
    expect(duplicateIdRule.check(context({ tasks: [makeTask({ id: "aaaaa" }), makeTask({ id: "bbbbb" })] }), { severity: "error", days: 0 })).toEqual([]);
  });
});
