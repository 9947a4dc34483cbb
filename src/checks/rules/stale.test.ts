import { describe, expect, it } from "vitest";
import { configWith, context, historyFacts, makeTask, member } from "../../../test/helpers/tasks.js";
import type { RuleSettings } from "../rule.js";
import { staleRule } from "./stale.js";

// NOW: Friday 2026-11-20 09:00Z. Alice works Mon–Fri in Berlin (her Friday began at 08:00Z);
// Sam works Sun–Thu in Dubai.
const config = configWith({ team: [member("alice", "Europe/Berlin"), member("sam", "Asia/Dubai", { days: [7, 1, 2, 3, 4] })] });
const warnAt5: RuleSettings = { severity: "warning", days: 5 };
const PATH = "tasks/2026-11/aaaaa-task.md";

function run(lastChange: string | null, fields: Record<string, string> = {}, settings = warnAt5, uncommitted: string[] = []) {
  const task = makeTask({ status: "in-progress", owner: "alice", ...fields });
  const history = historyFacts("2026-11-09T08:00:00Z", lastChange ? { [PATH]: { lastChange } } : {}, uncommitted);
  return staleRule.check(context({ config, tasks: [task], history }), settings);
}

describe("stale", () => {
  it.each([
    // last change            working days since (alice)   finding
    ["2026-11-17T10:00:00Z", "3 (Wed, Thu, Fri)", null],
    ["2026-11-13T10:00:00Z", "5 (Mon–Fri)", "warning"],
    ["2026-11-12T10:00:00Z", "6", "warning"],
    ["2026-11-06T10:00:00Z", "10", "error"],
  ])("changed %s: %s → %s", (lastChange, _why, severity) => {
    const findings = run(lastChange);
    expect(findings.map((f) => f.severity)).toEqual(severity ? [severity] : []);
  });

  it("counts the owner's working days, not calendar days: a weekend does not age a task", () => {
    // From Friday evening to the next Friday morning: seven calendar days, five of alice's working days.
    expect(run("2026-11-13T16:00:00Z")[0]?.message).toBe("no change for 5 of alice's working days (last on 2026-11-13); stale after 5");
  });

  it("counts in another owner's week (Sunday to Thursday in Dubai)", () => {
    // Since Thu 12 Nov 10:00Z (14:00 Dubai): Sun 15, Mon 16, Tue 17, Wed 18, Thu 19 began → 5. Friday is Sam's weekend.
    expect(run("2026-11-12T10:00:00Z", { owner: "sam" })[0]?.message).toMatch(/^no change for 5 of sam's working days/);
  });

  it("treats no commit in the window as at least 2N working days: an error", () => {
    const [finding] = run(null);
    expect(finding).toMatchObject({ severity: "error", line: 4 });
    expect(finding?.message).toBe("no change for at least 10 of alice's working days (nothing since 2026-11-09); stale after 5");
  });

  it("is an error from N on when configured so", () => {
    expect(run("2026-11-12T10:00:00Z", {}, { severity: "error", days: 5 })[0]?.severity).toBe("error");
  });

  it("leaves alone tasks being changed right now, and tasks that are not active", () => {
    expect(run(null, {}, warnAt5, [PATH])).toEqual([]);
    expect(run(null, { status: "todo" })).toEqual([]);
    expect(run(null, { status: "blocked" })).toEqual([]);
  });

  it("does nothing without history (shallow clone, or the rule not asked for)", () => {
    expect(staleRule.check(context({ config, tasks: [makeTask({ status: "in-progress" })] }), warnAt5)).toEqual([]);
  });

  it("names the team's schedule for an ownerless task", () => {
    expect(run("2026-11-12T10:00:00Z", { owner: "" })[0]?.message).toContain("of the team's (UTC) working days");
  });
});
