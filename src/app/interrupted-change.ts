import type { CommitMessage } from "../git/commit-message.js";
import { assertWritable } from "../git/repo-state.js";
import { uncommittedPaths } from "../git/revisions.js";
import { renderPathList } from "../render/path-list.js";
import { sanitizeLine } from "../render/sanitize.js";
import { clearIntent, contentHash, type Intent, readIntents, recordIntent } from "../storage/change-journal.js";
import { toolLockHeld, withToolLock } from "../storage/tool-lock.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { assertNoConflicts } from "./write-preflight.js";

/**
 * A crash between a write and its commit (reliability.md C6) leaves task files changed and
 * uncommitted. The change journal (storage/change-journal.ts) remembers what the command wrote
 * and meant to commit; here the next run tells such a leftover from anything else:
 *   - pending: the file still holds exactly the bytes the command wrote, uncommitted;
 *   - edited: it is uncommitted but someone changed it since (not ours to commit);
 *   - settled: committed after all, put back, or removed (the record is just forgotten).
 * Nothing here ever discards a change or folds it into another command's commit.
 */

export interface InterruptedChange {
  readonly intent: Intent;
  readonly pending: readonly string[];
  readonly edited: readonly string[];
}

function currentHash(repo: Repo, path: string): string | null | undefined {
  try {
    const bytes = repo.store.readFileBytes(repo.store.absPath(path));
    return bytes instanceof Uint8Array ? contentHash(bytes) : undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : undefined;
  }
}

/** The journal's records, each with what is still left of it. */
export async function findInterrupted(deps: Deps, repo: Repo): Promise<{ changes: InterruptedChange[]; settled: Intent[] }> {
  const { intents } = await readIntents(repo.gitDir);
  if (intents.length === 0) return { changes: [], settled: [] };
  const uncommitted = new Set(await uncommittedPaths(await deps.git(), repo.config.tasksDir));
  const inTasks = (path: string): boolean => path.startsWith(`${repo.config.tasksDir}/`);
  const changes: InterruptedChange[] = [];
  const settled: Intent[] = [];
  for (const intent of intents) {
    const pending: string[] = [];
    const edited: string[] = [];
    for (const file of intent.files) {
      if (!inTasks(file.path) || !uncommitted.has(file.path)) continue;
      (currentHash(repo, file.path) === file.sha256 ? pending : edited).push(file.path);
    }
    if (pending.length + edited.length === 0) settled.push(intent);
    else changes.push({ intent, pending, edited });
  }
  return { changes, settled };
}

export function interruptedWarning(change: InterruptedChange): string {
  const { intent, pending, edited } = change;
  const what = `warning: a tasks command was stopped before its commit (${sanitizeLine(intent.message.subject)})`;
  if (edited.length > 0) return `${what}: ${renderPathList(edited)} changed since; commit it yourself, then run 'tasks resume --forget'`;
  return `${what}: ${renderPathList(pending)} ${pending.length === 1 ? "holds" : "hold"} the change; run 'tasks resume' to commit it`;
}

/** For reading commands: one warning line per interrupted change, unless a tasks command is running right now. */
export async function warnInterrupted(deps: Deps): Promise<void> {
  const repo = await deps.repo();
  if (await toolLockHeld(repo.gitDir)) return;
  const { changes } = await findInterrupted(deps, repo).catch(() => ({ changes: [] as InterruptedChange[] }));
  for (const change of changes) deps.warn(interruptedWarning(change));
}

/**
 * For writing commands, under the tool lock: forgets settled records, warns about the others, and
 * refuses to touch a file that holds an interrupted change (its commit would swallow that change).
 */
export async function guardInterrupted(deps: Deps, repo: Repo, paths: readonly string[] = []): Promise<void> {
  const { changes, settled } = await findInterrupted(deps, repo);
  for (const intent of settled) await clearIntent(repo.gitDir, intent.id);
  const wanted = new Set(paths);
  for (const change of changes) {
    const overlap = [...change.pending, ...change.edited].filter((path) => wanted.has(path));
    if (overlap.length > 0) {
      throw new TasksError("INTERRUPTED_CHANGE", `${renderPathList(overlap)} ${overlap.length === 1 ? "holds" : "hold"} the uncommitted change of a stopped command (${change.intent.message.subject}); nothing was changed`, {
        hint: change.edited.length > 0 ? "commit or restore the file yourself, then run 'tasks resume --forget'" : "run 'tasks resume' to commit it first",
      });
    }
    if (paths.length === 0) deps.warn(interruptedWarning(change));
  }
}

/**
 * Runs `write` (the command's file writes and commit) between recording the intent and clearing
 * it. When `write` throws it has put the files back itself, so the record goes too; only a
 * process that dies leaves it for the next run.
 */
export async function withIntent<T>(repo: Repo, files: readonly { path: string; text: string | null }[], message: CommitMessage, write: () => Promise<T>): Promise<T> {
  const action = message.trailers.find(([key]) => key === "Task-Action")?.[1] ?? "change";
  const id = await recordIntent(repo.gitDir, {
    action: /^[a-z][a-z-]{0,30}$/.test(action) ? action : "change",
    started: new Date().toISOString(),
    message,
    files: files.map((f) => ({ path: f.path, sha256: f.text === null ? null : contentHash(f.text) })),
  });
  try {
    return await write();
  } finally {
    await clearIntent(repo.gitDir, id);
  }
}

export interface ResumeOutcome {
  readonly committed: readonly { readonly action: string; readonly subject: string; readonly paths: readonly string[]; readonly commit: string }[];
  readonly forgotten: readonly { readonly action: string; readonly paths: readonly string[] }[];
}

/**
 * `tasks resume`: under the tool lock, commits each interrupted change's files with the message
 * its command meant to use, oldest first; `forget` drops the records and leaves the files alone.
 * A file edited since the interruption is never committed under the tool's message.
 */
export async function resumeInterrupted(deps: Deps, options: { readonly forget: boolean }): Promise<ResumeOutcome> {
  const repo = await deps.repo();
  await assertWritable(repo.gitDir, { committing: !options.forget });
  return withToolLock(repo.gitDir, async () => {
    await assertWritable(repo.gitDir, { committing: !options.forget });
    if (!options.forget) await assertNoConflicts(deps, repo);
    const { intents, unreadable } = await readIntents(repo.gitDir);
    for (const name of unreadable) deps.warn(`warning: .git/${name} is not a record tasks can read; it was left alone (remove it if no tasks command is running)`);
    if (intents.length === 0) return { committed: [], forgotten: [] };
    const { changes, settled } = await findInterrupted(deps, repo);
    for (const intent of settled) await clearIntent(repo.gitDir, intent.id);
    if (options.forget) {
      for (const change of changes) await clearIntent(repo.gitDir, change.intent.id);
      return { committed: [], forgotten: changes.map((c) => ({ action: c.intent.action, paths: [...c.pending, ...c.edited] })) };
    }
    const edited = changes.flatMap((c) => c.edited);
    if (edited.length > 0) {
      throw new TasksError("INTERRUPTED_CHANGE", `${renderPathList(edited)} changed after the interrupted command wrote ${edited.length === 1 ? "it" : "them"}; nothing was committed`, {
        hint: "commit or restore those files yourself, then run 'tasks resume --forget'",
        details: { paths: edited },
      });
    }
    const git = await deps.git();
    const committed: ResumeOutcome["committed"][number][] = [];
    for (const change of changes) {
      const commit = await git.commitPaths(change.pending, change.intent.message, { addNew: false });
      await clearIntent(repo.gitDir, change.intent.id);
      committed.push({ action: change.intent.action, subject: change.intent.message.subject, paths: change.pending, commit });
    }
    return { committed, forgotten: [] };
  });
}
