import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, ROSTER } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

/**
 * Claim leases end to end: `claims: lease: 3 working days` in the config; a claim its owner leaves
 * alone runs out in their working time (their away week pauses it); `check` reports it, their
 * standup lists it under "Renew or release", `tasks renew` restarts it, and once it has run out
 * someone else claims it without --force, recorded as a takeover naming the previous owner.
 */

describe("claim leases", () => {
  it("expire in the owner's working time; check, standup, renew and a takeover without --force", async () => {
    const repo = makeTeamRepo();
    repo.write(".tasks/config.yml", `${ROSTER.replace("    timezone: America/New_York\n", "    timezone: America/New_York\n    away: [2026-11-23..2026-11-24]\n")}claims:\n  lease: 3 working days\n`);
    repo.commit("lease");
    // Bob claims on Thursday 19 Nov, 10:00 in New York. Fri, (away Mon, Tue), Wed, Thu 10:00 EST.
    repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "bob", log: ["2026-11-19 10:00 -05:00 bob: claimed"] }, "2026-11-19T15:00:00Z", "bob");

    // Wednesday: inside the lease, thanks to his two days away. Alice cannot take it.
    const early = await repo.tasksAt(["claim", "k7m2q", "--json"], "2026-11-25T20:00:00Z", "alice");
    expect(early.code).toBe(4);
    expect(early.stderr).toContain("held by bob");
    expect(JSON.parse((await repo.tasksAt(["check", "--json", "--rule", "lease-expired"], "2026-11-25T20:00:00Z")).stdout)).toMatchObject({ findings: [] });

    // Thursday 26 Nov, 16:00 UTC (11:00 in New York): the lease ran out at 10:00.
    const at = "2026-11-26T16:00:00Z";
    const check = await repo.tasksAt(["check", "--json", "--rule", "lease-expired"], at);
    const findings = (JSON.parse(check.stdout) as { findings: { rule: string; id: string; message: string }[] }).findings;
    expect(findings).toEqual([expect.objectContaining({ rule: "lease-expired", id: "k7m2q", message: expect.stringContaining("ran out at 2026-11-26T10:00:00-05:00") })]);
    const standup = await repo.tasksAt(["standup", "--me"], at, "bob");
    expect(standup.stdout).toContain("**Renew or release** (claim lease expired)\n- `k7m2q` Fix login timeout · lease ran out Thu 26 Nov 10:00: `tasks renew k7m2q` or `tasks unassign k7m2q`");

    // Only bob can renew; his renewal restarts the lease.
    expect((await repo.tasksAt(["renew", "k7m2q"], at, "alice")).code).toBe(4);
    const renewed = await repo.tasksAt(["renew", "k7m2q", "--json"], at, "bob");
    expect(renewed.code).toBe(0);
    expect(JSON.parse(renewed.stdout)).toMatchObject({ kind: "task-change", action: "renew", changed: true });
    expect(repo.git(["log", "-1", "--format=%s%n%(trailers:key=Task-Action,valueonly)"]).trim()).toBe("tasks: renew k7m2q Fix login timeout\nrenew");
    expect(repo.read(repo.pathOf("k7m2q"))).toMatch(/- 2026-11-26 11:00 -05:00 bob: claim renewed\n$/);
    expect(JSON.parse((await repo.tasksAt(["check", "--json", "--rule", "lease-expired"], at)).stdout)).toMatchObject({ findings: [] });

    // Three of his working days later it has run out again; alice takes it over without --force.
    const later = "2026-12-01T17:00:00Z";
    // tasks next offers it to alice as a takeover, after the free tasks, saying whose lease ran out.
    const next = JSON.parse((await repo.tasksAt(["next", "--json"], later, "alice")).stdout) as { tasks: { reason: string; takeover: unknown; task: { id: string } }[] };
    expect(next.tasks).toEqual([expect.objectContaining({ takeover: { owner: "bob", leaseExpiredAt: "2026-12-01T16:00:00.000Z" }, task: expect.objectContaining({ id: "k7m2q" }) })]);
    expect(next.tasks[0]?.reason).toMatch(/^lease expired: @bob since 2026-12-01T11:00:00-05:00 \(tasks claim takes it over\)/);
    const takeover = await repo.tasksAt(["claim", "k7m2q", "--json"], later, "alice");
    expect(takeover.code).toBe(0);
    expect(repo.read(repo.pathOf("k7m2q"))).toContain("owner: alice\n");
    expect(repo.read(repo.pathOf("k7m2q"))).toMatch(/alice: claimed \(taken over from bob: their claim lease expired\)\n$/);
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Takeover,valueonly)"]).trim()).toBe("bob");
  });
});
