import { describe, expect, it } from "vitest";
import { makeTask } from "../../../test/helpers/fixtures.js";
import { configWith, context, member } from "../../../test/helpers/tasks.js";
import { reviewWaitingRule } from "./review-waiting.js";

const settings = { severity: "warning" as const, days: 0 };
// NOW (test/helpers/tasks.ts) is Friday 20 Nov 2026, 09:00 UTC.
const config = configWith({
  team: [member("alice", "Europe/Berlin"), member("bob", "America/Los_Angeles"), member("carol", "Asia/Kathmandu", { days: [7, 1, 2, 3, 4, 5] })],
  review: { requiredFor: null, waitingAfter: { amount: 8, unit: "hour" } },
});
const inReview = (reviewer: string, stamp: string) =>
  makeTask("k7m2q", { status: "review", owner: "alice", reviewer, body: `\n## Log\n- 2026-11-16 10:00 +01:00 alice: created\n- ${stamp} alice: sent to review (reviewer ${reviewer})\n` });

describe("review-waiting", () => {
  it("counts the reviewer's working hours, not the owner's nor the clock's", () => {
    // Sent Thursday 19 Nov 16:00 Berlin (07:00 in Los Angeles, before his day): bob's 8 hours run
    // 09:00-17:00 his time, Friday 01:00 UTC; by NOW it is overdue for him.
    const [finding] = reviewWaitingRule.check(context({ tasks: [inReview("bob", "2026-11-19 16:00 +01:00")], config }), settings);
    expect(finding).toMatchObject({ rule: "review-waiting", id: "k7m2q", severity: "warning" });
    expect(finding?.message).toBe("in review since 2026-11-19T07:00:00-08:00: more than 8 working hours of bob's working time (past 2026-11-19T17:00:00-08:00)");
    expect(finding?.hint).toMatch(/tasks approve k7m2q.*tasks request-changes k7m2q/);
  });

  it("is silent inside the reviewer's hours, and without the setting", () => {
    // Sent Thursday 23:00 Berlin (14:00 in Los Angeles): 3 of bob's hours that day, and his Friday
    // has not begun at NOW (01:00 his time), though 10 hours have passed on the clock.
    expect(reviewWaitingRule.check(context({ tasks: [inReview("bob", "2026-11-19 23:00 +01:00")], config }), settings)).toEqual([]);
    expect(reviewWaitingRule.check(context({ tasks: [inReview("bob", "2026-11-02 10:00 +01:00")], config: configWith({ team: config.team }) }), settings)).toEqual([]);
  });
});
