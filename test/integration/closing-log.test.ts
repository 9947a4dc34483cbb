import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { closingCommitsFor } from "../../src/app/code-links.js";
import { createDeps } from "../../src/app/deps.js";
import { parseSettings } from "../../src/app/settings.js";
import type { Task } from "../../src/domain/task.js";
import { makeRepo, seedTask, type TestRepo } from "../helpers/repo.js";

/**
 * `tasks done`'s search for the commits that say `Closes:`/`Fixes:` the task (docs/code-links.md)
 * keeps its last answer by commit id (.git/tasks-cache/closing-v1.json) and reads only the
 * commits added since. Whatever happens in between (new closing commits, a reset that drops one,
 * another main branch, a damaged cache, another version's, an older task than the cache covers,
 * a shallow clone) it must answer exactly as a search without the cache.
 */

const NOW = "2026-11-20T12:00:00Z";
const CACHE = ["tasks-cache", "closing-v1.json"];

function depsFor(repo: TestRepo, extra: Record<string, string> = {}, version = "test-1") {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false, columns: 80 });
  const env = { ...repo.env, TASKS_NOW: NOW, ...extra };
  return createDeps(
    { env, cwd: repo.dir, stdout: stream(), stderr: stream(), stdinIsTTY: false, stdin: () => new PassThrough(), now: () => new Date(NOW), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) },
    parseSettings(env, "UTC"),
    version,
  );
}

async function taskOf(repo: TestRepo, id: string): Promise<Task> {
  return (await (await depsFor(repo).repo()).store.resolve(id)).task;
}

/** What the cached search finds, checked against the search without a cache; commit ids. */
async function closing(repo: TestRepo, id: string, version = "test-1"): Promise<string[]> {
  const task = await taskOf(repo, id);
  const cached = (await closingCommitsFor(depsFor(repo, {}, version), task)).map((c) => c.hash);
  const plain = (await closingCommitsFor(depsFor(repo, { TASKS_NO_CACHE: "1" }), task)).map((c) => c.hash);
  expect(cached).toEqual(plain);
  return cached;
}

function codeCommit(repo: TestRepo, message: string, date: string): string {
  repo.write(`src/${Math.random().toString(36).slice(2)}.txt`, `${message}\n`);
  return repo.commit(message, { date });
}

function gitDir(repo: TestRepo): string {
  return join(repo.dir, ".git");
}

function scenario(): TestRepo {
  const repo = makeRepo();
  seedTask(repo, { id: "k7m2q", title: "Fix login", status: "in-progress", created: "2026-11-10T09:00:00Z" });
  seedTask(repo, { id: "p3x9t", title: "Old work", status: "in-progress", created: "2026-01-05T09:00:00Z" });
  repo.commit("tasks", { date: "2026-11-10T09:00:00Z" });
  return repo;
}

describe("the closing-commit search of tasks done, with its cache", () => {
  it("keeps its answer and brings it forward by the commits added since", async () => {
    const repo = scenario();
    const first = codeCommit(repo, "Raise the timeout\n\nCloses: k7m2q", "2026-11-12T09:00:00Z");
    expect(await closing(repo, "k7m2q")).toEqual([first]);
    expect(existsSync(join(gitDir(repo), ...CACHE))).toBe(true);
    codeCommit(repo, "Unrelated", "2026-11-13T09:00:00Z");
    const second = codeCommit(repo, "Retry once\n\nFixes: k7m", "2026-11-14T09:00:00Z");
    expect(await closing(repo, "k7m2q")).toEqual([second, first]);
    const kept = JSON.parse(readFileSync(join(gitDir(repo), ...CACHE), "utf8")) as { tip: string };
    expect(kept.tip).toBe(repo.git(["rev-parse", "HEAD"]).trim());
  });

  it("never brings back a commit a reset dropped, nor one of another main branch", async () => {
    const repo = scenario();
    const kept = codeCommit(repo, "Keep\n\nCloses: k7m2q", "2026-11-12T09:00:00Z");
    const dropped = codeCommit(repo, "Dropped later\n\nCloses: k7m2q", "2026-11-13T09:00:00Z");
    expect(await closing(repo, "k7m2q")).toEqual([dropped, kept]);
    repo.git(["reset", "-q", "--hard", "HEAD~1"]);
    const after = codeCommit(repo, "After the reset\n\nFixes: k7m2q", "2026-11-14T09:00:00Z");
    expect(await closing(repo, "k7m2q")).toEqual([after, kept]);
    // Another line of history altogether (an orphan main branch): nothing from the old one.
    repo.git(["checkout", "-q", "--orphan", "other"]);
    const orphan = codeCommit(repo, "Fresh start\n\nCloses: k7m2q", "2026-11-15T09:00:00Z");
    repo.git(["branch", "-q", "-D", "main"]);
    repo.git(["branch", "-q", "-m", "main"]);
    expect(await closing(repo, "k7m2q")).toEqual([orphan]);
  });

  it("searches again for a task older than the window it kept, and keeps the wider window", async () => {
    const repo = scenario();
    const early = codeCommit(repo, "Early fix\n\nCloses: p3x9t", "2026-11-10T10:00:00Z");
    // Dated before k7m2q was created (a commit of another branch, merged in by a fast-forward).
    repo.write("src/old.txt", "old\n");
    const before = repo.commit("Too early for k7m2q\n\nCloses: k7m2q", { date: "2026-10-01T09:00:00Z" });
    repo.git(["reset", "-q", "--hard", "HEAD~1"]);
    const late = codeCommit(repo, "Late fix\n\nCloses: p3x9t, k7m2q", "2026-11-12T09:00:00Z");
    repo.git(["merge", "-q", "--no-ff", "--no-edit", before], { env: { GIT_COMMITTER_DATE: "2026-11-12T10:00:00Z", GIT_AUTHOR_DATE: "2026-11-12T10:00:00Z" } });
    expect(await closing(repo, "k7m2q")).toEqual([late]);
    expect(await closing(repo, "p3x9t")).toEqual([late, early]);
    const kept = JSON.parse(readFileSync(join(gitDir(repo), ...CACHE), "utf8")) as { since: string };
    expect(Date.parse(kept.since)).toBeLessThan(Date.parse("2026-01-05T09:00:00Z"));
    expect(await closing(repo, "k7m2q")).toEqual([late]);
    // The wide window serves the young task too: the commit before its creation stays out.
    codeCommit(repo, "More\n\nCloses: k7m2q", "2026-11-16T09:00:00Z");
    expect((await closing(repo, "k7m2q")).length).toBe(2);
  });

  it("ignores a damaged cache and one another version of the tool wrote", async () => {
    const repo = scenario();
    const fix = codeCommit(repo, "Fix\n\nCloses: k7m2q", "2026-11-12T09:00:00Z");
    expect(await closing(repo, "k7m2q")).toEqual([fix]);
    const path = join(gitDir(repo), ...CACHE);
    const head = repo.git(["rev-parse", "HEAD"]).trim();
    // A cache that claims HEAD has no closing commit: from another version, it is not believed.
    writeFileSync(path, JSON.stringify({ tool: "test-0", tip: head, since: null, output: "" }));
    expect(await closing(repo, "k7m2q")).toEqual([fix]);
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
    expect(await closing(repo, "k7m2q")).toEqual([fix]);
    writeFileSync(path, JSON.stringify({ tool: "test-1", tip: head, since: null, output: "cut off" }));
    expect(await closing(repo, "k7m2q")).toEqual([fix]);
    writeFileSync(path, "\0\0garbage");
    expect(await closing(repo, "k7m2q")).toEqual([fix]);
  });

  it("keeps nothing in a shallow clone", async () => {
    const origin = scenario();
    codeCommit(origin, "Fix\n\nCloses: k7m2q", "2026-11-12T09:00:00Z");
    codeCommit(origin, "More\n\nCloses: k7m2q", "2026-11-13T09:00:00Z");
    const clone = makeRepo({ initialCommit: false });
    clone.git(["fetch", "-q", "--depth=2", `file://${origin.dir}`, "main:refs/remotes/origin/main"]);
    clone.git(["reset", "-q", "--hard", "origin/main"]);
    expect(clone.git(["rev-parse", "--is-shallow-repository"]).trim()).toBe("true");
    expect((await closing(clone, "k7m2q")).length).toBe(2);
    expect(existsSync(join(gitDir(clone), ...CACHE))).toBe(false);
  });
});
