import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { ownerlessRule } from "./ownerless.js";

const run = (...tasks: ReturnType<typeof makeTask>[]) => ownerlessRule.check(context({ tasks }), { severity: "error", days: 0 });

describe("ownerless", () => {
  it.each([
    ["todo", null, true],
    ["in-progress", null, true],
    ["blocked", "", true],
    ["review", "   ", true],
    ["done", null, false],
    ["dropped", null, false],
    ["in-progress", "alice", false],
    ["mystery", null, false], // unknown-status speaks for that one
  ])("status %s, owner %j → fires: %s", (status, owner, fires) => {
    expect(run(makeTask({ status, owner })).length).toBe(fires ? 1 : 0);
  });

  it("points at the owner line, names the task and says how to fix it", () => {
    const [finding] = run(makeTask({ id: "k7m2q", title: "Fix login", status: "todo", owner: null }));
    expect(finding).toMatchObject({ rule: "ownerless", severity: "error", path: "tasks/2026-11/k7m2q-task.md", line: 5, id: "k7m2q", title: "Fix login" });
    expect(finding?.message).toBe("open task (status todo) has no owner");
    expect(finding?.hint).toContain("tasks assign k7m2q");
  });

  it("falls back to the title line when there is no owner key at all", () => {
    const [finding] = run(makeTask({ status: "todo" }));
    expect(finding?.line).toBe(3);
  });

  it("uses the configured severity", () => {
    const findings = ownerlessRule.check(context({ tasks: [makeTask({})] }), { severity: "warning", days: 0 });
    expect(findings[0]?.severity).toBe("warning");
  });
});
