import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isTrailerKey, messageNamesTask, parseTrailerLines, pickCommitTask, trailerForEmptyMessage } from "../domain/commit-hook.js";
import { categoryOf, personFor } from "../domain/config.js";
import { isValidId } from "../domain/ids.js";
import { addMessageTrailer, parseMessageTrailers } from "../git/commit-hook-git.js";
import { sanitizeLine } from "../render/sanitize.js";
import { isOwnedBy } from "../reports/task-facts.js";
import { writeOutputFile } from "../storage/safe-fs.js";
import { idsFromFileNames } from "./code-links.js";
import type { Deps, System } from "./deps.js";

/**
 * `tasks hook run-prepare-commit-msg <file> [source] [sha]`, run by the hook at every commit.
 * Reached from the launcher without the command program. It reads only what the choice needs:
 * HEAD's file (the branch), the task file names (the ids), the one task the branch names, and
 * only when the branch names none, the tasks (through the parse cache) for the user's active one.
 *
 * It never stops a commit and prints nothing unless it added a trailer: every failure is
 * swallowed (shown with TASKS_DEBUG=1). Merges are left alone (the merged branch's name links
 * them), and so is anything while a rebase, cherry-pick or revert replays commits, or on a
 * detached HEAD: those messages are other commits'.
 */

const MAX_MESSAGE_BYTES = 1024 * 1024;
const REPLAYING = ["rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD", "REVERT_HEAD", "sequencer"];

export async function runPrepareCommitMsg(args: readonly string[], system: System): Promise<number> {
  const debug = system.env.TASKS_DEBUG === "1";
  try {
    const [{ createDeps }, { parseSettings }] = await Promise.all([import("./deps.js"), import("./settings.js")]);
    const deps = createDeps(system, parseSettings(system.env, system.machineZone));
    const added = await addTaskTrailer(args, deps);
    if (added) system.stderr.write(`tasks: added ${added.trailer} (${added.why})\n`);
  } catch (error) {
    if (debug) system.stderr.write(`tasks hook: ${sanitizeLine(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  }
  return 0;
}

/** The branch HEAD is on, from HEAD's file; null when detached. */
function currentBranch(gitDir: string): string | null {
  const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
  const match = /^ref: refs\/heads\/(.+)$/.exec(head);
  return match ? (match[1] as string) : null;
}

async function addTaskTrailer(args: readonly string[], deps: Deps): Promise<{ trailer: string; why: string } | null> {
  const [file, source = ""] = args;
  if (file === undefined || file === "" || source === "merge") return null;
  const path = resolve(deps.system.cwd, file);
  const stat = lstatSync(path);
  if (!stat.isFile() || stat.size > MAX_MESSAGE_BYTES) return null;
  const repo = await deps.repo();
  if (REPLAYING.some((name) => existsSync(join(repo.gitDir, name)))) return null;
  const branch = currentBranch(repo.gitDir);
  if (branch === null) return null;
  const key = repo.config.links.trailers[0] ?? "Task";
  if (!isTrailerKey(key)) return null;

  const ids = new Set(await idsFromFileNames(repo.store));
  let title = "";
  const pick = pickCommitTask({ branch, ids, active: () => [] });
  let chosen: { id: string; from: "branch" | "active" } | null = pick.id === null ? null : pick;
  if (chosen !== null) {
    // The id came from a file name: the file must hold that task (a hand-made name gives another word).
    const { task } = await repo.store.resolve(chosen.id).catch(() => ({ task: null }));
    if (task?.id !== chosen.id) chosen = null;
    else title = task.title;
  } else if (pick.id === null && pick.why !== "branch-names-several") {
    const identity = await (await deps.git()).identity();
    const me = personFor(repo.config, identity.email, identity.name);
    const { tasks } = await repo.store.loadAll();
    const mine = tasks.filter((t) => isOwnedBy(t.owner, me, repo.config) && categoryOf(repo.config, t.status) === "active");
    const active = pickCommitTask({ branch: "", ids: new Set(), active: () => mine.map((t) => t.id) });
    if (active.id !== null) {
      chosen = active;
      title = mine.find((t) => t.id === active.id)?.title ?? "";
    }
  }
  if (chosen === null || !isValidId(chosen.id)) return null;

  const env = deps.settings.env;
  const trailers = parseTrailerLines(await parseMessageTrailers(repo.root, env, path));
  if (messageNamesTask(trailers, repo.config.links.trailers, chosen.id)) return null;
  const trailer = `${key}: ${chosen.id}`;
  const empty = trailerForEmptyMessage(readFileSync(path, "utf8"), trailer);
  if (empty !== null) await writeOutputFile(path, empty);
  else await addMessageTrailer(repo.root, env, path, trailer);
  const why = chosen.from === "branch" ? `the branch ${branch}` : "your one active task";
  return { trailer, why: sanitizeLine(`${why}: ${title}`.slice(0, 120)) };
}
