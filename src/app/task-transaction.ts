import type { Config } from "../domain/config.js";
import { personFor, zoneFor } from "../domain/config.js";
import { appendLogEntry, formatLogEntry } from "../domain/task-log.js";
import type { Task } from "../domain/task.js";
import { formatStamp } from "../domain/time.js";
import { type CommitMessage, taskCommitMessage } from "../git/commit-message.js";
import type { Identity } from "../git/git.js";
import { assertWritable } from "../git/repo-state.js";
import { joinFrontmatter, splitFrontmatter } from "../storage/frontmatter.js";
import { decodeTask } from "../storage/task-codec.js";
import type { LoadedTask } from "../storage/task-store.js";
import { withToolLock } from "../storage/tool-lock.js";
import type { TaskChange } from "../domain/transitions.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { guardInterrupted, withIntent } from "./interrupted-change.js";
import { afterFailedRollback, afterRollback } from "./write-errors.js";
import { assertOnlyOwnChange, preflightWrite } from "./write-preflight.js";
import type { FolderState } from "../git/work-state.js";

/**
 * The one way a task changes: preflight (git state, identity) → lock → read → decide (pure) →
 * atomic write → one commit of exactly that file → unlock. If the commit fails, the file is put
 * back as it was, so nothing is left half-done.
 */

export interface Actor {
  readonly identity: Identity;
  /** Roster handle, else email. */
  readonly person: string;
  readonly zone: string;
}

export interface DecideContext {
  readonly actor: Actor;
  readonly config: Config;
  readonly now: Date;
}

export interface MutationResult {
  readonly task: Task;
  readonly before: Task;
  readonly changed: boolean;
  readonly commit: string | null;
}

export async function currentActor(deps: Deps, repo: Repo): Promise<Actor> {
  const identity = await (await deps.git()).identity();
  const person = personFor(repo.config, identity.email, identity.name);
  return { identity, person, zone: zoneFor(repo.config, person) };
}

export function applyChange(text: string, change: TaskChange, actor: Actor, now: Date, editYaml: (yaml: string, eol: "\n" | "\r\n") => string): string {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new TasksError("INVALID_TASK_FILE", "the task file lost its frontmatter while being edited; nothing was written");
  const yaml = change.edits.length > 0 ? editYaml(split.file.yaml, split.file.eol) : split.file.yaml;
  const body = change.log === undefined ? split.file.body : appendLogEntry(split.file.body, formatLogEntry(formatStamp(now, actor.zone), actor.person, change.log), split.file.eol);
  return joinFrontmatter(split.file, yaml, body);
}

/**
 * Runs `work` under the tool lock after the preflight, with the store listing the folder from
 * the preflight's git status (no walk of every folder) until it returns. `preload`: started
 * once the preflight's git processes run (the YAML editor compiles while git answers).
 */
async function underLock<T>(
  deps: Deps,
  repo: Repo,
  committing: boolean,
  actor: Promise<Actor>,
  work: (state: FolderState, actor: Actor) => Promise<T>,
  preload?: () => void,
): Promise<T> {
  const locked = withToolLock(repo.gitDir, async () => {
    const state = await preflightWrite(deps, repo, { committing, commitsToHead: true, first: actor, ...(preload ? { whileGitAnswers: preload } : {}) });
    if (repo.store.cache !== undefined) repo.store.pinListing(repo.store.filesFromGit(state));
    try {
      return await work(state, await actor);
    } finally {
      repo.store.pinListing(undefined);
    }
  });
  // An unknown identity is reported before anything found under the lock (the lock taken, git
  // busy or locked), as when it was asked first.
  return locked.catch(async (error: unknown) => {
    await actor;
    throw error;
  });
}

interface Prepared {
  readonly repo: Repo;
  /** Asked before the tool lock is taken, answered beside the preflight's git questions. */
  readonly actor: Promise<Actor>;
  readonly now: Date;
}

async function prepare(deps: Deps): Promise<Prepared> {
  const repo = await deps.repo();
  // Fail fast on a merge or rebase in progress; git's index lock and conflict markers are checked
  // under the tool lock (preflightWrite), where another tasks command's commit cannot be mistaken
  // for someone else's git.
  await assertWritable(repo.gitDir, { committing: false });
  // `git var` runs beside the preflight's status instead of before it; the preflight awaits it
  // before using any answer, so an unknown identity is still the first error reported.
  const actor = currentActor(deps, repo);
  actor.catch(() => undefined);
  return { repo, actor, now: deps.now() };
}

/** Decodes the text a change produced, so an invalid result is refused before anything is written. */
async function validateText(loaded: LoadedTask, text: string): Promise<Task> {
  const decoded = await decodeTask(loaded.task.path, new TextEncoder().encode(text));
  if ("problem" in decoded) {
    throw new TasksError("INVALID_VALUE", `the change would make ${loaded.task.path} invalid: ${decoded.problem.message}; nothing was written`, { hint: decoded.problem.hint });
  }
  return decoded.task;
}

interface PendingWrite {
  readonly loaded: LoadedTask;
  readonly text: string;
}

/**
 * Validates every new text, writes them all, commits them in one commit; if a write or the commit
 * fails, every file already written gets its old bytes back.
 */
async function writeTasks(
  deps: Deps,
  repo: Repo,
  pending: readonly PendingWrite[],
  commit: boolean,
  message: () => CommitMessage,
  state: FolderState,
): Promise<{ tasks: Task[]; commit: string | null }> {
  const tasks: Task[] = [];
  for (const write of pending) tasks.push(await validateText(write.loaded, write.text));
  const paths = pending.map((w) => w.loaded.task.path);
  await guardInterrupted(deps, repo, paths);
  if (commit) await assertOnlyOwnChange(deps, repo, paths, state);
  const written: PendingWrite[] = [];
  /** Puts the old bytes back; returns the files that could not be (their writes failed too). */
  const restore = async (): Promise<string[]> => {
    const stuck: string[] = [];
    for (const write of written.reverse()) await repo.store.write(write.loaded.absPath, write.loaded.text).catch(() => stuck.push(write.loaded.task.path));
    return stuck;
  };
  const writeAndCommit = async (commitMessage: CommitMessage | null): Promise<{ tasks: Task[]; commit: string | null }> => {
    try {
      for (const write of pending) {
        await repo.store.write(write.loaded.absPath, write.text);
        written.push(write);
      }
      if (commitMessage === null) return { tasks, commit: null };
      return { tasks, commit: await (await deps.git()).commitPaths(paths, commitMessage, { addNew: false }) };
    } catch (error) {
      const stuck = await restore();
      throw stuck.length > 0 ? afterFailedRollback(error, stuck) : afterRollback(error);
    }
  };
  if (!commit) return writeAndCommit(null);
  const commitMessage = message();
  return withIntent(repo, pending.map((w, i) => ({ path: paths[i] as string, text: w.text })), commitMessage, () => writeAndCommit(commitMessage));
}

/** Validates `text`, writes it over `loaded`, commits it; puts the old bytes back if the commit fails. */
async function writeTask(
  deps: Deps,
  repo: Repo,
  loaded: LoadedTask,
  text: string,
  commit: boolean,
  message: () => CommitMessage,
  state: FolderState,
): Promise<{ task: Task; commit: string | null }> {
  const result = await writeTasks(deps, repo, [{ loaded, text }], commit, message, state);
  return { task: result.tasks[0] as Task, commit: result.commit };
}

/**
 * Starts loading the YAML editor (the `yaml` package, ~40 ms to compile) so that it loads while
 * git answers the preflight questions, instead of after them. Not before git's processes are
 * started: compiling blocks the main thread, which would hold back their start by as much.
 */
export function preloadEditor(): void {
  import("../storage/yaml-edit.js").catch(() => undefined);
}

async function applyDecided(loaded: LoadedTask, change: TaskChange, actor: Actor, now: Date): Promise<string> {
  // A change that only appends to the log (a comment) edits no YAML: the editor is not loaded.
  if (change.edits.length === 0) return applyChange(loaded.text, change, actor, now, (yaml) => yaml);
  const { editFrontmatterYaml } = await import("../storage/yaml-edit.js");
  return applyChange(loaded.text, change, actor, now, (yaml, eol) => editFrontmatterYaml(yaml, change.edits, eol));
}

export async function mutateTask(
  deps: Deps,
  input: { readonly id: string; readonly commit: boolean; readonly editsYaml?: boolean },
  decide: (task: Task, context: DecideContext) => TaskChange | null,
): Promise<MutationResult> {
  const { repo, actor: asked, now } = await prepare(deps);
  return underLock(deps, repo, input.commit, asked, async (state, actor) => {
    const loaded = await repo.store.resolve(input.id);
    const change = decide(loaded.task, { actor, config: repo.config, now });
    if (change === null) return { task: loaded.task, before: loaded.task, changed: false, commit: null };
    const text = await applyDecided(loaded, change, actor, now);
    const written = await writeTask(deps, repo, loaded, text, input.commit, () =>
      taskCommitMessage(change.action, loaded.task.id, loaded.task.title, {
        ...(change.commitBody ? { body: [...change.commitBody] } : {}),
        ...(change.trailers ? { trailers: change.trailers.map(([k, v]) => [k, v] as [string, string]) } : {}),
      }),
      state,
    );
    return { ...written, before: loaded.task, changed: true };
  }, input.editsYaml !== false ? preloadEditor : undefined);
}

export interface DecidedChange {
  readonly task: Task;
  readonly change: TaskChange;
}

export interface MultiMutationResult {
  /** One per requested task, in the order asked (a task named twice counts once). */
  readonly results: readonly MutationResult[];
  readonly commit: string | null;
}

/**
 * Several tasks, one change each, ONE commit holding exactly their files (handoff of several
 * tasks). Same preflight, lock and validation as `mutateTask`; all files are decided and
 * validated before the first is written, and all are put back if a write or the commit fails.
 */
export async function mutateTasks(
  deps: Deps,
  input: { readonly ids: readonly string[]; readonly commit: boolean; readonly message: (changes: readonly DecidedChange[]) => CommitMessage },
  decide: (task: Task, context: DecideContext) => TaskChange | null,
): Promise<MultiMutationResult> {
  const { repo, actor: asked, now } = await prepare(deps);
  return underLock(deps, repo, input.commit, asked, async (state, actor) => {
    const loadedById = new Map<string, LoadedTask>();
    for (const id of input.ids) {
      const loaded = await repo.store.resolve(id);
      if (!loadedById.has(loaded.task.id)) loadedById.set(loaded.task.id, loaded);
    }
    const pending: (PendingWrite & { change: TaskChange })[] = [];
    for (const loaded of loadedById.values()) {
      const change = decide(loaded.task, { actor, config: repo.config, now });
      if (change !== null) pending.push({ loaded, change, text: await applyDecided(loaded, change, actor, now) });
    }
    const unchanged = (loaded: LoadedTask): MutationResult => ({ task: loaded.task, before: loaded.task, changed: false, commit: null });
    if (pending.length === 0) return { results: [...loadedById.values()].map(unchanged), commit: null };
    const written = await writeTasks(deps, repo, pending, input.commit, () => input.message(pending.map((p) => ({ task: p.loaded.task, change: p.change }))), state);
    const after = new Map(pending.map((p, i) => [p.loaded.task.id, written.tasks[i] as Task]));
    const results = [...loadedById.values()].map((loaded) => {
      const task = after.get(loaded.task.id);
      return task ? { task, before: loaded.task, changed: true, commit: written.commit } : unchanged(loaded);
    });
    return { results, commit: written.commit };
  }, preloadEditor);
}

/** Replaces a task file's whole text (tasks edit), if nobody changed the file in the meantime. */
export async function replaceTaskText(
  deps: Deps,
  input: { readonly id: string; readonly commit: boolean; readonly expected: string; readonly text: string; readonly action: string },
): Promise<MutationResult> {
  const { repo, actor } = await prepare(deps);
  return underLock(deps, repo, input.commit, actor, async (state) => {
    const loaded = await repo.store.resolve(input.id);
    if (loaded.text !== input.expected) {
      throw new TasksError("CONFLICT", `${loaded.task.path} changed while you were editing it; nothing was written`, { hint: "run tasks edit again" });
    }
    if (input.text === loaded.text) return { task: loaded.task, before: loaded.task, changed: false, commit: null };
    const written = await writeTask(deps, repo, loaded, input.text, input.commit, () => taskCommitMessage(input.action, loaded.task.id, loaded.task.title), state);
    return { ...written, before: loaded.task, changed: true };
  });
}

/**
 * Creates a new task file and commits it; removes it again if the commit fails. `preload`:
 * started once the preflight's git processes run (what `build` will need).
 */
export async function createTaskFile(
  deps: Deps,
  input: { readonly commit: boolean },
  build: (context: DecideContext & { readonly repo: Repo }) => Promise<{ absPath: string; text: string }>,
  preload?: () => void,
): Promise<{ task: Task; commit: string | null }> {
  const { repo, actor: asked, now } = await prepare(deps);
  return underLock(deps, repo, input.commit, asked, async (_state, actor) => {
    const { absPath, text } = await build({ actor, config: repo.config, now, repo });
    const path = repo.store.relPath(absPath);
    const decoded = await decodeTask(path, new TextEncoder().encode(text));
    if ("problem" in decoded) throw new TasksError("INVALID_VALUE", `the new task would be invalid: ${decoded.problem.message}`, { hint: decoded.problem.hint });
    if (!input.commit) {
      await repo.store.write(absPath, text, { exclusive: true });
      return { task: decoded.task, commit: null };
    }
    const message = taskCommitMessage("new", decoded.task.id, decoded.task.title);
    return withIntent(repo, [{ path, text }], message, async () => {
      await repo.store.write(absPath, text, { exclusive: true });
      const git = await deps.git();
      try {
        return { task: decoded.task, commit: await git.commitPaths([path], message, { addNew: true }) };
      } catch (error) {
        await git.unstage([path]).catch(() => undefined);
        const removed = await repo.store.remove(absPath).then(
          () => true,
          () => false,
        );
        throw removed ? afterRollback(error) : afterFailedRollback(error, [path]);
      }
    });
  }, preload);
}
