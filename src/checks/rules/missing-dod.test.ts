import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { missingDodRule } from "./missing-dod.js";

describe("missing-dod", () => {
  it.each([
    ["todo", [], true],
    ["in-progress", null, true],
    ["review", ["  "], true],
    ["blocked", [], false],
    ["done", [], false],
    ["todo", ["Tests pass"], false],
  ])("status %s, dod %j → fires: %s", (status, dod, fires) => {
    const task = makeTask({ status, "definition-of-done": dod });
    const findings = missingDodRule.check(context({ tasks: [task] }), { severity: "warning", days: 0 });
    expect(findings.length).toBe(fires ? 1 : 0);
    if (fires) expect(findings[0]).toMatchObject({ rule: "missing-dod", severity: "warning", line: 5 });
  });
});
