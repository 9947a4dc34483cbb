import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, type SeedTask, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

const login: SeedTask = {
  id: "k7m2q",
  title: "Fix login timeout",
  status: "in-progress",
  owner: "alice",
  due: "2026-12-01",
  dod: ["Timeout raised to 30 s", "Integration test on a throttled network", "Runbook updated"],
  description: "Users on hotel Wi-Fi are logged out. Trace: https://grafana.example.com/d/auth\nShould the flag default to on?",
  log: ["2026-11-16 10:00 +01:00 alice: claimed"],
};
const keys: SeedTask = { id: "p3x9t", title: "Rotate staging keys", status: "blocked", owner: "alice", log: ["2026-11-17 10:00 +01:00 alice: blocked: waiting for the vendor"] };

function seed(repo: TeamRepo): void {
  repo.save(login, "2026-11-16T09:00:00Z", "alice");
  repo.save(keys, "2026-11-17T09:00:00Z", "alice");
  repo.write("src/session.ts", "export const timeout = 30;\n");
  repo.commit("Raise the session timeout (k7m2q)", { date: "2026-11-17T10:00:00Z" });
}

const head = (repo: TeamRepo): string => repo.git(["rev-parse", "HEAD"]).trim();
const commitCount = (repo: TeamRepo): number => Number(repo.git(["rev-list", "--count", "HEAD"]).trim());

describe("tasks handoff", () => {
  it("reassigns, names what is left of the definition of done, and records itself in one commit", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    expect((await repo.tasksAt(["dod", "k7m2q", "--met", "1"], "2026-11-17T15:00:00Z")).code).toBe(0);
    const before = commitCount(repo);

    const result = await repo.tasksAt(["handoff", "k7m2q", "--to", "bob", "--note", "flag is merged"], "2026-11-17T16:00:00Z");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("## Handoff: Alice Ng → Bob Okafor");
    expect(result.stdout).toContain("**Definition of done** (1 of 3 met)\n- [x] Timeout raised to 30 s\n- [ ] Integration test on a throttled network\n- [ ] Runbook updated");
    expect(result.stdout).toContain("For Bob Okafor it is Tue 17 Nov 11:00 (America/New_York); working now, until Tue 17 Nov 17:00.");
    expect(result.stdout).toContain("- Link: https://grafana.example.com/d/auth");
    expect(result.stdout).toContain("- Files: `src/session.ts`");
    expect(result.stdout).toContain("- Should the flag default to on?");

    expect(commitCount(repo)).toBe(before + 1);
    expect(repo.git(["show", "--name-only", "--format=%s", "HEAD"]).trim().split("\n")).toEqual(["tasks: handoff k7m2q Fix login timeout", "", repo.pathOf("k7m2q")]);
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Action,valueonly)"]).trim()).toBe("handoff");
    const file = repo.read(repo.pathOf("k7m2q"));
    expect(file).toContain("owner: bob\n");
    expect(file).toMatch(/- 2026-11-17 17:00 \+01:00 alice: handed off to bob: flag is merged\n$/);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });

  it("--mine --to next hands every active and blocked task to whoever starts next, in ONE commit", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const before = commitCount(repo);
    // Tuesday 17:00 in Berlin: New York is at work, Kolkata has finished; follow the sun west.
    const result = await repo.tasksAt(["handoff", "--mine", "--to", "next", "--json"], "2026-11-17T16:00:00Z");
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { kind: string; to: { handle: string }; commit: string; tasks: { id: string; dod: { leftCount: number } }[] };
    expect(view.kind).toBe("handoff");
    expect(view.to.handle).toBe("bob");
    expect(view.tasks.map((t) => t.id).sort()).toEqual(["k7m2q", "p3x9t"]);
    expect(commitCount(repo)).toBe(before + 1);
    expect(view.commit).toBe(head(repo));
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"]).trim().split("\n").sort()).toEqual([repo.pathOf("k7m2q"), repo.pathOf("p3x9t")].sort());
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Id,valueonly,separator=%x2C)"]).trim()).toBe("k7m2q,p3x9t");
    for (const id of ["k7m2q", "p3x9t"]) expect(repo.read(repo.pathOf(id))).toContain("owner: bob\n");
  });

  it("--dry-run prints the notes and changes nothing", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const before = head(repo);
    const text = repo.read(repo.pathOf("k7m2q"));
    const result = await repo.tasksAt(["handoff", "k7m2q", "p3x9t", "--to", "chitra", "--dry-run"], "2026-11-17T16:00:00Z");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("## Handoff: Alice Ng → Chitra Rao (draft)");
    expect(result.stdout).toContain("- Blocked: waiting for the vendor (since Tue 17 Nov 14:30)");
    expect(head(repo)).toBe(before);
    expect(repo.read(repo.pathOf("k7m2q"))).toBe(text);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });

  it("refuses a closed task before anything changes (exit 4)", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    repo.save({ ...keys, status: "done" }, "2026-11-17T12:00:00Z", "alice");
    const before = head(repo);
    const result = await repo.tasksAt(["handoff", "k7m2q", "p3x9t", "--to", "bob"], "2026-11-17T16:00:00Z");
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("p3x9t is done; a closed task is not handed off");
    expect(head(repo)).toBe(before);
    expect(repo.read(repo.pathOf("k7m2q"))).toContain("owner: alice\n");
  });

  it("when the commit fails, every file is put back as it was", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    // A second task that git refuses to take: untracked, in an ignored file. The handoff writes
    // both files, the commit fails on this one, and both must come back unchanged.
    repo.write(".gitignore", "tasks/2026-11/zz*\n");
    repo.commit("ignore", { date: "2026-11-17T11:00:00Z" });
    const ignored = "tasks/2026-11/zz9zz-ignored.md";
    repo.write(ignored, "---\nid: zz9zz\ntitle: Ignored\nstatus: in-progress\nowner: alice\n---\n\n## Log\n");
    const before = { head: head(repo), login: repo.read(repo.pathOf("k7m2q")), ignored: repo.read(ignored) };

    const result = await repo.tasksAt(["handoff", "k7m2q", "zz9zz", "--to", "bob"], "2026-11-17T16:00:00Z");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("GIT_FAILED");
    expect(head(repo)).toBe(before.head);
    expect(repo.read(repo.pathOf("k7m2q"))).toBe(before.login);
    expect(repo.read(ignored)).toBe(before.ignored);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });
});
