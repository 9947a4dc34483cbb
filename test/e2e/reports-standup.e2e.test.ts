import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { makeRepo, taskFile } from "../helpers/repo.js";
import { makeTeamRepo, type SeedTask, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

const claimed = (who: string, stamp: string): string => `${stamp} ${who}: claimed`;

/** Alice (Berlin) closes one task on Wednesday and one on Thursday; Bob (New York) closes two on Thursday, one before his day began. */
function seedWeek(repo: TeamRepo): void {
  const wed: SeedTask = { id: "wed01", title: "Wednesday work", status: "in-progress", owner: "alice", log: [claimed("alice", "2026-11-16 10:00 +01:00")] };
  const thu: SeedTask = { id: "thu01", title: "Thursday work", status: "in-progress", owner: "alice", log: [claimed("alice", "2026-11-16 10:05 +01:00")] };
  const fri: SeedTask = { id: "fri01", title: "Friday work", status: "in-progress", owner: "alice", log: [claimed("alice", "2026-11-16 10:10 +01:00")] };
  const early: SeedTask = { id: "bob01", title: "Bob before his Thursday", status: "in-progress", owner: "bob", log: [] };
  const late: SeedTask = { id: "bob02", title: "Bob on his Thursday", status: "in-progress", owner: "bob", log: [] };
  for (const task of [wed, thu, fri]) repo.save(task, "2026-11-16T09:00:00Z", "alice");
  for (const task of [early, late]) repo.save(task, "2026-11-16T15:00:00Z", "bob");
  repo.save({ ...wed, status: "done", log: [...wed.log, "2026-11-18 11:00 +01:00 alice: done"] }, "2026-11-18T10:00:00Z", "alice");
  repo.save({ ...thu, status: "done", log: [...thu.log, "2026-11-19 11:00 +01:00 alice: done"] }, "2026-11-19T10:00:00Z", "alice");
  // 12:00 UTC is Thursday 07:00 in New York: before Bob's working day, so his Friday standup leaves it out.
  repo.save({ ...early, status: "done" }, "2026-11-19T12:00:00Z", "bob");
  repo.save({ ...late, status: "done" }, "2026-11-19T15:00:00Z", "bob");
}

interface StandupJson {
  people: { handle: string; window: { from: string }; done: { id: string }[]; inProgress: { id: string }[] }[];
}

describe("tasks standup", () => {
  it("Friday's covers the person's Thursday, not Wednesday; Monday's reaches back to Friday", async () => {
    const repo = makeTeamRepo();
    seedWeek(repo);

    const friday = await repo.tasksAt(["standup"], "2026-11-20T09:00:00Z");
    expect(friday.code).toBe(0);
    expect(friday.stdout).toContain("## Standup · Fri 20 Nov 2026");
    expect(friday.stdout).toContain("_Since Thu 19 Nov 09:00 · Europe/Berlin_");
    expect(friday.stdout).toMatch(/\*\*Done\*\*\n- `thu01` Thursday work\n/);
    expect(friday.stdout).not.toContain("wed01");
    expect(friday.stdout).toMatch(/\*\*In progress\*\*\n- `fri01` Friday work/);

    repo.save({ id: "fri01", title: "Friday work", status: "done", owner: "alice", log: ["2026-11-20 11:00 +01:00 alice: done"] }, "2026-11-20T10:00:00Z", "alice");
    const monday = await repo.tasksAt(["standup", "--json"], "2026-11-23T08:30:00Z");
    expect(monday.code).toBe(0);
    const view = JSON.parse(monday.stdout) as StandupJson & { kind: string };
    expect(view.kind).toBe("standup");
    expect(view.people[0]?.window.from).toBe("2026-11-20T09:00:00+01:00");
    expect(view.people[0]?.done.map((t) => t.id)).toEqual(["fri01"]);
  });

  it("--team gives each person the window of their own zone", async () => {
    const repo = makeTeamRepo();
    seedWeek(repo);
    const result = await repo.tasksAt(["standup", "--team", "--json"], "2026-11-20T16:00:00Z");
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as StandupJson;
    const bob = view.people.find((p) => p.handle === "bob");
    expect(view.people.map((p) => p.handle)).toEqual(["alice", "bob", "chitra"]);
    expect(bob?.window.from).toBe("2026-11-19T09:00:00-05:00");
    expect(bob?.done.map((t) => t.id)).toEqual(["bob02"]);
  });

  it("--owner, --date and --out: Bob's standup as of Thursday's end, written to a file", async () => {
    const repo = makeTeamRepo();
    seedWeek(repo);
    const result = await repo.tasksAt(["standup", "--owner", "bob@example.com", "--date", "2026-11-19", "--out", "standup.md"], "2026-11-20T16:00:00Z");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const note = repo.read("standup.md");
    expect(note).toContain("### Bob Okafor (bob)\n_Since Wed 18 Nov 09:00 · America/New_York_");
    expect(note).toContain("- `bob01` Bob before his Thursday\n- `bob02` Bob on his Thursday");
  });

  it("a task quiet since before the window shows when it was really last updated, not the window's start", async () => {
    const repo = makeTeamRepo();
    const created = await repo.tasksAt(["new", "Migrate the session store", "--owner", "alice"], "2026-11-03T09:00:00Z");
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect((await repo.tasksAt(["start", id], "2026-11-04T10:00:00Z")).code).toBe(0);

    const friday = await repo.tasksAt(["standup"], "2026-11-20T09:00:00Z");
    expect(friday.code).toBe(0);
    expect(friday.stdout).toContain(`- \`${id}\` Migrate the session store · no update since Wed 4 Nov 11:00 (last: `);
    expect(friday.stdout).not.toContain("no update since Thu 19 Nov 09:00");
    const json = JSON.parse((await repo.tasksAt(["standup", "--json"], "2026-11-20T09:00:00Z")).stdout) as { people: { inProgress: { lastActivity: { at: string } | null; updatedInWindow: boolean }[] }[] };
    expect(json.people[0]?.inProgress[0]).toMatchObject({ updatedInWindow: false, lastActivity: { at: "2026-11-04T11:00:00+01:00" } });
  });

  it("works in a repository before its first commit: no history yet is not an error", async () => {
    const repo = makeRepo({ initialCommit: false });
    repo.write(".tasks/config.yml", "timezone: Europe/Berlin\n");
    repo.write("tasks/2026-11/k7m2q-fresh.md", taskFile({ id: "k7m2q", title: "Fresh", status: "in-progress", owner: "alice@example.com" }));
    const result = await runCli(["standup"], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("- `k7m2q` Fresh · no update since Thu 19 Nov 09:00");
  });

  it("refuses --me with --team (usage, exit 2)", async () => {
    const repo = makeTeamRepo();
    const result = await repo.tasksAt(["standup", "--me", "--team"], "2026-11-20T09:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: choose one of --me, --owner and --team \[USAGE\]\nhint: tasks standup \(yours\), .+\n$/);
  });
});
