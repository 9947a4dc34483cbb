import { describe, expect, it } from "vitest";
import { configWith, context, makeTask } from "../../../test/helpers/tasks.js";
import { unknownStatusRule } from "./unknown-status.js";

describe("unknown-status", () => {
  it("flags a status the configuration does not list, on the status line, listing the valid ones", () => {
    const findings = unknownStatusRule.check(context({ tasks: [makeTask({ status: "doing" }), makeTask({ id: "bbbbb", status: "todo" })] }), { severity: "error", days: 0 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: "aaaaa", line: 4, message: 'status "doing" is not in the configuration' });
    expect(findings[0]?.hint).toContain("todo, in-progress, review, blocked, done, dropped");
  });

  it("follows the configured statuses", () => {
    const config = configWith({ statuses: [{ name: "doing", category: "active" }, { name: "todo", category: "open" }, { name: "shipped", category: "closed" }] });
    const findings = unknownStatusRule.check(context({ config, tasks: [makeTask({ status: "doing" }), makeTask({ id: "bbbbb", status: "done" })] }), { severity: "error", days: 0 });
    expect(findings.map((f) => f.id)).toEqual(["bbbbb"]);
  });
});
