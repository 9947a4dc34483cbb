import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, ROSTER } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

/**
 * Time off end to end, as the team meets it: `tasks team away` writes the roster in one commit,
 * `tasks team` says who is away and until when, the first standup back covers since the last
 * working day, `check` finds work due while its owner is away, `handoff --to next` skips them,
 * and a holiday calendar the team commits takes a day out for one person and not another.
 */

const GERMANY = readFileSync(join(import.meta.dirname, "../fixtures/holidays/germany.ics"), "utf8");

describe("time off", () => {
  it("tasks team away writes one commit of the roster only; team, standup, check and handoff count it", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", due: "2026-11-26", log: ["2026-11-17 10:00 +01:00 alice: started"] }, "2026-11-17T09:00:00Z", "alice");
    repo.save({ id: "p3x9t", title: "Rotate keys", status: "in-progress", owner: "bob", log: [] }, "2026-11-18T15:00:00Z", "bob");
    repo.write("notes.txt", "staged, not ours\n");
    repo.git(["add", "notes.txt"]);

    const away = await repo.tasksAt(["team", "away", "bob", "2026-11-23..2026-11-27", "--note", "Thanksgiving week", "--json"], "2026-11-20T10:00:00Z", "bob");
    expect(away.code).toBe(0);
    const result = JSON.parse(away.stdout) as { kind: string; handle: string; start: string; end: string; commit: string };
    expect(result).toMatchObject({ kind: "team-away", handle: "bob", start: "2026-11-23T00:00:00-05:00", end: "2026-11-28T00:00:00-05:00" });
    expect(repo.git(["show", "--name-only", "--format=%s%n%(trailers:key=Task-Action,valueonly)", "HEAD"]).trim().split("\n").filter(Boolean)).toEqual([
      "tasks: away bob 2026-11-23..2026-11-27 Thanksgiving week",
      "away",
      ".tasks/config.yml",
    ]);
    expect(repo.git(["diff", "--cached", "--name-only"]).trim()).toBe("notes.txt");
    expect(repo.read(".tasks/config.yml")).toContain("    away:\n      - {from: 2026-11-23, to: 2026-11-27, note: Thanksgiving week}\n");
    expect(repo.read(".tasks/config.yml").startsWith(ROSTER)).toBe(false);

    // The same period again changes nothing.
    const again = await repo.tasksAt(["team", "away", "bob", "2026-11-23..2026-11-27", "--note", "Thanksgiving week", "--json"], "2026-11-20T10:00:00Z", "bob");
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, commit: null });

    // Tuesday: bob is away until Friday; alice and chitra are not.
    const team = await repo.tasksAt(["team", "--json"], "2026-11-24T15:00:00Z");
    const members = (JSON.parse(team.stdout) as { members: { handle: string; working: boolean; away: { kind: string; note: string; to: string } | null; nextWindowStart: string }[] }).members;
    expect(members.map((m) => [m.handle, m.working, m.away?.kind ?? null])).toEqual([
      ["alice", true, null],
      ["bob", false, "away"],
      ["chitra", false, null],
    ]);
    expect(members[1]).toMatchObject({ away: { note: "Thanksgiving week", to: "2026-11-27" }, nextWindowStart: "2026-11-30T09:00:00-05:00" });
    const table = await repo.tasksAt(["team"], "2026-11-24T15:00:00Z");
    expect(table.stdout.split("\n").find((line) => line.startsWith("bob"))?.split("\t")[3]).toBe("away");

    // The team standup while he is away says so, in the note too.
    const during = await repo.tasksAt(["standup", "--team", "--json"], "2026-11-24T15:00:00Z");
    const bob = (JSON.parse(during.stdout) as { people: { handle: string; away: { note: string } | null }[] }).people.find((p) => p.handle === "bob");
    expect(bob?.away?.note).toBe("Thanksgiving week");
    expect((await repo.tasksAt(["standup", "--team"], "2026-11-24T15:00:00Z")).stdout).toContain("_Away (Thanksgiving week) until the end of Fri 27 Nov_");

    // Monday back: bob's standup covers since Friday the 20th, his last working day.
    const standup = await repo.tasksAt(["standup", "--me", "--json"], "2026-11-30T15:00:00Z", "bob");
    expect((JSON.parse(standup.stdout) as { people: { window: { from: string } }[] }).people[0]?.window.from).toBe("2026-11-20T09:00:00-05:00");

    // A handoff to whoever starts next skips bob while he is away: chitra's day starts next.
    const handoff = await repo.tasksAt(["handoff", "k7m2q", "--to", "next", "--dry-run", "--json"], "2026-11-24T16:00:00Z");
    expect((JSON.parse(handoff.stdout) as { to: { handle: string } }).to.handle).toBe("chitra");

    // check: bob's task is not stale over his week away (3 working days, not 8); alice's is.
    repo.git(["reset", "-q", "notes.txt"]);
    const check = await repo.tasksAt(["check", "--json", "--rule", "stale", "--rule", "due-while-away"], "2026-11-30T15:00:00Z");
    const findings = (JSON.parse(check.stdout) as { findings: { rule: string; id: string; message: string }[] }).findings;
    expect(findings.map((f) => `${f.rule}:${f.id}`)).toEqual(["stale:k7m2q"]);
    const dueCheck = await repo.tasksAt(["check", "--json", "--rule", "due-while-away"], "2026-11-20T15:00:00Z");
    expect(JSON.parse(dueCheck.stdout)).toMatchObject({ findings: [] });
    await repo.tasksAt(["set", "p3x9t", "due=2026-11-25"], "2026-11-20T15:00:00Z", "bob");
    const dueAway = await repo.tasksAt(["check", "--json", "--rule", "due-while-away"], "2026-11-20T15:00:00Z");
    expect((JSON.parse(dueAway.stdout) as { findings: { id: string; message: string }[] }).findings).toEqual([
      expect.objectContaining({ id: "p3x9t", message: "due 2026-11-25, while bob is away (2026-11-23..2026-11-27, Thanksgiving week)" }),
    ]);
  });

  it("a holiday calendar the team commits takes Christmas off for the people it applies to", async () => {
    const repo = makeTeamRepo();
    repo.write(".tasks/holidays/germany.ics", GERMANY);
    repo.write(".tasks/config.yml", ROSTER.replace("  alice:\n", "  alice:\n    holidays: .tasks/holidays/germany.ics\n"));
    repo.commit("holidays");
    const team = await repo.tasksAt(["team", "--json"], "2026-12-25T10:00:00Z");
    const members = (JSON.parse(team.stdout) as { members: { handle: string; working: boolean; away: { kind: string; holiday: string } | null }[] }).members;
    expect(members.map((m) => [m.handle, m.working, m.away?.holiday ?? null])).toEqual([
      ["alice", false, "Weihnachten"],
      ["bob", false, null],
      ["chitra", true, null],
    ]);
    const text = await repo.tasksAt(["team"], "2026-12-25T10:00:00Z", "alice");
    expect(text.code).toBe(0);
    // A calendar that is missing stops every command with one clear line.
    repo.write(".tasks/config.yml", ROSTER.replace("  alice:\n", "  alice:\n    holidays: .tasks/holidays/gone.ics\n"));
    const broken = await repo.tasksAt(["team"], "2026-12-25T10:00:00Z");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("holidays: .tasks/holidays/gone.ics does not exist");
  });
});
