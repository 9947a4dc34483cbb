import { TasksError } from "../app/errors.js";
import { type Category, type Config, categoryOf, firstStatusOf, statusNames } from "./config.js";
import { FIELD, type FieldEdit, type Task } from "./task.js";

/**
 * What each command does to a task, decided without touching anything: a TaskChange (field edits,
 * a log entry, commit details) or `null` when there is nothing to do. The shell applies it.
 */

export interface TaskChange {
  /** The verb for the commit message and the Task-Action trailer. */
  readonly action: string;
  readonly edits: readonly FieldEdit[];
  readonly log?: string;
  readonly commitBody?: readonly string[];
  readonly trailers?: readonly (readonly [string, string])[];
}

export interface ChangeContext {
  readonly config: Config;
  /** The person acting, as written in files (roster handle, else email). */
  readonly me: string;
}

function requireStatus(config: Config, category: Category, what: string): string {
  const status = firstStatusOf(config, category);
  if (!status) {
    throw new TasksError("INVALID_VALUE", `no ${category} status is configured, so a task cannot be ${what}`, {
      hint: `add one to statuses: in .tasks/config.yml`,
    });
  }
  return status;
}

function setStatus(task: Task, status: string): FieldEdit[] {
  return task.status === status ? [] : [{ key: FIELD.status, value: status }];
}

/**
 * `leaseExpired`: the holder's claim lease ran out (domain/lease.ts), so the task may be taken
 * over without --force; the log and a `Task-Takeover:` trailer name the previous owner.
 */
export function claimTask(task: Task, context: ChangeContext, options: { force: boolean; leaseExpired?: boolean }): TaskChange | null {
  const { config, me } = context;
  const category = categoryOf(config, task.status);
  if (category === "closed") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}; a closed task cannot be claimed`, { hint: `reopen it first: tasks reopen ${task.id}` });
  }
  if (task.owner && task.owner !== me && !options.force && options.leaseExpired !== true) {
    throw new TasksError("ALREADY_CLAIMED", `${task.id} is held by ${task.owner}`, {
      hint: `ask ${task.owner} to hand it over, or take it anyway with: tasks claim ${task.id} --force`,
      details: { owner: task.owner },
    });
  }
  // A blocked task stays blocked: claiming it must not hide the blocker.
  const status = category === "blocked" || category === "active" ? task.status : requireStatus(config, "active", "claimed");
  const edits: FieldEdit[] = [...(task.owner === me ? [] : [{ key: FIELD.owner, value: me }]), ...setStatus(task, status)];
  if (edits.length === 0) return null;
  const takeover = task.owner !== null && task.owner !== me;
  const lapsed = takeover && options.leaseExpired === true && !options.force;
  const takenFrom = takeover ? ` (taken over from ${task.owner}${lapsed ? ": their claim lease expired" : ""})` : "";
  return { action: "claim", edits, log: `claimed${takenFrom}`, ...(takeover ? { trailers: [["Task-Takeover", task.owner as string]] } : {}) };
}

/** `tasks renew`: the owner says they are still on it; the log entry restarts the lease. */
export function renewTask(task: Task, context: ChangeContext): TaskChange {
  if (task.owner === null || task.owner !== context.me) {
    throw new TasksError("INVALID_TRANSITION", task.owner === null ? `${task.id} has no owner; there is no claim to renew` : `${task.id} is held by ${task.owner}; only they can renew the claim`, {
      hint: task.owner === null ? `claim it: tasks claim ${task.id}` : `ask ${task.owner}, or take it over when the lease has expired: tasks claim ${task.id}`,
    });
  }
  if (categoryOf(context.config, task.status) === "closed") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}; a closed task has no claim to renew`, { hint: `reopen it first: tasks reopen ${task.id}` });
  }
  return { action: "renew", edits: [], log: "claim renewed" };
}

export function assignTask(task: Task, who: string): TaskChange | null {
  if (task.owner === who) return null;
  return { action: "assign", edits: [{ key: FIELD.owner, value: who }], log: `assigned to ${who}` };
}

export function unassignTask(task: Task): TaskChange | null {
  if (task.owner === null) return null;
  return { action: "unassign", edits: [{ key: FIELD.owner, value: null }], log: `unassigned (was ${task.owner})` };
}

export type StatusVerb = "start" | "review" | "reopen" | "drop" | "status";

/** The status each verb moves to; `status` takes any configured status except the one `done` guards. */
export function targetStatus(config: Config, verb: StatusVerb, requested?: string): string {
  switch (verb) {
    case "start":
      return requireStatus(config, "active", "started");
    case "reopen":
      return requireStatus(config, "open", "reopened");
    case "review":
    case "drop": {
      const name = verb === "review" ? "review" : "dropped";
      if (!statusNames(config).includes(name)) {
        throw new TasksError("INVALID_VALUE", `no status named "${name}" is configured`, { hint: `use tasks status <id> <status> with one of: ${statusNames(config).join(", ")}` });
      }
      return name;
    }
    case "status": {
      const status = requested ?? "";
      if (!statusNames(config).includes(status)) {
        throw new TasksError("INVALID_VALUE", `unknown status "${status}"`, { hint: `configured statuses: ${statusNames(config).join(", ")}` });
      }
      return status;
    }
  }
}

/** Moving a task with a definition of done to the first closed status goes through `tasks done`, which checks it. */
export function assertNotBypassingDone(task: Task, config: Config, status: string): void {
  const closing = firstStatusOf(config, "closed");
  if (status === closing && categoryOf(config, task.status) !== "closed" && task.reviewer !== null) {
    throw new TasksError("REVIEW_REQUIRED", `${task.id} has a reviewer (${task.reviewer}); close it with tasks done, which checks the approval`, { hint: `tasks done ${task.id}`, details: { reviewer: task.reviewer } });
  }
  if (status === closing && categoryOf(config, task.status) !== "closed" && task.definitionOfDone.length > 0) {
    throw new TasksError("DOD_NOT_MET", `${task.id} has a definition of done; close it with tasks done`, { hint: `tasks done ${task.id}` });
  }
}

export function changeStatus(task: Task, config: Config, verb: StatusVerb, requested?: string): TaskChange | null {
  const status = targetStatus(config, verb, requested);
  if (verb === "status") assertNotBypassingDone(task, config, status);
  if (task.status === status) return null;
  const label = verb === "status" ? `status ${task.status} → ${status}` : `${verb === "drop" ? "dropped" : verb === "reopen" ? "reopened" : verb === "start" ? "started" : "sent to review"}`;
  return { action: verb === "status" ? "status" : verb, edits: [{ key: FIELD.status, value: status }], log: label };
}

export function blockTask(task: Task, config: Config, reason: string, on: string | undefined): TaskChange {
  // Blocking a finished task would silently reopen it (a mistyped prefix is enough): refuse, as claim and handoff do.
  if (categoryOf(config, task.status) === "closed") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}; a closed task cannot be blocked`, { hint: `reopen it first: tasks reopen ${task.id}` });
  }
  const status = requireStatus(config, "blocked", "blocked");
  const edits = setStatus(task, status);
  if (on !== undefined && !task.dependsOn.includes(on)) edits.push({ key: FIELD.dependsOn, value: [...task.dependsOn, on] });
  return { action: "block", edits, log: `blocked: ${reason}${on ? ` (on ${on})` : ""}`, commitBody: [`Blocked: ${reason}`] };
}

export function unblockTask(task: Task, config: Config): TaskChange | null {
  if (categoryOf(config, task.status) !== "blocked") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is not blocked (status ${task.status})`, {
      hint: `nothing to unblock; to change its status use: tasks status ${task.id} <status>`,
    });
  }
  return { action: "unblock", edits: setStatus(task, requireStatus(config, "active", "unblocked")), log: "unblocked" };
}

export type Completion = { readonly kind: "confirmed" } | { readonly kind: "override"; readonly reason: string };

/**
 * What the review gate found for `done` (domain/review.ts): the reviewer, and their approval verified
 * from history, or null. Absent for a task without a reviewer.
 */
export interface ReviewGate {
  readonly reviewer: string;
  readonly approval: { readonly by: string; readonly commit: string } | null;
}

export function completeTask(task: Task, config: Config, completion: Completion, review?: ReviewGate): TaskChange | null {
  const status = requireStatus(config, "closed", "closed");
  if (task.status === status) return null;
  const items = task.definitionOfDone.length;
  const approved = review?.approval ? `; approved by ${review.approval.by} (${review.approval.commit.slice(0, 7)})` : "";
  if (completion.kind === "override") {
    const reviewSkipped = review !== undefined && review.approval === null;
    return {
      action: "done",
      edits: [{ key: FIELD.status, value: status }],
      log: `done; ${reviewSkipped ? `review by ${review.reviewer} and ` : ""}definition of done overridden: ${completion.reason}${approved}`,
      commitBody: [`${reviewSkipped ? `Review by ${review.reviewer} and definition` : "Definition"} of done overridden: ${completion.reason}`],
      trailers: [["Task-Override", completion.reason], ...(reviewSkipped ? [["Task-Review-Override", review.reviewer] as const] : [])],
    };
  }
  if (review !== undefined && review.approval === null) {
    throw new TasksError("REVIEW_REQUIRED", `${task.id} is not closed: ${review.reviewer} has not approved it`, { hint: `tasks approve ${task.id} (by ${review.reviewer})`, details: { reviewer: review.reviewer } });
  }
  return {
    action: "done",
    edits: [{ key: FIELD.status, value: status }],
    log: `${items > 0 ? `done; definition of done confirmed (${items}/${items})` : "done"}${approved}`,
  };
}

export function commentOnTask(text: string): TaskChange {
  if (text.trim() === "") throw new TasksError("USAGE", "the comment is empty", { hint: 'tasks comment <id> "what happened"' });
  return { action: "comment", edits: [], log: text };
}
