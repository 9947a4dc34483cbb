import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, type SeedTask, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

function seed(repo: TeamRepo): void {
  const lastWeek: SeedTask = { id: "aa111", title: "Shipped last week", status: "in-progress", owner: "bob", goal: "q4", log: [] };
  const thisWeek: SeedTask = { id: "bb222", title: "Shipped this week", status: "in-progress", owner: "alice", due: "2026-11-19", goal: "q4", log: [] };
  const late: SeedTask = { id: "cc333", title: "Due Wednesday, still open", status: "in-progress", owner: "chitra", due: "2026-11-18", goal: "q4", log: [] };
  repo.save(lastWeek, "2026-11-10T09:00:00Z", "bob");
  repo.save({ ...lastWeek, status: "done" }, "2026-11-12T15:00:00Z", "bob");
  repo.save({ ...thisWeek, status: "todo" }, "2026-11-16T09:00:00Z", "alice");
  repo.save(thisWeek, "2026-11-17T09:00:00Z", "alice");
  repo.save({ ...thisWeek, status: "done" }, "2026-11-18T09:00:00Z", "alice");
  repo.save(late, "2026-11-16T06:00:00Z", "chitra");
}

interface WeeklyJson {
  kind: string;
  week: { label: string };
  completed: { id: string; onTime: boolean }[];
  slipped: { id: string }[];
  created: { id: string }[];
  goals: { goal: string; done: number; total: number }[];
  metrics: { throughput: number; medianCycleDays: number; onTimePercent: string };
}

describe("tasks report weekly", () => {
  it("lists the week's completions and not the week before's", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const now = "2026-11-20T12:00:00Z";

    const w47 = await repo.tasksAt(["report", "weekly", "--week", "2026-W47"], now);
    expect(w47.code).toBe(0);
    expect(w47.stdout).toContain("## Weekly summary · 2026-W47\n_Mon 16 Nov – Sun 22 Nov (Europe/Berlin), so far_");
    expect(w47.stdout).toMatch(/### Completed\n\n\*\*Alice Ng\*\* \(1\)\n- `bb222` Shipped this week · on time · took 24 h\n/);
    expect(w47.stdout).not.toContain("aa111");
    expect(w47.stdout).toContain("### Slipped\n- `cc333` Due Wednesday, still open · was due Wed 18 Nov, still in-progress (chitra)");

    const w46 = await repo.tasksAt(["report", "weekly", "--week", "2026-W46", "--json"], now);
    expect(w46.code).toBe(0);
    const view = JSON.parse(w46.stdout) as WeeklyJson;
    expect(view.kind).toBe("weekly");
    expect(view.completed.map((t) => t.id)).toEqual(["aa111"]);
    expect(view.created.map((t) => t.id)).toEqual(["aa111"]);
  });

  it("--json gives the metrics and goals the template receives", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const result = await repo.tasksAt(["report", "weekly", "--json"], "2026-11-20T12:00:00Z");
    const view = JSON.parse(result.stdout) as WeeklyJson;
    expect(view.week.label).toBe("2026-W47");
    expect(view.metrics).toMatchObject({ throughput: 1, medianCycleDays: 1, onTimePercent: "100%" });
    expect(view.goals).toEqual([{ goal: "q4", done: 2, total: 3, percent: 67 }]);
  });

  it("refuses a week that does not exist (usage, exit 2)", async () => {
    const repo = makeTeamRepo();
    const result = await repo.tasksAt(["report", "weekly", "--week", "2025-W53"], "2026-11-20T12:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--week "2025-W53" is not an ISO week');
  });
});
