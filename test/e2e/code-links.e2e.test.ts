import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { validateJson } from "../helpers/json-contract.js";
import { KEY, runPty, visibleText } from "../helpers/pty.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** Code links as a user sees them: show, log and check on a real repository with merges and branches. */

const NOW = { TASKS_NOW: "2026-11-20T12:00:00Z" };

function linkedRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "p3x9t", title: "Rotate keys", status: "todo", owner: "alice", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  repo.write("src/a.ts", "1\n");
  repo.commit("Raise the timeout \x1b]0;PWNED\x07\n\ntask :  k7m\n", { date: "2026-11-10T10:00:00Z" });
  repo.git(["checkout", "-q", "-b", "feature/k7m2q-retry"]);
  repo.write("src/b.ts", "2\n");
  repo.commit("Retry once", { date: "2026-11-11T10:00:00Z" });
  repo.git(["checkout", "-q", "main"]);
  repo.git(["merge", "-q", "--no-ff", "-m", "Merge branch 'feature/k7m2q-retry'", "feature/k7m2q-retry"], { env: { GIT_AUTHOR_DATE: "2026-11-12T10:00:00Z", GIT_COMMITTER_DATE: "2026-11-12T10:00:00Z" } });
  repo.write("src/c.ts", "3\n");
  repo.commit("Done\n\nCLOSES: k7m2q\nTask: zzzzz", { date: "2026-11-13T10:00:00Z" });
  repo.git(["checkout", "-q", "-b", "wip/p3x9t-rotate"]);
  repo.write("src/d.ts", "4\n");
  repo.commit("Rotate, half way", { date: "2026-11-14T10:00:00Z" });
  repo.git(["checkout", "-q", "main"]);
  return repo;
}

describe("code links", () => {
  it("tasks show lists the linked commits, sanitized, and the unmerged branches carrying the id", async () => {
    const repo = linkedRepo();
    const shown = await repo.tasks(["show", "k7m2q"], { env: NOW });
    expect(shown.code).toBe(0);
    const code = shown.stdout.split("Code\n")[1]?.split("\n\n")[0];
    expect(code?.split("\n").map((l) => l.replace(/^ {2}[0-9a-f]{7} /, "  <sha> "))).toEqual([
      "  <sha> 2026-11-13 10:00  alice  Done (closes)",
      "  <sha> 2026-11-12 10:00  alice  Merge branch 'feature/k7m2q-retry' (branch)",
      "  <sha> 2026-11-11 10:00  alice  Retry once (branch)",
      "  <sha> 2026-11-10 10:00  alice  Raise the timeout \\x1b]0;PWNED\\x07",
    ]);
    expect(shown.stdout).not.toContain("\x1b");
    const json = JSON.parse((await repo.tasks(["show", "p3x9t", "--json"], { env: NOW })).stdout) as { links: { commits: unknown[]; branches: { name: string }[]; mainBranch: string } };
    expect(json.links.commits).toEqual([]);
    expect(json.links.branches.map((b) => b.name)).toEqual(["wip/p3x9t-rotate"]);
    expect(json.links.mainBranch).toBe("main");
  });

  it("tasks log interleaves the commits with the task's changes", async () => {
    const repo = linkedRepo();
    const log = await repo.tasks(["log", "k7m2q"], { env: NOW });
    expect(log.stdout.split("\n").filter(Boolean).map((l) => l.split("\t").slice(2, 3)[0])).toEqual(["created", "commit", "commit", "commit", "commit"]);
  });

  it("tasks check reports closed-by-commit and the reference to an unknown id", async () => {
    const repo = linkedRepo();
    const check = await repo.tasks(["check", "--format", "json"], { env: NOW });
    const findings = (JSON.parse(check.stdout) as { findings: { rule: string; id: string | null; message: string }[] }).findings;
    expect(findings.filter((f) => f.rule === "closed-by-commit").map((f) => f.id)).toEqual(["k7m2q"]);
    expect(findings.filter((f) => f.rule === "unknown-task-reference").map((f) => f.message)).toEqual([expect.stringContaining("names task zzzzz, which no task has")]);
  });

  it("tasks done names the Closes: commit on the main branch and records it as Closed-by on the done commit", async () => {
    const repo = linkedRepo();
    const closing = repo.git(["log", "-1", "--format=%H", "--grep=^CLOSES", "main"]).trim();
    const done = await repo.tasks(["done", "k7m2q", "--yes", "--json"], { env: NOW });
    expect(done.code).toBe(0);
    const json = JSON.parse(done.stdout) as { kind: string; closedBy: { commit: string; subject: string; kinds: string[] }[] };
    expect(json.closedBy).toEqual([expect.objectContaining({ commit: closing, short: closing.slice(0, 7), subject: "Done", kinds: ["closes"] })]);
    const validation = await validateJson([{ label: "tasks done --json", kind: "task-change", value: json }]);
    expect(validation.results.flatMap((r) => r.errors)).toEqual([]);
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Closed-by,valueonly)"]).trim()).toBe(closing);
    expect(repo.read("tasks/2026-11/k7m2q-fix-login-timeout.md")).toContain(`done; closed by ${closing.slice(0, 7)}`);
    // No Closes: for this one (its branch is not merged): nothing recorded, nothing said.
    const other = JSON.parse((await repo.tasks(["done", "p3x9t", "--yes", "--json"], { env: NOW })).stdout) as Record<string, unknown>;
    expect(other.closedBy).toBeUndefined();
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Closed-by,valueonly)"]).trim()).toBe("");
  });

  it("on a terminal tasks done asks before recording the closing commit: yes by default, no leaves it out", async () => {
    const yes = linkedRepo();
    const asked = await runPty(["done", "k7m2q"], { cwd: yes.dir, env: { ...yes.env, ...NOW }, steps: [{ expect: "as closing k7m2q?", send: KEY.enter }] });
    expect(asked).toMatchObject({ code: 0, timedOut: false, pending: [] });
    expect(visibleText(asked.output)).toMatch(/closed by [0-9a-f]{7} Done \(closes; recorded as Closed-by on the done commit\)/);
    expect(yes.git(["log", "-1", "--format=%(trailers:key=Closed-by,valueonly)"]).trim()).toMatch(/^[0-9a-f]{40}$/);
    const no = linkedRepo();
    const declined = await runPty(["done", "k7m2q"], { cwd: no.dir, env: { ...no.env, ...NOW }, steps: [{ expect: "as closing k7m2q?", send: `n${KEY.enter}` }] });
    expect(declined).toMatchObject({ code: 0, pending: [] });
    expect(visibleText(declined.output)).not.toContain("closed by");
    expect(no.git(["log", "-1", "--format=%s|%(trailers:key=Closed-by,valueonly)"]).trim()).toBe("tasks: done k7m2q Fix login timeout|");
  });

  it("tasks link records a commit and a web address in one commit each, and refuses anything else without writing", async () => {
    const repo = linkedRepo();
    const target = repo.git(["rev-parse", "wip/p3x9t-rotate"]).trim();
    expect(await repo.tasks(["link", "p3x9t", "https://github.com/acme/app/pull/12"], { env: NOW })).toMatchObject({ code: 0, stdout: "p3x9t\n" });
    expect(await repo.tasks(["link", "p3", "wip/p3x9t-rotate"], { env: NOW })).toMatchObject({ code: 0 });
    expect(repo.git(["log", "-1", "--format=%s|%(trailers:key=Task-Action,valueonly)"]).trim()).toBe("tasks: link p3x9t Rotate keys|link");
    const head = repo.git(["rev-parse", "HEAD"]);
    for (const bad of ["--upload-pack=touch pwned", "javascript://x", "not-a-ref"]) {
      expect((await repo.tasks(["link", "p3x9t", "--", bad], { env: NOW })).code).toBe(2);
    }
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    const json = JSON.parse((await repo.tasks(["show", "p3x9t", "--json"], { env: NOW })).stdout) as { links: { commits: { commit: string; kinds: string[]; onMain: boolean }[]; urls: string[] } };
    expect(json.links.urls).toEqual(["https://github.com/acme/app/pull/12"]);
    expect(json.links.commits.map((c) => [c.commit, c.kinds, c.onMain])).toEqual([[target, ["manual"], false]]);
  });

  it("the handoff's where-the-work-is lists linked commits that do not mention the id", async () => {
    const repo = linkedRepo();
    const result = await repo.tasks(["handoff", "k7m2q", "--to", "bob", "--dry-run", "--json"], { env: NOW });
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { tasks: { where: { commits: { subject: string }[] } }[] };
    expect(view.tasks[0]?.where.commits.map((c) => c.subject)).toContain("Retry once");
  });

  it("the weekly report counts tasks completed with and without linked code", async () => {
    const repo = linkedRepo();
    const at = { ...NOW, GIT_AUTHOR_DATE: NOW.TASKS_NOW, GIT_COMMITTER_DATE: NOW.TASKS_NOW };
    expect((await repo.tasks(["done", "k7m2q", "--yes"], { env: at })).code).toBe(0);
    expect((await repo.tasks(["done", "p3x9t", "--yes"], { env: at })).code).toBe(0);
    const weekly = JSON.parse((await repo.tasks(["report", "weekly", "--week", "2026-W47", "--json"], { env: NOW })).stdout) as { metrics: Record<string, unknown> };
    expect(weekly.metrics).toMatchObject({ throughput: 2, completedWithCode: 1, completedWithoutCode: 1, withCodeText: "1 with linked code, 1 without" });
  });

  it("the standup lists each person's linked commits of their window", async () => {
    const repo = linkedRepo();
    const result = await repo.tasks(["standup", "--owner", "alice", "--date", "2026-11-13"], { env: NOW });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\*\*Code\*\*\n- `[0-9a-f]{7}` Done \(`k7m2q`\)\n/);
  });
});
