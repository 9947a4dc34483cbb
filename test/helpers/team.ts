import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { type CliResult, runCli } from "./cli.js";
import { makeRemoteWithClones, type TestRemote, type TestRepo } from "./repo.js";

/** Runs the built CLI in a clone, as that clone's user; `now` pins TASKS_NOW and git's dates. */
export function tasksIn(repo: TestRepo, now?: string): (...args: string[]) => Promise<CliResult> {
  const env = now ? { ...repo.env, TASKS_NOW: now, GIT_AUTHOR_DATE: now, GIT_COMMITTER_DATE: now } : repo.env;
  return (...args) => runCli(args, { cwd: repo.dir, env });
}

/**
 * A bare remote and `count` clones, all initialised: the first ran `tasks init` and pushed it,
 * the others pulled and ran `tasks init` too (which only registers the merge driver there).
 */
export async function initialisedTeam(count: number): Promise<TestRemote> {
  const remote = makeRemoteWithClones(count);
  const [first, ...others] = remote.clones as [TestRepo, ...TestRepo[]];
  expect((await tasksIn(first)("init")).code).toBe(0);
  first.git(["push", "-q"]);
  for (const clone of others) {
    clone.git(["pull", "-q"]);
    const head = clone.git(["rev-parse", "HEAD"]);
    const init = await tasksIn(clone)("init", "--json");
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ written: [], commit: null, mergeDriver: "registered" });
    // In an initialised repository init changes no tracked file: only the clone's own git config.
    expect(clone.git(["status", "--porcelain"])).toBe("");
    expect(clone.git(["rev-parse", "HEAD"])).toBe(head);
  }
  return remote;
}

/** Creates a task in `repo` and returns its id and repo-relative path. */
export async function newTask(repo: TestRepo, ...args: string[]): Promise<{ id: string; path: string }> {
  const created = await tasksIn(repo)("new", ...args);
  expect(created.code, created.stderr).toBe(0);
  const id = created.stdout.trim();
  const path = repo.git(["ls-files", "tasks"]).split("\n").find((p) => p.includes(`/${id}-`)) as string;
  return { id, path };
}

/** Every tracked task file holding a conflict marker line. */
export function filesWithMarkers(repo: TestRepo): string[] {
  return repo
    .git(["ls-files", "tasks"])
    .split("\n")
    .filter((p) => p.endsWith(".md") && /^(<{7}|={7}|>{7})( |$)/m.test(repo.read(p)));
}

/**
 * Makes the remote's main move to `commit` while the next push is being received, as a
 * concurrent push would: the remote's pre-receive hook updates the ref once, so the push that
 * triggered it fails its compare-and-swap (`failed to update ref`). `commit` must be in the remote.
 */
export function raceOnNextPush(remoteDir: string, commit: string): void {
  writeFileSync(join(remoteDir, "race-commit"), commit);
  writeFileSync(join(remoteDir, "race-once"), "");
  const hook = join(remoteDir, "hooks", "pre-receive");
  writeFileSync(hook, '#!/bin/sh\nif [ -f race-once ]; then rm race-once; unset GIT_QUARANTINE_PATH; git update-ref refs/heads/main "$(cat race-commit)"; fi\n');
  chmodSync(hook, 0o755);
}
