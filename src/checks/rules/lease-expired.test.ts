import { describe, expect, it } from "vitest";
import { makeTask } from "../../../test/helpers/fixtures.js";
import { configWith, context } from "../../../test/helpers/tasks.js";
import { leaseExpiredRule } from "./lease-expired.js";

const settings = { severity: "warning" as const, days: 0 };
const task = (stamp: string) => makeTask("k7m2q", { status: "in-progress", owner: "alice", body: `\n## Log\n- ${stamp} alice: claimed\n` });

describe("lease-expired", () => {
  const config = configWith({ claims: { lease: { amount: 3, unit: "day" } } });

  it("fires once the owner's lease of working time has run out, naming renew and release", () => {
    // Claimed Monday 16 Nov 10:00 UTC: the lease ends Thursday 19 Nov 10:00; NOW is Friday 09:00.
    const [finding] = leaseExpiredRule.check(context({ tasks: [task("2026-11-16 10:00 +00:00")], config }), settings);
    expect(finding).toMatchObject({ rule: "lease-expired", severity: "warning", id: "k7m2q" });
    expect(finding?.message).toBe("alice's claim lease (3 working days) ran out at 2026-11-19T10:00:00+00:00; last change by them 2026-11-16T10:00:00+00:00");
    expect(finding?.hint).toMatch(/tasks renew k7m2q.*tasks unassign k7m2q.*tasks claim k7m2q/);
  });

  it("is silent inside the lease, and without a lease setting", () => {
    expect(leaseExpiredRule.check(context({ tasks: [task("2026-11-17 10:00 +00:00")], config }), settings)).toEqual([]);
    expect(leaseExpiredRule.check(context({ tasks: [task("2026-11-02 10:00 +00:00")] }), settings)).toEqual([]);
  });
});
