import { type Config, categoryOf, findMember, zoneFor } from "./config.js";
import { blockedFacts } from "./task-log.js";
import type { Task } from "./task.js";
import { dueSortKey, isPastDue } from "./time.js";
import { isLeaseExpired, leaseState } from "./lease.js";
import { awayAt, scheduleFor } from "./working-time.js";

/**
 * The ready queue (`tasks next`): which tasks a person can pick up now, in which order, and why
 * every other task is not offered. Pure: the caller passes the tasks, who "me" is and now.
 *
 * A task claimed by someone else is not offered; when its owner is away now, the reason says so
 * (and until when), so the team sees which claims wait on someone who is not there.
 *
 * Workable: the status is in the `open` category, every `depends-on` task is closed, and the
 * task has no owner or is owned by me. Also offered: someone else's active task whose claim lease
 * ran out (`claims: lease:`), which `tasks claim` takes over without --force. The order, each rule
 * breaking the ties of the one before:
 *   0. free tasks before takeovers of an expired lease
 *   1. overdue first (past the due moment in the owner's zone; the team's zone when unowned)
 *   2. priority, highest first, by the order of `priorities` in the config (none or unknown last)
 *   3. due moment, soonest first (no due date last)
 *   4. age: created oldest first (no or unreadable `created` last)
 *   5. id, so that the order is the same on every machine
 */

export const QUEUE_ORDER = ["takeover", "overdue", "priority", "due", "created", "id"] as const;

export type Exclusion =
  | { readonly kind: "closed"; readonly status: string }
  | { readonly kind: "active"; readonly status: string }
  | { readonly kind: "blocked"; readonly status: string; readonly reason: string | null }
  | { readonly kind: "unknown-status"; readonly status: string }
  /** `away`: the owner is away now (the period as written), so the claim waits for them. */
  | { readonly kind: "claimed"; readonly owner: string; readonly away?: { readonly to: string; readonly note: string | null }; readonly leaseExpired?: true }
  /** `status` is null when no task has the id. */
  | { readonly kind: "depends-on"; readonly id: string; readonly status: string | null };

export interface QueueEntry {
  /** 1-based place in the queue. */
  readonly rank: number;
  readonly task: Task;
  readonly overdue: boolean;
  /** The due moment in milliseconds; null without a (readable) due. */
  readonly dueAt: number | null;
  /** The zone `due` is read in, and whose it is: the owner's, or null for the team's zone. */
  readonly zone: string;
  readonly zoneOwner: string | null;
  /** Index in the configured priorities (higher is more urgent); null for none or unknown. */
  readonly priorityRank: number | null;
  readonly createdAt: number | null;
  readonly mine: boolean;
  /** Someone else's claim whose lease ran out (at `expiredAt`): offered after the free tasks. */
  readonly takeover: { readonly owner: string; readonly expiredAt: number } | null;
}

export interface ExcludedEntry {
  readonly task: Task;
  readonly reasons: readonly Exclusion[];
}

export interface ReadyQueue {
  readonly workable: readonly QueueEntry[];
  /** Every task of `candidates` that is not workable, with all its reasons, in the candidates' order. */
  readonly excluded: readonly ExcludedEntry[];
}

export interface QueueInput {
  /** The tasks to consider (after the command's filters). */
  readonly candidates: readonly Task[];
  /** Every task, to look dependencies up in (filters must not hide a dependency). */
  readonly all: readonly Task[];
  readonly config: Config;
  /** Who "me" is, as written in task files: a roster handle, else an email. */
  readonly me: string;
  readonly now: Date;
}

/** Is `owner` (as written in a file) the person `me` (a handle or an email)? */
export function isSamePerson(owner: string, me: string, config: Config): boolean {
  if (owner === me) return true;
  const a = findMember(config, owner);
  return a !== undefined && a.handle === (findMember(config, me)?.handle ?? me);
}

/** Why the task itself (its status and owner, not its dependencies) is not workable for `me`. */
export function ownExclusions(task: Task, config: Config, me: string, now?: Date): Exclusion[] {
  const reasons: Exclusion[] = [];
  const category = categoryOf(config, task.status);
  if (category === "closed") return [{ kind: "closed", status: task.status }];
  if (category === "active") reasons.push({ kind: "active", status: task.status });
  else if (category === "blocked") reasons.push(blockedExclusion(task));
  else if (category === undefined) reasons.push({ kind: "unknown-status", status: task.status });
  if (task.owner !== null && !isSamePerson(task.owner, me, config)) {
    const period = now && findMember(config, task.owner) ? awayAt(now.getTime(), scheduleFor(config, task.owner)) : undefined;
    const lapsed = now !== undefined && isLeaseExpired(task, config, now);
    reasons.push({ kind: "claimed", owner: task.owner, ...(period ? { away: { to: period.to, note: period.note } } : {}), ...(lapsed ? { leaseExpired: true as const } : {}) });
  }
  return reasons;
}

/**
 * A blocked task's exclusion. Its reason comes from the task's log, in the body, which is read
 * only if the reason is shown (`next --all`): a cached task's body is a file read.
 */
function blockedExclusion(task: Task): Exclusion {
  let reason: { readonly text: string | null } | undefined;
  return {
    kind: "blocked",
    status: task.status,
    get reason() {
      reason ??= { text: blockedFacts(task).reason };
      return reason.text;
    },
  };
}

/**
 * Reasons that leave a task offered as a takeover: it is active only because of someone else's
 * claim, and that claim's lease ran out. Then `tasks claim` takes it over without --force.
 */
export function isTakeover(reasons: readonly Exclusion[]): boolean {
  return reasons.some((r) => r.kind === "claimed" && r.leaseExpired === true) && reasons.every((r) => r.kind === "active" || (r.kind === "claimed" && r.leaseExpired === true));
}

function dependencyExclusions(task: Task, config: Config, byId: ReadonlyMap<string, readonly Task[]>): Exclusion[] {
  const reasons: Exclusion[] = [];
  for (const id of new Set(task.dependsOn)) {
    const found = byId.get(id) ?? [];
    // Two files with one id (before a renumber): met only when both are closed.
    const open = found.find((t) => categoryOf(config, t.status) !== "closed");
    if (found.length === 0) reasons.push({ kind: "depends-on", id, status: null });
    else if (open) reasons.push({ kind: "depends-on", id, status: open.status });
  }
  return reasons;
}

function priorityRank(task: Task, config: Config): number | null {
  const i = task.priority === null ? -1 : config.priorities.indexOf(task.priority);
  return i === -1 ? null : i;
}

function instant(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function entryFor(task: Task, input: QueueInput): Omit<QueueEntry, "rank"> {
  const { config, me, now } = input;
  const zone = zoneFor(config, task.owner);
  const due = task.due === null ? Number.POSITIVE_INFINITY : dueSortKey(task.due, zone);
  return {
    task,
    overdue: isPastDue(task.due, zone, now),
    dueAt: Number.isFinite(due) ? due : null,
    zone,
    zoneOwner: task.owner !== null && findMember(config, task.owner) !== undefined ? task.owner : null,
    priorityRank: priorityRank(task, config),
    createdAt: instant(task.created),
    mine: task.owner !== null && isSamePerson(task.owner, me, config),
    takeover: null,
  };
}

/** Nulls last; otherwise ascending (or descending with `desc`). */
function compareNullable(a: number | null, b: number | null, desc = false): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return desc ? b - a : a - b;
}

export function compareQueueEntries(a: Omit<QueueEntry, "rank">, b: Omit<QueueEntry, "rank">): number {
  return (
    Number(a.takeover !== null) - Number(b.takeover !== null) ||
    Number(b.overdue) - Number(a.overdue) ||
    compareNullable(a.priorityRank, b.priorityRank, true) ||
    compareNullable(a.dueAt, b.dueAt) ||
    compareNullable(a.createdAt, b.createdAt) ||
    (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0)
  );
}

export function buildReadyQueue(input: QueueInput): ReadyQueue {
  const { config, me } = input;
  // Every task by id, for dependencies: made only if a candidate has one.
  let byId: Map<string, Task[]> | undefined;
  const tasksById = (): Map<string, Task[]> => {
    if (byId === undefined) {
      byId = new Map();
      for (const task of input.all) {
        const list = byId.get(task.id);
        if (list) list.push(task);
        else byId.set(task.id, [task]);
      }
    }
    return byId;
  };
  // A closed task's one reason, shared by every task with its status (most of a big folder).
  const closedReasons = new Map<string, readonly Exclusion[]>();
  const workable: Omit<QueueEntry, "rank">[] = [];
  const excluded: ExcludedEntry[] = [];
  for (const task of input.candidates) {
    if (categoryOf(config, task.status) === "closed") {
      let reasons = closedReasons.get(task.status);
      if (reasons === undefined) closedReasons.set(task.status, (reasons = Object.freeze([Object.freeze({ kind: "closed" as const, status: task.status })])));
      excluded.push({ task, reasons });
      continue;
    }
    const own = ownExclusions(task, config, me, input.now);
    const reasons = task.dependsOn.length === 0 ? own : [...own, ...dependencyExclusions(task, config, tasksById())];
    if (reasons.length > 0 && isTakeover(reasons) && task.owner !== null) {
      const expiredAt = leaseState(task, config, input.now)?.expiresAt ?? input.now.getTime();
      workable.push({ ...entryFor(task, input), takeover: { owner: task.owner, expiredAt } });
    } else if (reasons.length > 0) excluded.push({ task, reasons });
    else workable.push(entryFor(task, input));
  }
  workable.sort(compareQueueEntries);
  return { workable: workable.map((entry, i) => ({ ...entry, rank: i + 1 })), excluded };
}
