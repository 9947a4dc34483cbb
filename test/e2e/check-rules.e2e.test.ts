import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { makeRepo, taskFile, type TestRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * One repository, one case per rule, history made at pinned times, checked at Friday
 * 2026-11-20 09:00Z. Alice works Mon–Fri in Berlin, Bob in New York.
 */

const CONFIG = `team:
  alice:
    email: alice@example.com
    timezone: Europe/Berlin
  bob:
    email: bob@example.com
    timezone: America/New_York
`;

type Fields = Record<string, string | string[] | null>;

function task(repo: TestRepo, name: string, fields: Fields, body?: string): void {
  const id = name.slice(0, 5);
  repo.write(`tasks/2026-11/${name}.md`, taskFile({ id, title: `Task ${id}`, status: "todo", owner: "alice", "definition-of-done": ["It works"], ...fields }, body));
}

function seed(): TestRepo {
  const repo = makeRepo();
  repo.write(".tasks/config.yml", CONFIG);
  // Long ago: a task blocked since October, one blocked on 1 November, one active untouched since.
  task(repo, "blok2-blocked-long", { status: "blocked", owner: "bob" });
  task(repo, "blok1-blocked-since-november", { status: "todo", owner: "bob" });
  task(repo, "stal2-untouched", { status: "in-progress" });
  repo.commit("old work", { date: "2026-10-01T10:00:00Z" });
  task(repo, "blok1-blocked-since-november", { status: "blocked", owner: "bob" });
  repo.commit("blok1 blocked", { date: "2026-11-01T10:00:00Z" });
  // Thursday 12 November: six of Alice's working days before the check.
  task(repo, "stal1-six-days", { status: "in-progress" });
  repo.commit("stal1 started", { date: "2026-11-12T10:00:00Z" });
  // A change inside the window that is not a status change does not restart a blocked spell.
  task(repo, "blok2-blocked-long", { status: "blocked", owner: "bob", title: "Task blok2, renamed" });
  repo.commit("blok2 renamed", { date: "2026-11-15T10:00:00Z" });
  task(repo, "hblok-healthy-blocked", { status: "blocked", owner: "bob" });
  repo.commit("hblok blocked", { date: "2026-11-18T10:00:00Z" });
  // Thursday 19 November: everything else.
  task(repo, "hhhhh-healthy", { status: "in-progress", due: "2026-12-15", "depends-on": ["hblok"] });
  task(repo, "own01-ownerless", { owner: null });
  task(repo, "over1-overdue", { due: "2026-11-10" });
  task(repo, "nodod-no-definition-of-done", { "definition-of-done": [] });
  task(repo, "weird-unknown-status", { status: "doing" });
  task(repo, "unkow-unknown-owner", { owner: "mallory" });
  task(repo, "dangl-dangling", { "depends-on": ["nope1"] });
  task(repo, "cyca1-cycle", { "depends-on": ["cyca2"] });
  task(repo, "cyca2-cycle", { "depends-on": ["cyca1"] });
  task(repo, "dupid-one", {});
  task(repo, "dupid-two", {});
  task(repo, "wrong-name", { id: "right" });
  repo.write("tasks/2026-11/broke-yaml.md", "---\nid: broke\ntitle: [unclosed\n---\n");
  repo.write("tasks/2026-11/confl-markers.md", "---\nid: confl\ntitle: Conflicted\nstatus: todo\n---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n");
  repo.commit("the rest", { date: "2026-11-19T10:00:00Z" });
  return repo;
}

interface FindingJson {
  rule: string;
  severity: string;
  path: string | null;
  line: number | null;
  id: string | null;
  message: string;
}

describe("tasks check: every rule on its case, silent on healthy tasks", () => {
  it("fires each rule exactly where it should, and exits 3", async () => {
    const repo = seed();
    const result = await runCli(["check", "--format", "json"], { cwd: repo.dir, env: repo.env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { kind: string; ok: boolean; findings: FindingJson[] };
    expect(report).toMatchObject({ schemaVersion: 1, kind: "check", ok: false });
    const fired = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.id ?? f.path);
    expect(fired("invalid-file")).toEqual(["tasks/2026-11/broke-yaml.md", "right"]);
    expect(fired("ownerless")).toEqual(["own01"]);
    expect(fired("stale")).toEqual(["stal1", "stal2"]);
    expect(fired("overdue")).toEqual(["over1"]);
    expect(fired("missing-dod")).toEqual(["nodod"]);
    expect(fired("duplicate-id")).toEqual(["dupid", "dupid"]);
    expect(fired("unknown-status")).toEqual(["weird"]);
    expect(fired("unknown-owner")).toEqual(["unkow"]);
    expect(fired("conflict-markers")).toEqual(["tasks/2026-11/confl-markers.md"]);
    expect(fired("dangling-dependency")).toEqual(["dangl"]);
    expect(fired("dependency-cycle")).toEqual(["cyca1", "cyca2"]);
    expect(fired("blocked-too-long")).toEqual(["blok1", "blok2"]);
    expect(report.findings.filter((f) => f.id === "hhhhh" || f.id === "hblok")).toEqual([]);

    const byId = (rule: string, id: string) => report.findings.find((f) => f.rule === rule && f.id === id);
    expect(byId("stale", "stal1")).toMatchObject({ severity: "warning", message: "no change for 6 of alice's working days (last on 2026-11-12); stale after 5" });
    expect(byId("stale", "stal2")).toMatchObject({ severity: "error", message: "no change for at least 10 of alice's working days (nothing since 2026-11-05); stale after 5" });
    expect(byId("blocked-too-long", "blok1")?.message).toBe("blocked for more than 10 of bob's working days (since before 2026-11-05)");
    expect(report.findings.find((f) => f.rule === "conflict-markers")?.line).toBe(6);
    expect(report.findings.find((f) => f.rule === "invalid-file" && f.path?.includes("wrong"))?.message).toBe("the file name does not start with the task's id right");
  });

  it("reports the same in text, grouped by file", async () => {
    const repo = seed();
    const result = await runCli(["check"], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('own01 "Task own01"\n  tasks/2026-11/own01-ownerless.md:5: error ownerless: open task (status todo) has no owner\n');
    expect(result.stdout).toContain("tasks/2026-11/broke-yaml.md (not read as a task)\n  tasks/2026-11/broke-yaml.md:4: error invalid-file: invalid YAML:");
    expect(result.stdout).toContain('right "Task wrong"\n  tasks/2026-11/wrong-name.md:1: error invalid-file: the file name does not start with the task\'s id right\n');
    expect(result.stdout.trimEnd().split("\n").pop()).toBe("11 errors, 6 warnings in 17 files; 17 tasks checked");
  });

  it("lets the config turn rules off and change thresholds", async () => {
    const repo = seed();
    repo.write(".tasks/config.yml", `${CONFIG}check:\n  stale: { days: 7 }\n  blocked-too-long: { days: 30, severity: error }\n  unknown-owner: off\n`);
    repo.commit("config");
    const result = await runCli(["check", "--json", "--rule", "stale", "--rule", "blocked-too-long", "--rule", "overdue", "--skip", "overdue"], { cwd: repo.dir, env: repo.env });
    const report = JSON.parse(result.stdout) as { findings: FindingJson[] };
    // stal1 (6 days) is under 7; stal2 has nothing in its 14-day window; blok2 (since October) is over 30, blok1 (14 working days) is not.
    expect(report.findings.map((f) => `${f.rule}:${f.id}:${f.severity}`)).toEqual(["blocked-too-long:blok2:error", "stale:stal2:error"]);
    expect(result.code).toBe(3);
  });
});
