import { assertWritable, headIsDetached } from "../git/repo-state.js";
import { folderState, type FolderState, isUntracked, statusEntries, unmergedEntries } from "../git/work-state.js";
import { renderPathList as list } from "../render/path-list.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { guardInterrupted } from "./interrupted-change.js";
import { filesWithMarkers, startAdvance } from "./marker-scan.js";

/**
 * What every writing command checks once it holds the tool lock: git is not in the middle of a
 * merge, rebase, cherry-pick or revert; its index is not locked; and no file in the tasks folder is
 * unmerged or holds conflict markers. Writing then would fold the tool's change into a half-done
 * resolution, or commit markers that make a task unreadable for everyone. A change an earlier
 * command wrote but never committed (it was killed) is pointed out, once, with how to finish it.
 */

export async function assertNoConflicts(deps: Deps, repo: Repo, first?: Promise<unknown>, whileGitAnswers?: () => void): Promise<FolderState> {
  const git = await deps.git();
  const dir = repo.config.tasksDir;
  // Both questions at once; the status also tells which files differ from HEAD (marker-scan.ts).
  const asked = Promise.all([unmergedEntries(git), folderState(git, dir)]);
  // The marker facts are brought forward to the HEAD the git folder names meanwhile.
  const early = startAdvance(git, repo);
  // git's processes are started: work for the main thread meanwhile (loading the YAML editor).
  whileGitAnswers?.();
  if (first !== undefined) {
    // git answers while `first` settles; its failure is the one reported.
    asked.catch(() => undefined);
    await first;
  }
  const [entries, state] = await asked;
  const unmerged = [...new Set(entries.map((e) => e.path))];
  if (unmerged.length > 0) {
    throw new TasksError("UNRESOLVED_CONFLICT", `git has unmerged files: ${list(unmerged)}; tasks changes nothing until they are resolved`, {
      hint: "edit each file to keep the right lines, then git add <file> (git status shows what is left)",
      details: { paths: unmerged },
    });
  }
  const marked = await filesWithMarkers(git, repo, state, early);
  if (marked.length > 0) {
    throw new TasksError("UNRESOLVED_CONFLICT", `task files hold git conflict markers: ${list(marked)}; tasks changes nothing until they are resolved`, {
      hint: "edit each file to keep the right lines and remove the <<<<<<< ======= >>>>>>> lines, then commit it",
      details: { paths: marked },
    });
  }
  return state;
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
 * `first`: a question asked before (the identity), awaited once git's questions are running and
 * before any of their answers is used, so that its error still comes before every other.
 * `whileGitAnswers`: called once git's questions are running, for work that would otherwise
 * delay them.
 */
export async function preflightWrite(
  deps: Deps,
  repo: Repo,
  options: { committing: boolean; commitsToHead?: boolean; first?: Promise<unknown>; whileGitAnswers?: () => void },
): Promise<FolderState> {
  await assertWritable(repo.gitDir, options);
  const state = await assertNoConflicts(deps, repo, options.first, options.whileGitAnswers);
  await guardInterrupted(deps, repo);
  if (options.committing && options.commitsToHead === true) await warnDetachedHead(deps, repo);
  return state;
}

/** A path as it can be pasted into a shell command; anything else is shown as `<file>`. */
function shellPath(paths: readonly string[]): string {
  return paths.length === 1 && /^[\w./@+-]+$/.test(paths[0] as string) ? (paths[0] as string) : "<file>";
}

/**
 * The rule for hand edits (docs/cli-conventions.md): a tool commit holds only the tool's change.
 * A file the command would commit must match HEAD, so an uncommitted edit (by hand, by an earlier
 * --no-commit, staged or not, or a file never committed) is refused rather than folded into a
 * commit whose message does not describe it. A stopped command's change is refused the same way,
 * by guardInterrupted, which runs first and points to `tasks resume`. With --no-commit nothing is
 * committed, so the command writes on top of the edit. `state`: the preflight's folder status,
 * taken under the same tool lock with nothing written since.
 */
export async function assertOnlyOwnChange(deps: Deps, repo: Repo, paths: readonly string[], state?: FolderState): Promise<void> {
  const wanted = new Set(paths);
  // The preflight's status of the folder answers for its files (nothing was written since).
  const inFolder = state !== undefined && paths.every((p) => p.startsWith(`${repo.config.tasksDir}/`));
  const entries = inFolder ? state.entries.filter((e) => wanted.has(e.path)) : await statusEntries(await deps.git(), paths);
  if (entries.length === 0) return;
  const changed = entries.filter((e) => !isUntracked(e)).map((e) => e.path);
  const untracked = entries.filter(isUntracked).map((e) => e.path);
  const what = [changed.length > 0 ? `${list(changed)} ${changed.length === 1 ? "has" : "have"} uncommitted changes` : "", untracked.length > 0 ? `${list(untracked)} ${untracked.length === 1 ? "was" : "were"} never committed` : ""];
  const fix = [
    changed.length > 0 ? `commit them yourself (git commit -m "<what you changed>" -- ${shellPath(changed)}) or undo them (git restore --staged --worktree -- ${shellPath(changed)})` : "",
    untracked.length > 0 ? `commit a new file yourself (git add -- ${shellPath(untracked)} && git commit -m "<new task>" -- ${shellPath(untracked)})` : "",
  ];
  throw new TasksError("DIRTY_TASKS", `${what.filter(Boolean).join("; ")}; a tasks commit holds only its own change, so nothing was changed`, {
    hint: `${fix.filter(Boolean).join("; ")}, then run the command again; or run it with --no-commit`,
    details: { paths: entries.map((e) => e.path), untracked },
  });
}
