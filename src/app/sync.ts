import type { GitPort } from "../git/git.js";
import { operationInProgress } from "../git/repo-state.js";
import { resolveCommit } from "../git/revisions.js";
import { aheadBehind, changedBetween, currentBranch, isUntracked, statusEntries, type Upstream, upstreamOf } from "../git/work-state.js";
import { renderPathList as list } from "../render/path-list.js";
import { sanitizeLine } from "../render/sanitize.js";
import { withToolLock } from "../storage/tool-lock.js";
import { conflictSummary, describeConflicts, type ConflictedFile } from "./conflict-report.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { type DriverRegistration, ensureMergeDriver } from "./merge-driver-setup.js";
import { preflightWrite } from "./write-preflight.js";

/**
 * `tasks sync`: fetch, rebase the local commits onto the upstream, push; again (at most three
 * times) when someone pushed in between. Never forces, never resets, never stashes. Task files git
 * merges with the field-level driver; a conflict it cannot settle stops the rebase where plain git
 * would, and the error names the tasks and fields.
 */

export const MAX_ATTEMPTS = 3;

export interface SyncOutcome {
  readonly upstream: string;
  readonly received: number;
  readonly sent: number;
  readonly attempts: number;
  readonly mergeDriver: DriverRegistration;
  /** The post record (refs/tasks/posted): keys received from and sent to the remote. */
  readonly postRecord: { readonly received: number; readonly sent: number; readonly problem: string | null };
}

/** The branch and its upstream, or a refusal saying how to set one. */
export async function branchUpstream(git: GitPort): Promise<Upstream> {
  const branch = await currentBranch(git);
  if (branch === null) {
    throw new TasksError("DETACHED_HEAD", "HEAD is detached: there is no branch to sync", { hint: "check out your branch first: git switch <branch>" });
  }
  const upstream = await upstreamOf(git, branch);
  if (upstream === null) {
    const remotes = (await git.raw(["remote"])).split("\n").filter(Boolean);
    const remote = remotes.includes("origin") ? "origin" : (remotes[0] ?? "origin");
    throw new TasksError("NO_UPSTREAM", `the branch ${sanitizeLine(branch)} has no upstream to sync with`, {
      hint:
        remotes.length === 0
          ? `add a remote and publish the branch: git remote add origin <url> && git push -u origin ${branch}`
          : `publish it: git push -u ${remote} ${branch}   (or track an existing one: git branch --set-upstream-to=${remote}/${branch})`,
      details: { remotes },
    });
  }
  return upstream;
}

/** Brings HEAD up to `target` when that is a fast-forward nothing dirty stands in the way of. */
export async function fastForwardIfPossible(git: GitPort, target: string): Promise<boolean> {
  const head = await resolveCommit(git, "HEAD");
  if (head === undefined) return false;
  const { ahead, behind } = await aheadBehind(git, head, target);
  if (behind === 0) return true;
  if (ahead > 0) return false;
  const touched = new Set(await changedBetween(git, head, target));
  if ((await statusEntries(git)).some((e) => touched.has(e.path))) return false;
  await git.fastForward(target);
  return true;
}

async function assertTasksClean(git: GitPort, repo: Repo): Promise<void> {
  const entries = await statusEntries(git, [repo.config.tasksDir]);
  if (entries.length === 0) return;
  const changed = entries.filter((e) => !isUntracked(e)).map((e) => e.path);
  const untracked = entries.filter(isUntracked).map((e) => e.path);
  const what = [changed.length > 0 ? `uncommitted changes in ${repo.config.tasksDir}/: ${list(changed)}` : "", untracked.length > 0 ? `never committed (untracked): ${list(untracked)}` : ""];
  const undo = [changed.length > 0 ? "undo a change with git restore <file>" : "", untracked.length > 0 ? "move an untracked file out of the tasks folder" : ""];
  throw new TasksError("DIRTY_TASKS", `${what.filter(Boolean).join("; ")}; nothing was synced`, {
    hint: `commit them (git add <file> && git commit), or ${undo.filter(Boolean).join(" or ")}, then run tasks sync again`,
    details: { paths: entries.map((e) => e.path), untracked },
  });
}

/**
 * Files in the way of bringing in the upstream's commits: changed tracked files, and untracked
 * files at paths the upstream adds (git will not overwrite them, and `git stash` does not take them).
 */
function inTheWay(tracked: readonly string[], untracked: readonly string[], what: string): TasksError {
  const parts = [tracked.length > 0 ? `${what}: ${list(tracked)}` : "", untracked.length > 0 ? `the upstream adds files that exist here untracked: ${list(untracked)} (git will not overwrite them)` : ""];
  const hint =
    untracked.length === 0
      ? "commit them, or put them aside with git stash, run tasks sync, then git stash pop"
      : `${tracked.length > 0 ? "commit the changed files or put them aside with git stash; " : ""}keep an untracked file by committing it (git add <file> && git commit), or move it out of the way and compare after the sync (git stash does not take untracked files), then run tasks sync again`;
  return new TasksError("DIRTY_WORKTREE", `${parts.filter(Boolean).join("; ")}; nothing was synced`, { hint, details: { paths: [...tracked, ...untracked], untracked: [...untracked] } });
}

async function assertRebaseable(git: GitPort, head: string, tip: string): Promise<void> {
  const entries = await statusEntries(git);
  const tracked = entries.filter((e) => !isUntracked(e)).map((e) => e.path);
  const touched = new Set(await changedBetween(git, head, tip));
  const untracked = entries.filter((e) => isUntracked(e) && touched.has(e.path)).map((e) => e.path);
  if (tracked.length + untracked.length > 0) throw inTheWay(tracked, untracked, "git cannot rebase onto the upstream while these files have uncommitted changes");
}

async function integrate(deps: Deps, repo: Repo, head: string, tip: string, ahead: number): Promise<void> {
  const git = await deps.git();
  if (ahead === 0) {
    const touched = new Set(await changedBetween(git, head, tip));
    const blockers = (await statusEntries(git)).filter((e) => touched.has(e.path));
    if (blockers.length > 0) {
      throw inTheWay(blockers.filter((e) => !isUntracked(e)).map((e) => e.path), blockers.filter(isUntracked).map((e) => e.path), "the upstream changes files you have changed too");
    }
    await git.fastForward(tip);
    return;
  }
  await assertRebaseable(git, head, tip);
  try {
    await git.rebase(tip);
  } catch (error) {
    if (!(await operationInProgress(repo.gitDir))) throw error;
    const files: ConflictedFile[] = await describeConflicts(git, repo.config);
    const what = files.length > 0 ? ` on a conflict git cannot merge: ${conflictSummary(files)}` : `: git rebase did not finish (${error instanceof Error ? error.message : String(error)})`;
    throw new TasksError("SYNC_CONFLICT", `sync stopped${what}`, {
      hint: "git status shows it; fix the marked lines, git add <file>, git rebase --continue, then tasks sync. Or go back with git rebase --abort",
      details: { conflicts: files.map((f) => ({ path: f.path, id: f.id, fields: f.what })) },
    });
  }
}

async function fetchOrOffline(git: GitPort, upstream: Upstream): Promise<void> {
  try {
    await git.fetch(upstream.remote);
  } catch (error) {
    if (!(error instanceof TasksError) || error.code !== "REMOTE_UNREACHABLE") throw error;
    const head = await resolveCommit(git, "HEAD");
    const known = await resolveCommit(git, upstream.trackingRef);
    const pending = head && known ? (await aheadBehind(git, head, known)).ahead : 0;
    const kept = pending === 1 ? "your 1 local commit is kept" : `your ${pending} local commits are kept`;
    throw new TasksError("REMOTE_UNREACHABLE", `${error.message}: ${kept}`, { hint: "keep working; run tasks sync again when the remote is reachable", cause: error });
  }
}

export async function syncRepository(deps: Deps): Promise<SyncOutcome> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  return withToolLock(repo.gitDir, async () => {
    const outcome = await syncBranch(deps, repo, git);
    // The post record travels next to the branch (docs/ci.md): merged with the remote's, pushed.
    const [{ syncPostRecord }, { gitEnvironment }] = await Promise.all([import("../git/post-record.js"), import("../git/simple-git-client.js")]);
    const postRecord = await syncPostRecord(repo.root, gitEnvironment(deps.settings.env), deps.now());
    return { ...outcome, postRecord };
  });
}

async function syncBranch(deps: Deps, repo: Repo, git: GitPort): Promise<Omit<SyncOutcome, "postRecord">> {
  await preflightWrite(deps, repo, { committing: true });
  const upstream = await branchUpstream(git);
  await assertTasksClean(git, repo);
  const mergeDriver = await ensureMergeDriver(deps, "only-if-missing");
  let received = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    await fetchOrOffline(git, upstream);
    const tip = await resolveCommit(git, upstream.trackingRef);
    if (tip === undefined) {
      throw new TasksError("NO_UPSTREAM", `${sanitizeLine(upstream.label)} does not exist on the remote`, { hint: `publish the branch: git push -u ${upstream.remote} ${upstream.branch}` });
    }
    const head = (await resolveCommit(git, "HEAD")) ?? tip;
    const before = await aheadBehind(git, head, tip);
    if (before.behind > 0) await integrate(deps, repo, head, tip, before.ahead);
    received += before.behind;
    const now = (await resolveCommit(git, "HEAD")) as string;
    const { ahead } = await aheadBehind(git, now, tip);
    if (ahead === 0) return { upstream: upstream.label, received, sent: 0, attempts: attempt, mergeDriver };
    if ((await git.push(upstream.remote, now, upstream.remoteRef)) === "pushed") {
      return { upstream: upstream.label, received, sent: ahead, attempts: attempt, mergeDriver };
    }
  }
  throw new TasksError("PUSH_FAILED", `${sanitizeLine(upstream.label)} kept moving: the push was rejected ${MAX_ATTEMPTS} times; your commits are rebased and kept`, {
    hint: "run tasks sync again",
  });
}
