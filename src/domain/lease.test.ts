import { describe, expect, it } from "vitest";
import { validateConfig } from "../storage/config-store.js";
import { makeTask } from "../../test/helpers/fixtures.js";
import type { Config } from "./config.js";
import { leaseState } from "./lease.js";
import { claimTask, renewTask } from "./transitions.js";
import { durationMillis, parseWorkingDuration, workingDeadline, workingMillisBetween, defaultSchedule } from "./working-time.js";

/** Claim leases in the owner's working time: weekends (whichever days they are), holidays and time off pause them. */

const config: Config = validateConfig({
  claims: { lease: "3 working days" },
  team: {
    bishnu: { timezone: "Asia/Kathmandu", days: ["sun", "mon", "tue", "wed", "thu", "fri"], hours: "10:00-17:00" },
    anna: { timezone: "Europe/Berlin", away: ["2026-11-23..2026-11-27"] },
  },
} as never).config;

const claimed = (owner: string, stamp: string, status = "in-progress") => makeTask("k7m2q", { status, owner, body: `\n## Log\n- ${stamp} ${owner}: claimed\n` });
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe("working durations", () => {
  it.each([
    ["3 working days", { amount: 3, unit: "day" }],
    ["4 working hours", { amount: 4, unit: "hour" }],
    ["1 day", { amount: 1, unit: "day" }],
    ["2.5h", { amount: 2.5, unit: "hour" }],
  ])("reads %j", (text, duration) => expect(parseWorkingDuration(text)).toEqual(duration));

  it.each(["", "three days", "0 days", "3 weeks", "-1 days"])("refuses %j", (text) => expect(parseWorkingDuration(text)).toBeUndefined());

  it("a working day is the length of the window; a deadline skips the night and the weekend", () => {
    const utc = defaultSchedule("UTC");
    expect(durationMillis({ amount: 1, unit: "day" }, utc)).toBe(8 * 3_600_000);
    // Friday 15:00 + 4 working hours: 2 on Friday, 2 on Monday.
    expect(iso(workingDeadline(Date.parse("2026-11-20T15:00:00Z"), 4 * 3_600_000, utc))).toBe("2026-11-23T11:00:00.000Z");
    expect(workingMillisBetween(Date.parse("2026-11-20T15:00:00Z"), Date.parse("2026-11-23T11:00:00Z"), utc)).toBe(4 * 3_600_000);
  });
});

describe("leaseState", () => {
  it("expires over a Kathmandu weekend (Saturday only): Wednesday 12:00 + 3 days is Sunday 12:00 NPT", () => {
    // Wed 2 Dec 12:00 NPT (06:15Z); Thu, Fri, (Sat off), Sun 12:00.
    const task = claimed("bishnu", "2026-12-02 12:00 +05:45");
    expect(iso(leaseState(task, config, new Date("2026-12-06T06:00:00Z"))?.expiresAt)).toBe("2026-12-06T06:15:00.000Z");
    expect(leaseState(task, config, new Date("2026-12-06T06:14:00Z"))?.expired).toBe(false);
    expect(leaseState(task, config, new Date("2026-12-06T06:15:00Z"))?.expired).toBe(true);
  });

  it("is paused while the owner is away", () => {
    // Thu 19 Nov 10:00 CET; Fri, (away 23–27), Mon 30, Tue 1 Dec 10:00.
    const task = claimed("anna", "2026-11-19 10:00 +01:00");
    expect(iso(leaseState(task, config, new Date("2026-11-28T00:00:00Z"))?.expiresAt)).toBe("2026-12-01T09:00:00.000Z");
    expect(leaseState(task, config, new Date("2026-11-28T00:00:00Z"))?.expired).toBe(false);
  });

  it("runs from the owner's latest entry; a stamp in the future counts as now", () => {
    const task = makeTask("k7m2q", { status: "in-progress", owner: "anna", body: "\n## Log\n- 2026-11-02 10:00 +01:00 anna: claimed\n- 2026-11-10 10:00 +01:00 bob: a comment\n- 2030-01-01 10:00 +01:00 anna: forged\n" });
    const now = new Date("2026-11-16T12:00:00Z");
    expect(leaseState(task, config, now)).toMatchObject({ since: now.getTime(), expired: false });
  });

  it("has none without a lease setting, for open, closed and review tasks, and without an owner", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(leaseState(claimed("anna", "2026-11-02 10:00 +01:00"), { ...config, claims: { lease: null } }, now)).toBeUndefined();
    for (const status of ["todo", "done", "review"]) expect(leaseState(claimed("anna", "2026-11-02 10:00 +01:00", status), config, now)).toBeUndefined();
  });
});

describe("claims and leases", () => {
  const task = claimed("anna", "2026-11-02 10:00 +01:00");

  it("an expired lease lets someone else claim without --force, a takeover naming the previous owner", () => {
    expect(() => claimTask(task, { config, me: "bishnu" }, { force: false })).toThrow(/held by anna/);
    expect(claimTask(task, { config, me: "bishnu" }, { force: false, leaseExpired: true })).toMatchObject({
      log: "claimed (taken over from anna: their claim lease expired)",
      trailers: [["Task-Takeover", "anna"]],
    });
  });

  it("renew is the owner's alone", () => {
    expect(renewTask(task, { config, me: "anna" })).toMatchObject({ action: "renew", log: "claim renewed" });
    expect(() => renewTask(task, { config, me: "bishnu" })).toThrow(/held by anna; only they can renew/);
  });
});
