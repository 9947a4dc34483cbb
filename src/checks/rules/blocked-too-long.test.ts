import { describe, expect, it } from "vitest";
import { configWith, context, historyFacts, makeTask, member } from "../../../test/helpers/tasks.js";
import { blockedTooLongRule } from "./blocked-too-long.js";

const PATH = "tasks/2026-11/aaaaa-task.md";
const settings = { severity: "warning" as const, days: 10 };

function run(blockedSince: string | null, status = "blocked", since = "2026-11-10T09:00:00Z", uncommitted: string[] = []) {
  const history = historyFacts(since, blockedSince ? { [PATH]: { blockedSince } } : {}, uncommitted);
  return blockedTooLongRule.check(context({ tasks: [makeTask({ status, owner: "alice" })], history }), settings);
}

describe("blocked-too-long", () => {
  it("is silent for a task blocked inside the window", () => {
    expect(run("2026-11-15T12:00:00Z")).toEqual([]);
    // Ten of alice's working days (Mon 9 to Fri 20 Nov, 09:00 UTC) are not more than ten.
    expect(run("2026-11-06T09:00:00Z")).toEqual([]);
    expect(run("2026-11-06T08:59:00Z")[0]?.message).toBe("blocked for 11 of alice's working days (since 2026-11-06); the limit is 10");
  });

  it("fires for a task with no start of its blocked spell in the window: it began before", () => {
    const [finding] = run(null);
    expect(finding).toMatchObject({ rule: "blocked-too-long", severity: "warning", line: 4 });
    expect(finding?.message).toBe("blocked for more than 10 of alice's working days (since before 2026-11-10)");
  });

  it("gives the exact age when a wider window (read for stale) saw the start", () => {
    expect(run("2026-11-03T09:00:00Z", "blocked", "2026-11-01T00:00:00Z")[0]?.message).toBe("blocked for 13 of alice's working days (since 2026-11-03); the limit is 10");
  });

  it("does not count the owner's time off", () => {
    const config = configWith({ team: [member("alice", "UTC", { away: [{ from: "2026-11-09", to: "2026-11-13", note: null, start: Date.parse("2026-11-09T00:00:00Z"), end: Date.parse("2026-11-14T00:00:00Z") }] })] });
    const history = historyFacts("2026-11-01T00:00:00Z", { [PATH]: { blockedSince: "2026-11-03T09:00:00Z" } });
    // 13 working days less the week away: 8.
    expect(blockedTooLongRule.check(context({ tasks: [makeTask({ status: "blocked", owner: "alice" })], history, config }), settings)).toEqual([]);
  });

  it("ignores tasks that are not blocked, or being changed now", () => {
    expect(run(null, "in-progress")).toEqual([]);
    expect(run(null, "blocked", "2026-11-10T09:00:00Z", [PATH])).toEqual([]);
  });
});
