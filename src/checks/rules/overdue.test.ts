import { describe, expect, it } from "vitest";
import { configWith, context, makeTask, member } from "../../../test/helpers/tasks.js";
import { overdueRule } from "./overdue.js";

// 03:00Z: 19:00 on the 19th in Los Angeles, noon on the 20th in Tokyo.
const now = new Date("2026-11-20T03:00:00Z");
const config = configWith({ team: [member("ana", "America/Los_Angeles"), member("ken", "Asia/Tokyo")] });
const run = (fields: Record<string, string | null>) =>
  overdueRule.check(context({ config, now, tasks: [makeTask({ status: "todo", owner: "ana", ...fields })] }), { severity: "warning", days: 0 });

describe("overdue", () => {
  it.each([
    [{ due: "2026-11-19", owner: "ken" }, true], // Tokyo's 19th ended at 15:00Z on the 19th
    [{ due: "2026-11-19", owner: "ana" }, false], // Los Angeles is still on the 19th
    [{ due: "2026-11-20T02:59:00Z" }, true],
    [{ due: "2026-11-20T03:01:00Z" }, false],
    [{ due: "2026-11-01", status: "done" }, false],
    [{ due: null }, false],
    [{ due: "2026-11-01", status: "blocked" }, true],
  ])("%j → fires: %s", (fields, fires) => {
    expect(run(fields).length).toBe(fires ? 1 : 0);
  });

  it("says when it was due, in which zone, and how long ago", () => {
    const [finding] = run({ due: "2026-11-10", owner: "ken" });
    expect(finding).toMatchObject({ rule: "overdue", line: 6 });
    expect(finding?.message).toBe("was due 2026-11-10 (Asia/Tokyo), 9 days ago");
  });

  it("says less than a day for something just missed", () => {
    expect(run({ due: "2026-11-20T02:00:00Z" })[0]?.message).toContain("less than a day ago");
  });

  it("reads a date in the repository's zone (UTC here) for owners off the roster", () => {
    expect(run({ due: "2026-11-19", owner: "someone@else.example" })).toHaveLength(1);
  });
});
