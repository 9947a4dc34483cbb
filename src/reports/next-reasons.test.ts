import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/fixtures.js";
import { type Config, DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS } from "../domain/config.js";
import type { Exclusion, QueueEntry } from "../domain/ready-queue.js";
import { exclusionsText, exclusionText, workableReason } from "./next-reasons.js";

const config: Config = { ...DEFAULT_CONFIG, team: [{ handle: "alice", name: null, emails: ["alice@example.com"], timezone: "Europe/Berlin", hours: DEFAULT_HOURS, days: DEFAULT_DAYS }] };
const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;

function entry(fields: Partial<QueueEntry>): QueueEntry {
  return { rank: 1, task: makeTask("a1"), overdue: false, dueAt: null, zone: "UTC", zoneOwner: null, priorityRank: null, createdAt: null, mine: false, takeover: null, ...fields };
}

describe("workableReason", () => {
  it.each<[string, Partial<QueueEntry>, string, string]>([
    ["overdue in the owner's zone, named by handle", { overdue: true, dueAt: NOW.getTime() - 2 * DAY, zone: "Europe/Berlin", zoneOwner: "alice", task: makeTask("a1", { priority: "high", owner: "alice" }), priorityRank: 2, createdAt: NOW.getTime() - 12 * DAY }, "bob", "overdue by 2 days in alice's zone (Europe/Berlin); priority high; created 12 days ago"],
    ["mine reads as your zone", { overdue: true, dueAt: NOW.getTime() - 3 * 3_600_000, zone: "Europe/Berlin", zoneOwner: "alice", mine: true }, "alice@example.com", "overdue by 3 h in your zone (Europe/Berlin); no priority; no created date; assigned to you"],
    ["not overdue: priority before the due", { dueAt: NOW.getTime() + 5 * DAY, task: makeTask("a1", { priority: "low" }), priorityRank: 0, createdAt: NOW.getTime() - 30_000 }, "bob", "priority low; due in 5 days in the team's zone (UTC); created just now"],
    ["a takeover names the owner and when the lease ran out, in their zone", { takeover: { owner: "alice", expiredAt: Date.parse("2026-11-19T09:00:00Z") }, createdAt: NOW.getTime() - DAY }, "bob", "lease expired: @alice since 2026-11-19T10:00:00+01:00 (tasks claim takes it over); no priority; no due date; created 24 h ago"],
    ["an unconfigured priority says it sorts last", { task: makeTask("a1", { priority: "p0" }), createdAt: NOW.getTime() + DAY }, "bob", "priority p0 (not a configured priority, so last); no due date; created in the future"],
  ])("%s", (_name, fields, me, text) => {
    expect(workableReason(entry(fields), { config, me, now: NOW })).toBe(text);
  });
});

describe("exclusionText", () => {
  it.each<[Exclusion, string]>([
    [{ kind: "closed", status: "dropped" }, "closed (dropped)"],
    [{ kind: "active", status: "review" }, "already in progress (review)"],
    [{ kind: "blocked", status: "blocked", reason: "waiting for keys" }, "blocked: waiting for keys"],
    [{ kind: "blocked", status: "on-hold", reason: null }, "blocked (on-hold, no reason given)"],
    [{ kind: "unknown-status", status: "mystery" }, "status mystery is not configured"],
    [{ kind: "claimed", owner: "bob" }, "claimed by bob"],
    [{ kind: "claimed", owner: "bob", away: { to: "2027-01-03", note: "family" } }, "claimed by bob, who is away until 2027-01-03 (family)"],
    [{ kind: "depends-on", id: "k7m2q", status: "todo" }, "depends on k7m2q (todo)"],
    [{ kind: "depends-on", id: "zz", status: null }, "depends on zz (no such task)"],
  ])("%j", (exclusion, text) => {
    expect(exclusionText(exclusion)).toBe(text);
  });

  it("joins several reasons", () => {
    expect(exclusionsText([{ kind: "claimed", owner: "bob" }, { kind: "depends-on", id: "k7", status: "review" }])).toBe("claimed by bob; depends on k7 (review)");
  });
});
