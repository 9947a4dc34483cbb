import type { Task } from "../domain/task.js";
import { isLeaseExpired } from "../domain/lease.js";
import { claimTask } from "../domain/transitions.js";
import { type ClaimPublication, heldError, publishClaim } from "./claim-publish.js";
import type { Deps } from "./deps.js";
import { TasksError } from "./errors.js";
import { type MutationResult, mutateTask, preloadEditor } from "./task-transaction.js";

/**
 * A claim as `tasks claim` makes it, for every command that claims: published to the upstream
 * at once when there is one (the race decided there), else a local commit with a warning.
 */

export interface ClaimRequest {
  readonly id: string;
  readonly force: boolean;
  readonly commit: boolean;
  readonly offline: boolean;
  /**
   * Checked on the copy of the task that is about to be claimed (the upstream's when publishing,
   * the local one otherwise): a reason to refuse it, or null. `claim` itself accepts any task.
   */
  readonly accept?: (task: Task) => string | null;
}

export interface ClaimOutcome {
  readonly result: MutationResult;
  /** Undefined with --no-commit. */
  readonly publication: ClaimPublication | undefined;
}

async function claimLocally(deps: Deps, request: ClaimRequest, force: boolean): Promise<MutationResult> {
  const { config } = await deps.repo();
  try {
    return await mutateTask(deps, request, (task, { actor, now }) => {
      const change = claimTask(task, { config, me: actor.person }, { force, leaseExpired: isLeaseExpired(task, config, now) });
      const refusal = request.accept?.(task);
      if (refusal) throw new TasksError("INVALID_TRANSITION", `${task.id} cannot be claimed: ${refusal}`);
      return change;
    });
  } catch (error) {
    if (!(error instanceof TasksError) || error.code !== "ALREADY_CLAIMED") throw error;
    const { task } = await (await deps.repo()).store.resolve(request.id);
    throw await heldError(deps, error, task, {});
  }
}

export async function claimNow(deps: Deps, request: ClaimRequest): Promise<ClaimOutcome> {
  // Publishing waits on the network first: the editor loads meanwhile. A local claim loads it
  // once its preflight's git processes run (mutateTask).
  if (request.commit && !request.offline) preloadEditor();
  const now = deps.now();
  // One moment for the published claim and its local copy, so the two log entries are identical.
  const pinned: Deps = { ...deps, now: () => now };
  let publication: ClaimPublication | undefined;
  if (request.commit) {
    publication = request.offline
      ? { kind: "local", reason: "--offline" }
      : await publishClaim(pinned, { id: request.id, force: request.force, now, ...(request.accept ? { accept: request.accept } : {}) });
  }
  const published = publication?.kind === "published" ? publication : undefined;
  const result = published?.integrated ? published.result : await claimLocally(pinned, request, published ? true : request.force);
  if (publication?.kind === "local" && publication.solo !== true && result.changed) {
    deps.warn(`warning: claimed locally only (${publication.reason}); tasks sync publishes it, and a race with another claim is decided then`);
  }
  return { result, publication };
}
