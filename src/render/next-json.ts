import { type Config, categoryOf } from "../domain/config.js";
import { type Exclusion, type ExcludedEntry, QUEUE_ORDER, type QueueEntry } from "../domain/ready-queue.js";
import { exclusionText, type ReasonContext, workableReason } from "../reports/next-reasons.js";
import { envelope, type TaskJson, toTaskJson } from "./json.js";
import type { ProblemJson } from "./json-schemas/common.js";
import type { JsonOf } from "./json-schemas/index.js";

/**
 * `tasks next --json`: the queue in order, each entry with the facts that put it there and the
 * same reason `--explain` prints; the excluded tasks with every reason (with --all); the claim
 * (with --claim). Built from its own types: adding fields is compatible, nothing is renamed.
 */

export interface NextEntryJson {
  readonly rank: number;
  readonly reason: string;
  readonly overdue: boolean;
  /** The due moment as an ISO instant (UTC), read in `zone`; null without a due date. */
  readonly dueAt: string | null;
  readonly zone: string;
  /** Whose zone that is: the owner's handle, or null for the team's zone. */
  readonly zoneOwner: string | null;
  readonly priorityRank: number | null;
  readonly mine: boolean;
  /** Someone else's claim whose lease ran out: who held it and when it ran out (ISO); null for a free task. */
  readonly takeover: { readonly owner: string; readonly leaseExpiredAt: string } | null;
  readonly task: TaskJson;
}

export type ExclusionJson = Exclusion & { readonly text: string };

export interface ExcludedJson {
  readonly reasons: readonly ExclusionJson[];
  readonly task: TaskJson;
}

export interface NextClaimJson {
  /** The claimed task, or null when nothing could be claimed. */
  readonly claimed: { readonly changed: boolean; readonly commit: string | null; readonly published: { readonly upstream: string; readonly commit: string | null } | null; readonly task: TaskJson } | null;
  /** Tasks tried before it and why each was passed over (a lost race, a change on the upstream). */
  readonly skipped: readonly { readonly id: string; readonly code: string; readonly message: string }[];
}

export interface NextJsonInput {
  readonly config: Config;
  readonly reasons: ReasonContext;
  readonly workable: readonly QueueEntry[];
  /** Before --limit. */
  readonly workableCount: number;
  readonly excluded: readonly ExcludedEntry[];
  readonly showExcluded: boolean;
  readonly claim: NextClaimJson | null;
  readonly problems: readonly ProblemJson[];
}

const taskJson = (config: Config, task: QueueEntry["task"]): TaskJson => toTaskJson(task, categoryOf(config, task.status) ?? null);

export function toNextEntryJson(entry: QueueEntry, config: Config, reasons: ReasonContext): NextEntryJson {
  return {
    rank: entry.rank,
    reason: workableReason(entry, reasons),
    overdue: entry.overdue,
    dueAt: entry.dueAt === null ? null : new Date(entry.dueAt).toISOString(),
    zone: entry.zone,
    zoneOwner: entry.zoneOwner,
    priorityRank: entry.priorityRank,
    mine: entry.mine,
    takeover: entry.takeover === null ? null : { owner: entry.takeover.owner, leaseExpiredAt: new Date(entry.takeover.expiredAt).toISOString() },
    task: taskJson(config, entry.task),
  };
}

export function toNextJson(input: NextJsonInput): JsonOf<"next"> {
  const { config, reasons } = input;
  return envelope("next", {
    generatedAt: reasons.now.toISOString(),
    me: reasons.me,
    order: [...QUEUE_ORDER],
    count: input.workable.length,
    workableCount: input.workableCount,
    excludedCount: input.excluded.length,
    tasks: input.workable.map((entry) => toNextEntryJson(entry, config, reasons)),
    excluded: input.showExcluded ? input.excluded.map((e): ExcludedJson => ({ reasons: e.reasons.map((r) => ({ ...r, text: exclusionText(r) })), task: taskJson(config, e.task) })) : null,
    claim: input.claim,
    problems: input.problems,
  });
}

