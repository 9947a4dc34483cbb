import { assertWritable, headIsDetached } from "../git/repo-state.js";
import { filesWithMarkerLines, unmergedEntries } from "../git/work-state.js";
import { renderPathList as list } from "../render/path-list.js";
import { findConflictMarker } from "../storage/task-codec.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { guardInterrupted } from "./interrupted-change.js";

/**
 * What every writing command checks once it holds the tool lock: git is not in the middle of a
 * merge, rebase, cherry-pick or revert; its index is not locked; and no file in the tasks folder is
 * unmerged or holds conflict markers. Writing then would fold the tool's change into a half-done
 * resolution, or commit markers that make a task unreadable for everyone. A change an earlier
 * command wrote but never committed (it was killed) is pointed out, once, with how to finish it.
 */

export async function assertNoConflicts(deps: Deps, repo: Repo): Promise<void> {
  const git = await deps.git();
  const dir = repo.config.tasksDir;
  // Both questions at once: at 10,000 tasks the marker search reads every file (~80 ms).
  const [entries, candidates] = await Promise.all([unmergedEntries(git), filesWithMarkerLines(git, dir)]);
  const unmerged = [...new Set(entries.map((e) => e.path))];
  if (unmerged.length > 0) {
    throw new TasksError("UNRESOLVED_CONFLICT", `git has unmerged files: ${list(unmerged)}; tasks changes nothing until they are resolved`, {
      hint: "edit each file to keep the right lines, then git add <file> (git status shows what is left)",
      details: { paths: unmerged },
    });
  }
  const marked: string[] = [];
  for (const path of candidates) {
    let bytes: ReturnType<Repo["store"]["readFileBytes"]> | undefined;
    try {
      bytes = repo.store.readFileBytes(repo.store.absPath(path));
    } catch {
      bytes = undefined;
    }
    if (bytes instanceof Uint8Array && findConflictMarker(new TextDecoder().decode(bytes)) !== undefined) marked.push(path);
  }
  if (marked.length > 0) {
    throw new TasksError("UNRESOLVED_CONFLICT", `task files hold git conflict markers: ${list(marked)}; tasks changes nothing until they are resolved`, {
      hint: "edit each file to keep the right lines and remove the <<<<<<< ======= >>>>>>> lines, then commit it",
      details: { paths: marked },
    });
  }
}

const warnedDetached = new WeakSet<Deps>();

/**
 * A commit on a detached HEAD is on no branch: `tasks sync` refuses to publish it, and checking
 * out a branch leaves it behind. The change is still made (git allows it, and it may be what the
 * user wants, e.g. on a CI checkout), with a warning, once per command.
 */
async function warnDetachedHead(deps: Deps, repo: Repo): Promise<void> {
  if (warnedDetached.has(deps) || !(await headIsDetached(repo.gitDir))) return;
  warnedDetached.add(deps);
  deps.warn("warning: HEAD is detached: this commit is on no branch, and tasks sync refuses to run until you are on one");
  deps.warn("hint: git switch -c <new-branch> keeps it on a new branch; or git switch <branch> and git cherry-pick it there");
}

/**
 * The full check, to run while holding the tool lock. `commitsToHead`: the command is about to
 * commit a change onto HEAD (not sync, which moves the branch and refuses a detached HEAD itself).
 */
export async function preflightWrite(deps: Deps, repo: Repo, options: { committing: boolean; commitsToHead?: boolean }): Promise<void> {
  await assertWritable(repo.gitDir, options);
  await assertNoConflicts(deps, repo);
  await guardInterrupted(deps, repo);
  if (options.committing && options.commitsToHead === true) await warnDetachedHead(deps, repo);
}
