import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { expectSafeRun, runHostile, TEMPLATE_MEMORY_LIMIT_KIB } from "../helpers/hostile.js";
import { makeTeamRepo, PEOPLE, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

/**
 * A team template that doubles a string in a capture (issue: 590-860 MB before the time limit
 * stopped it) fails at the memory limit with one error line naming the file and the limit, and
 * nothing is written. The CLI runs with V8's old space capped at 200 MB: had the budget let the
 * string grow, V8 would abort the process (exit 134, "heap out of memory") instead.
 */

const NOW = "2026-11-20T09:00:00Z";
const DOUBLING = "{% capture s %}ab{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s.size }}\n";

function seeded(): TeamRepo {
  const repo = makeTeamRepo();
  repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", dod: ["Tests"], log: [] }, "2026-11-19T09:00:00Z", "alice");
  return repo;
}

function capped(repo: TeamRepo, args: readonly string[]) {
  const person = PEOPLE.alice;
  return runHostile(args, {
    cwd: repo.dir,
    env: {
      ...repo.env,
      TASKS_NOW: NOW,
      GIT_AUTHOR_DATE: NOW,
      GIT_COMMITTER_DATE: NOW,
      GIT_AUTHOR_NAME: person.name,
      GIT_AUTHOR_EMAIL: person.email,
      GIT_COMMITTER_NAME: person.name,
      GIT_COMMITTER_EMAIL: person.email,
      NODE_OPTIONS: "--max-old-space-size=200",
    },
  });
}

function expectMemoryLimit(stderr: string, template: string): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe(`error: template ${template}:1: the template allocated more than 10 MB (the memory limit) [TEMPLATE_ERROR]`);
  expect(lines[1]).toMatch(/^hint: a template may allocate 10 MB, write a 1 MB note and run 2 s/);
}

describe("a committed template that doubles a string", () => {
  it("tasks standup: exit 1, one TEMPLATE_ERROR naming the file and the limit, memory bounded", async () => {
    const repo = seeded();
    repo.write(".tasks/templates/standup.md", DOUBLING);
    repo.commit("team template", { date: "2026-11-19T10:00:00Z" });
    const run = await capped(repo, ["standup", "--out", "standup.md"]);
    expectSafeRun(run, [1], TEMPLATE_MEMORY_LIMIT_KIB);
    expect(run.stdout).toBe("");
    expectMemoryLimit(run.stderr, ".tasks/templates/standup.md");
    expect(existsSync(join(repo.dir, "standup.md"))).toBe(false);
  });

  it("tasks handoff: the same error before anything changes, no commit, no file touched", async () => {
    const repo = seeded();
    repo.write(".tasks/templates/handoff.md", DOUBLING);
    repo.commit("team template", { date: "2026-11-19T10:00:00Z" });
    const head = repo.git(["rev-parse", "HEAD"]);
    const file = repo.read(repo.pathOf("k7m2q"));
    const run = await capped(repo, ["handoff", "k7m2q", "--to", "bob"]);
    expectSafeRun(run, [1], TEMPLATE_MEMORY_LIMIT_KIB);
    expectMemoryLimit(run.stderr, ".tasks/templates/handoff.md");
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.read(repo.pathOf("k7m2q"))).toBe(file);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });
});
