import { rmSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Repo } from "../../src/app/deps.js";
import { filesWithMarkers, startAdvance } from "../../src/app/marker-scan.js";
import { DEFAULT_CONFIG } from "../../src/domain/config.js";
import { createGitClient } from "../../src/git/simple-git-client.js";
import { guessHeadCommit } from "../../src/git/repo-state.js";
import { folderState } from "../../src/git/work-state.js";
import { TaskStore } from "../../src/storage/task-store.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";

/**
 * The write preflight brings the conflict-marker facts forward to the HEAD the git folder names
 * while `git status` runs; the guess is read without git and used only when status agrees.
 */

function head(repo: TestRepo): string {
  return repo.git(["rev-parse", "HEAD"]).trim();
}

describe("HEAD's commit read from the git folder", () => {
  it("follows a loose branch ref, a packed one, and a detached HEAD", () => {
    const repo = makeRepo();
    const gitDir = join(repo.dir, ".git");
    expect(guessHeadCommit(gitDir)).toBe(head(repo));
    repo.git(["pack-refs", "--all", "--prune"]);
    expect(guessHeadCommit(gitDir)).toBe(head(repo));
    repo.write("a.txt", "a\n");
    repo.commit("a");
    repo.git(["checkout", "-q", "--detach", "HEAD~1"]);
    expect(guessHeadCommit(gitDir)).toBe(head(repo));
  });

  it("cannot tell on an unborn branch or in a linked worktree", () => {
    expect(guessHeadCommit(join(makeRepo({ initialCommit: false }).dir, ".git"))).toBeUndefined();
    const repo = makeRepo();
    const other = `${repo.dir}-wt`;
    repo.git(["worktree", "add", "-q", "-b", "side", other]);
    onTestFinished(() => rmSync(other, { recursive: true, force: true }));
    expect(guessHeadCommit(join(repo.dir, ".git", "worktrees", basename(other)))).toBeUndefined();
  });
});

describe("the marker facts brought forward beside git status", () => {
  it("are used only for the HEAD status names: a guess that went stale is asked again", async () => {
    const repo = makeRepo();
    repo.write("tasks/2026-11/aaaaa-a.md", "---\nid: aaaaa\ntitle: A\nstatus: todo\n---\n");
    repo.commit("tasks");
    const gitDir = join(repo.dir, ".git");
    const git = await createGitClient(repo.dir, repo.env);
    const cached: Repo = { root: repo.dir, gitDir, config: DEFAULT_CONFIG, store: new TaskStore(repo.dir, DEFAULT_CONFIG, { gitDir, tool: "test-1" }) };
    expect(await filesWithMarkers(git, cached, await folderState(git, "tasks"))).toEqual([]);
    // A commit with markers; the facts are then brought forward to it.
    repo.write("tasks/2026-11/aaaaa-a.md", "---\nid: aaaaa\ntitle: A\nstatus: todo\n---\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> other\n");
    repo.commit("markers");
    const early = startAdvance(git, cached);
    expect(early?.to).toBe(head(repo));
    // HEAD moves again before status answers: the early answer is about another commit.
    repo.write("tasks/2026-11/bbbbb-b.md", "---\nid: bbbbb\ntitle: B\nstatus: todo\n---\n>>>>>>> stray\n<<<<<<< HEAD\n=======\n>>>>>>> x\n");
    repo.commit("more markers");
    const state = await folderState(git, "tasks");
    expect(state.head).not.toBe(early?.to);
    expect(await filesWithMarkers(git, cached, state, early)).toEqual(["tasks/2026-11/aaaaa-a.md", "tasks/2026-11/bbbbb-b.md"]);
  });
});
