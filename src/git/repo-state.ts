import { existsSync, readFileSync } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";

/**
 * What git is in the middle of, read from the git folder without spawning git. Writing commands
 * refuse while an operation is in progress: committing then would fold the tool's change into
 * someone's half-done merge or rebase.
 */

const OPERATIONS: readonly (readonly [string, string, string])[] = [
  ["rebase-merge", "a rebase", "git rebase --continue (after resolving) or git rebase --abort"],
  ["rebase-apply", "a rebase", "git rebase --continue (after resolving) or git rebase --abort"],
  ["MERGE_HEAD", "a merge", "git commit (after resolving) or git merge --abort"],
  ["CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue or git cherry-pick --abort"],
  ["REVERT_HEAD", "a revert", "git revert --continue or git revert --abort"],
];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function operationInProgress(gitDir: string): Promise<{ name: string; hint: string } | undefined> {
  for (const [file, name, hint] of OPERATIONS) {
    if (await exists(join(gitDir, file))) return { name, hint };
  }
  return undefined;
}

/** Refuses (exit 4) while an operation is in progress or git's index is locked. Nothing is touched. */
export async function assertWritable(gitDir: string, options: { committing: boolean }): Promise<void> {
  const operation = await operationInProgress(gitDir);
  if (operation) {
    throw new TasksError("GIT_BUSY", `git is in the middle of ${operation.name}; tasks changes nothing until it is finished`, {
      hint: `finish it first: ${operation.hint}`,
    });
  }
  if (options.committing && (await exists(join(gitDir, "index.lock")))) {
    throw new TasksError("GIT_LOCKED", "git's index is locked (.git/index.lock exists); nothing was changed", {
      hint: "wait for the other git command to finish; if none is running, remove .git/index.lock yourself",
    });
  }
}

/**
 * Is HEAD detached (a commit, not `ref: refs/heads/…`)? Read from the HEAD file, no git process.
 * A HEAD that cannot be read, or a reftable stub (always a symbolic ref), counts as attached.
 */
export async function headIsDetached(gitDir: string): Promise<boolean> {
  try {
    const head = (await readFile(join(gitDir, "HEAD"), "utf8")).trim();
    return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(head);
  } catch {
    return false;
  }
}

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * HEAD's commit as the git folder spells it (HEAD, then a loose branch ref or packed-refs), read
 * without git: a guess that lets a question about HEAD start beside `git status`, checked by the
 * caller against git's own answer. Undefined when it cannot tell (a linked worktree, whose refs
 * live in the shared folder; a reftable; a ref name or file that looks odd).
 */
export function guessHeadCommit(gitDir: string): string | undefined {
  try {
    if (existsSync(join(gitDir, "commondir"))) return undefined;
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    if (COMMIT.test(head)) return head;
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (ref === undefined || ref.split("/").some((part) => part === "" || part === "." || part === "..")) return undefined;
    if (existsSync(join(gitDir, ...ref.split("/")))) {
      const loose = readFileSync(join(gitDir, ...ref.split("/")), "utf8").trim();
      return COMMIT.test(loose) ? loose : undefined;
    }
    for (const line of readFileSync(join(gitDir, "packed-refs"), "utf8").split("\n")) {
      if (line.endsWith(` ${ref}`)) {
        const id = line.slice(0, line.indexOf(" "));
        return COMMIT.test(id) ? id : undefined;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}
