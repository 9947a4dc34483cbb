import { basename, dirname } from "node:path";
import { generateId } from "../domain/ids.js";
import { meantHolder, orderHolders, referenceCommit, renamedFileName, replaceDependency } from "../domain/renumber.js";
import { FIELD, type Task } from "../domain/task.js";
import type { TaskChange } from "../domain/transitions.js";
import { type CommitMessage, taskCommitMessage } from "../git/commit-message.js";
import type { GitPort } from "../git/git.js";
import { assertWritable } from "../git/repo-state.js";
import { aheadBehind, commitAdding } from "../git/work-state.js";
import { decodeTask } from "../storage/task-codec.js";
import type { LoadedTask } from "../storage/task-store.js";
import { withToolLock } from "../storage/tool-lock.js";
import { editFrontmatterYaml } from "../storage/yaml-edit.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { loadHistory } from "./history.js";
import { guardInterrupted, withIntent } from "./interrupted-change.js";
import { type Actor, applyChange, currentActor } from "./task-transaction.js";
import { assertOnlyOwnChange, preflightWrite } from "./write-preflight.js";
import { afterFailedRollback, afterRollback } from "./write-errors.js";

/**
 * `tasks renumber <id>`: two (or more) files carry one id, usually after a merge. The task
 * created first keeps it; each other one gets a fresh id, its file is renamed to match, and the
 * `depends-on` lists that meant it are updated: a reference meant the file that existed where the
 * reference was written (git history says), and one that cannot be told apart is left as is and
 * reported. Everything lands in one commit; if anything fails, every file is put back.
 */

export interface Renumbered {
  readonly from: string;
  readonly to: string;
  readonly oldPath: string;
  readonly newPath: string;
}

export interface RenumberOutcome {
  readonly id: string;
  readonly kept: string;
  readonly renumbered: readonly Renumbered[];
  readonly updated: readonly { readonly id: string; readonly path: string }[];
  readonly unclear: readonly { readonly id: string; readonly path: string }[];
  readonly commit: string | null;
}

export interface Write {
  readonly absPath: string;
  readonly text: string;
  /** The bytes to put back on rollback; undefined for a file that did not exist. */
  readonly before: string | undefined;
}

interface HolderInfo {
  readonly path: string;
  readonly created: string | null;
  readonly addedAt: string | null;
  readonly addedIn: string | null;
  readonly loaded: LoadedTask;
}

async function edited(loaded: LoadedTask, change: TaskChange, actor: Actor, now: Date, path = loaded.task.path): Promise<string> {
  const text = applyChange(loaded.text, change, actor, now, (yaml, eol) => editFrontmatterYaml(yaml, change.edits, eol));
  const decoded = await decodeTask(path, new TextEncoder().encode(text));
  if ("problem" in decoded) throw new TasksError("INVALID_VALUE", `renumbering would make ${path} invalid: ${decoded.problem.message}; nothing was written`);
  return text;
}

async function holdersOf(git: GitPort, loaded: readonly LoadedTask[], id: string): Promise<HolderInfo[]> {
  const holders = loaded.filter((l) => l.task.id === id);
  if (holders.length === 0) throw new TasksError("TASK_NOT_FOUND", `no task with id ${id}`, { hint: "'tasks list' shows the ids" });
  if (holders.length === 1) {
    throw new TasksError("NOT_A_DUPLICATE", `only one file carries the id ${id} (${holders[0]?.task.path}); there is nothing to renumber`, { hint: "tasks check lists duplicate ids" });
  }
  return Promise.all(
    holders.map(async (h) => {
      const added = await commitAdding(git, h.task.path);
      return { path: h.task.path, created: h.task.created, addedAt: added?.date ?? null, addedIn: added?.commit ?? null, loaded: h };
    }),
  );
}

async function isAncestor(git: GitPort, ancestor: string, of: string): Promise<boolean> {
  return (await aheadBehind(git, of, ancestor)).behind === 0;
}

/** Which holder each referencing task meant, from the commit that wrote the reference. */
async function meantBy(deps: Deps, git: GitPort, refs: readonly Task[], holders: readonly HolderInfo[], id: string): Promise<Map<string, string | undefined>> {
  const meant = new Map<string, string | undefined>();
  if (refs.length === 0) return meant;
  const committed = holders.filter((h): h is HolderInfo & { addedIn: string } => h.addedIn !== null);
  const before = new Set<string>();
  for (const a of committed) for (const b of committed) if (a !== b && (await isAncestor(git, a.addedIn, b.addedIn))) before.add(`${a.path}\0${b.path}`);
  const { events } = await loadHistory(deps, { paths: refs.map((r) => r.path) });
  for (const ref of refs) {
    const commit = referenceCommit(events, ref.id, id);
    const visible: string[] = [];
    for (const holder of committed) if (commit && (await isAncestor(git, holder.addedIn, commit))) visible.push(holder.path);
    meant.set(ref.path, meantHolder(visible, (a, b) => before.has(`${a}\0${b}`)));
  }
  return meant;
}

export interface Removal {
  readonly absPath: string;
  readonly text: string;
}

export async function commitWrites(deps: Deps, repo: Repo, writes: readonly Write[], removals: readonly Removal[], commit: boolean, message: CommitMessage): Promise<string | null> {
  const done: Write[] = [];
  const gone: Removal[] = [];
  const paths = [...removals.map((r) => repo.store.relPath(r.absPath)), ...writes.map((w) => repo.store.relPath(w.absPath))];
  await guardInterrupted(deps, repo, paths);
  if (commit) await assertOnlyOwnChange(deps, repo, paths);
  const writeFiles = async (): Promise<string | null> => {
    try {
      for (const write of writes) {
        await repo.store.write(write.absPath, write.text, { exclusive: write.before === undefined });
        done.push(write);
      }
      for (const removal of removals) {
        await repo.store.remove(removal.absPath);
        gone.push(removal);
      }
      return commit ? await (await deps.git()).commitPaths(paths, message, { addNew: true }) : null;
    } catch (error) {
      const stuck: string[] = [];
      const keep = (absPath: string) => (): void => void stuck.push(repo.store.relPath(absPath));
      for (const write of done.reverse()) {
        if (write.before === undefined) await repo.store.remove(write.absPath).catch(keep(write.absPath));
        else await repo.store.write(write.absPath, write.before).catch(keep(write.absPath));
      }
      for (const removal of gone) await repo.store.write(removal.absPath, removal.text).catch(keep(removal.absPath));
      if (commit) await (await deps.git()).restoreIndex(paths).catch(() => undefined);
      throw stuck.length > 0 ? afterFailedRollback(error, stuck) : afterRollback(error);
    }
  };
  if (!commit) return writeFiles();
  const files = [...removals.map((r) => ({ path: repo.store.relPath(r.absPath), text: null })), ...writes.map((w) => ({ path: repo.store.relPath(w.absPath), text: w.text }))];
  return withIntent(repo, files, message, writeFiles);
}

export async function renumberDuplicate(deps: Deps, input: { readonly id: string; readonly commit: boolean }): Promise<RenumberOutcome> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  await assertWritable(repo.gitDir, { committing: false });
  const actor = await currentActor(deps, repo);
  const now = deps.now();
  const id = input.id.trim().toLowerCase();
  return withToolLock(repo.gitDir, async () => {
    await preflightWrite(deps, repo, { committing: input.commit, commitsToHead: true });
    const { loaded } = await repo.store.loadFiles((await repo.store.listFiles()).files);
    const [kept, ...others] = orderHolders(await holdersOf(git, loaded, id)) as [HolderInfo, ...HolderInfo[]];
    const taken = await repo.store.idTaken();
    const used = new Set<string>();
    const writes: Write[] = [];
    const renumbered: Renumbered[] = [];
    for (const holder of others) {
      const to = generateId(deps.random, (candidate) => taken(candidate) || used.has(candidate));
      used.add(to);
      const newPath = `${dirname(holder.path)}/${renamedFileName(basename(holder.path), id, to)}`;
      const change: TaskChange = { action: "renumber", edits: [{ key: FIELD.id, value: to }], log: `renumbered from ${id} (${kept.path} carries that id too)` };
      writes.push({ absPath: repo.store.absPath(newPath), text: await edited(holder.loaded, change, actor, now, newPath), before: undefined });
      renumbered.push({ from: id, to, oldPath: holder.path, newPath });
    }
    const refs = loaded.filter((l) => l.task.id !== id && l.task.dependsOn.includes(id));
    const meant = await meantBy(deps, git, refs.map((r) => r.task), [kept, ...others], id);
    const updated: { id: string; path: string }[] = [];
    const unclear: { id: string; path: string }[] = [];
    for (const ref of refs) {
      const target = renumbered.find((r) => r.oldPath === meant.get(ref.task.path));
      if (meant.get(ref.task.path) === undefined) unclear.push({ id: ref.task.id, path: ref.task.path });
      if (!target) continue;
      const change: TaskChange = { action: "renumber", edits: [{ key: FIELD.dependsOn, value: replaceDependency(ref.task.dependsOn, id, target.to) }], log: `depends-on: ${id} → ${target.to} (renumbered)` };
      writes.push({ absPath: ref.absPath, text: await edited(ref, change, actor, now), before: ref.text });
      updated.push({ id: ref.task.id, path: ref.task.path });
    }
    const first = renumbered[0] as Renumbered;
    const message = taskCommitMessage("renumber", first.to, others[0]?.loaded.task.title ?? "", {
      body: renumbered.map((r) => `${r.oldPath} → ${r.newPath}: id ${r.from} → ${r.to} (${kept.path} keeps ${r.from})`),
      trailers: [["Task-Renumbered-From", id]],
    });
    const removals = others.map((h) => ({ absPath: h.loaded.absPath, text: h.loaded.text }));
    const commit = await commitWrites(deps, repo, writes, removals, input.commit, message);
    return { id, kept: kept.path, renumbered, updated, unclear, commit };
  });
}

