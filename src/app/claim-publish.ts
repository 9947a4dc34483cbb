import { basename } from "node:path";
import { fileNameMatchesId } from "../domain/ids.js";
import { heldSince } from "../domain/ownership.js";
import type { Task } from "../domain/task.js";
import { formatStamp } from "../domain/time.js";
import { isLeaseExpired } from "../domain/lease.js";
import { claimTask } from "../domain/transitions.js";
import { taskCommitMessage } from "../git/commit-message.js";
import type { GitPort } from "../git/git.js";
import { resolveCommit } from "../git/revisions.js";
import { treeFiles, type Upstream } from "../git/work-state.js";
import { decodeTask } from "../storage/task-codec.js";
import { withToolLock } from "../storage/tool-lock.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { loadHistory } from "./history.js";
import { branchUpstream, fastForwardIfPossible, MAX_ATTEMPTS } from "./sync.js";
import { type Actor, applyChange, currentActor, type MutationResult } from "./task-transaction.js";
import { preflightWrite } from "./write-preflight.js";

/**
 * A claim decided at claim time. The claim is made on the upstream's copy of the task, as a
 * commit on top of the upstream's tip built without touching the working tree, and pushed at
 * once. Whoever's push lands first holds the task; the other push is rejected, the loser reads
 * the winner from the upstream and is told who holds it and since when. Nothing was committed in
 * the loser's clone, so there is nothing to undo; it is brought up to the upstream when that is a
 * fast-forward. Offline, or with no upstream, the claim is local and sync publishes it later.
 */

export type ClaimPublication =
  | { readonly kind: "published"; readonly result: MutationResult; readonly upstream: string; readonly integrated: boolean }
  | { readonly kind: "local"; readonly reason: string; readonly solo?: boolean };

interface UpstreamCopy {
  readonly task: Task;
  readonly text: string;
}

async function upstreamCopy(git: GitPort, repo: Repo, tip: string, local: Task): Promise<UpstreamCopy | undefined> {
  const files = await treeFiles(git, tip, repo.config.tasksDir);
  const file = files.find((f) => f.path === local.path) ?? files.find((f) => fileNameMatchesId(basename(f.path), local.id));
  if (!file) return undefined;
  const bytes = (await git.readBlobs([file.blob])).get(file.blob);
  if (!bytes) return undefined;
  const decoded = await decodeTask(file.path, bytes);
  return "task" in decoded && decoded.task.id === local.id ? { task: decoded.task, text: decoded.text } : undefined;
}

/** ALREADY_CLAIMED with who holds the task and since when, from the history of `rev` (HEAD when absent). */
export async function heldError(deps: Deps, error: TasksError, task: Task, where: { rev?: string; label?: string }): Promise<TasksError> {
  const owner = task.owner ?? "";
  const history = await loadHistory(deps, { paths: [task.path], ...(where.rev ? { rev: where.rev } : {}) }).catch(() => undefined);
  const event = history ? heldSince(history.events, task.id, owner) : undefined;
  const since = event ? ` since ${formatStamp(new Date(event.at), await deps.readerZone())}` : "";
  const on = where.label ? ` (on ${where.label})` : "";
  return new TasksError("ALREADY_CLAIMED", `${task.id} is held by ${owner}${since}${on}`, {
    ...(error.hint ? { hint: error.hint } : {}),
    details: { owner, since: event?.at ?? null, commit: event?.commit ?? null },
  });
}

function isCode(error: unknown, code: string): error is TasksError {
  return error instanceof TasksError && error.code === code;
}

interface Attempt {
  readonly repo: Repo;
  readonly git: GitPort;
  readonly upstream: Upstream;
  readonly local: Task;
  readonly actor: Actor;
  readonly now: Date;
  readonly force: boolean;
  readonly accept: ((task: Task) => string | null) | undefined;
}

type Step = ClaimPublication | "race";

async function attemptOnce(deps: Deps, a: Attempt): Promise<Step> {
  const local = (reason: string): ClaimPublication => ({ kind: "local", reason });
  try {
    await a.git.fetch(a.upstream.remote);
  } catch (error) {
    if (isCode(error, "REMOTE_UNREACHABLE")) return local(error.message);
    throw error;
  }
  const tip = await resolveCommit(a.git, a.upstream.trackingRef);
  if (tip === undefined) return local(`${a.upstream.label} does not exist on the remote yet`);
  const copy = await upstreamCopy(a.git, a.repo, tip, a.local);
  if (!copy) return local(`${a.local.id} is not on ${a.upstream.label} yet (or cannot be read there)`);
  let change;
  try {
    change = claimTask(copy.task, { config: a.repo.config, me: a.actor.person }, { force: a.force, leaseExpired: isLeaseExpired(copy.task, a.repo.config, a.now) });
  } catch (error) {
    if (!isCode(error, "ALREADY_CLAIMED")) throw error;
    await fastForwardIfPossible(a.git, tip);
    throw await heldError(deps, error, copy.task, { rev: tip, label: a.upstream.label });
  }
  const refusal = a.accept?.(copy.task);
  if (refusal) {
    await fastForwardIfPossible(a.git, tip);
    throw new TasksError("INVALID_TRANSITION", `${copy.task.id} cannot be claimed on ${a.upstream.label}: ${refusal}`);
  }
  if (change === null) {
    const integrated = await fastForwardIfPossible(a.git, tip);
    return { kind: "published", result: { task: copy.task, before: copy.task, changed: false, commit: null }, upstream: a.upstream.label, integrated };
  }
  const { editFrontmatterYaml } = await import("../storage/yaml-edit.js");
  const text = applyChange(copy.text, change, a.actor, a.now, (yaml, eol) => editFrontmatterYaml(yaml, change.edits, eol));
  const decoded = await decodeTask(copy.task.path, new TextEncoder().encode(text));
  if ("problem" in decoded) throw new TasksError("INVALID_VALUE", `the claim would make ${copy.task.path} invalid: ${decoded.problem.message}`);
  const commit = await a.git.commitFileOnto(tip, copy.task.path, text, taskCommitMessage("claim", copy.task.id, copy.task.title));
  try {
    if ((await a.git.push(a.upstream.remote, commit, a.upstream.remoteRef)) === "race") return "race";
  } catch (error) {
    if (isCode(error, "REMOTE_UNREACHABLE")) return local(error.message);
    throw error;
  }
  const integrated = await fastForwardIfPossible(a.git, commit);
  return { kind: "published", result: { task: decoded.task, before: copy.task, changed: true, commit }, upstream: a.upstream.label, integrated };
}

export async function publishClaim(deps: Deps, options: { id: string; force: boolean; now: Date; accept?: (task: Task) => string | null }): Promise<ClaimPublication> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  let upstream: Upstream;
  try {
    upstream = await branchUpstream(git);
  } catch (error) {
    if (isCode(error, "NO_UPSTREAM") || isCode(error, "DETACHED_HEAD")) {
      // A repository with no remote at all has nobody to race with: the claim is simply local.
      const remotes = error.details?.remotes;
      const solo = Array.isArray(remotes) ? remotes.length === 0 : (await git.raw(["remote"])).trim() === "";
      return { kind: "local", reason: error.message, solo };
    }
    throw error;
  }
  const local = (await repo.store.resolve(options.id)).task;
  const actor = await currentActor(deps, repo);
  return withToolLock(repo.gitDir, async () => {
    await preflightWrite(deps, repo, { committing: true });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const step = await attemptOnce(deps, { repo, git, upstream, local, actor, now: options.now, force: options.force, accept: options.accept });
      if (step !== "race") return step;
    }
    throw new TasksError("PUSH_FAILED", `${upstream.label} kept moving: the claim was rejected ${MAX_ATTEMPTS} times and nothing was changed`, { hint: "run the claim again" });
  });
}
