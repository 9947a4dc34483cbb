import { TasksError } from "../app/errors.js";
import { type Config, categoryOf, findMember, personFor } from "./config.js";
import type { TaskEvent } from "./history.js";
import { parseLogEntries } from "./task-log.js";
import { FIELD, type Task } from "./task.js";
import type { ChangeContext, TaskChange } from "./transitions.js";

/**
 * Review, enforced (docs/review.md). A task with a `reviewer` is closed by `tasks done` only
 * after that reviewer approved it, and the approval is read from git history, never from the
 * file: it counts when a commit made by `tasks approve` (`Task-Action: approve`) whose AUTHOR is
 * the reviewer (their roster email, the identity every other check uses) added the approval to
 * this task's log. A hand-edited log line, a `Task-Approved-By:` trailer typed into someone
 * else's commit, or a `reviewer-approved: true` field count for nothing.
 *
 * What invalidates an approval (the latest verdict wins):
 *   - a later `request-changes` by the reviewer;
 *   - a later status change other than closing: a re-submission (`tasks review`), `tasks start`,
 *     a reopen, or the status change that request-changes makes; so new work needs a new look;
 *   - a later change of `reviewer`, `title` or `definition-of-done`;
 *   - the task not being in `review` now (a merged request-changes from another clone moved it
 *     back to work: approval and request-changes raced, and the conservative outcome holds).
 * Edits of the body text outside the log are not tracked by history events and do not invalidate.
 */

export const REVIEW_STATUS = "review";

export type VerdictKind = "approved" | "changes-requested";

export interface ReviewVerdict {
  readonly kind: VerdictKind;
  /** The reviewer, as the roster names the commit's author. */
  readonly by: string;
  readonly at: string;
  readonly commit: string;
  readonly text: string;
}

export interface ReviewState {
  readonly reviewer: string | null;
  /** The approval that lets the owner close the task, or null. */
  readonly approval: ReviewVerdict | null;
  /** The reviewer's latest verified verdict, valid or not. */
  readonly latest: ReviewVerdict | null;
  /** Why the latest approval no longer counts, when there is one that does not. */
  readonly invalidatedBy: string | null;
}

const RESETTING_FIELDS = new Set<string>([FIELD.reviewer, FIELD.title, FIELD.definitionOfDone]);

function canonical(config: Config, who: string): string {
  return findMember(config, who)?.handle ?? who;
}

/** The review state of a task from its history events (oldest first, as loadTaskHistory gives them). */
export function reviewState(task: Task, events: readonly TaskEvent[], config: Config): ReviewState {
  if (task.reviewer === null) return { reviewer: null, approval: null, latest: null, invalidatedBy: null };
  const reviewer = canonical(config, task.reviewer);
  let latest: ReviewVerdict | null = null;
  let invalidatedBy: string | null = null;
  for (const event of events) {
    if (event.id !== task.id) continue;
    if (event.kind === "changed") {
      const resets = RESETTING_FIELDS.has(event.field) || (event.field === FIELD.status && typeof event.to === "string" && categoryOf(config, event.to) !== "closed");
      if (resets && latest?.kind === "approved" && invalidatedBy === null) invalidatedBy = `${event.field} changed in ${event.commit.slice(0, 7)} after the approval`;
      continue;
    }
    if (event.kind !== "log") continue;
    const kind: VerdictKind | undefined = event.action === "approve" ? "approved" : event.action === "request-changes" ? "changes-requested" : undefined;
    if (kind === undefined || personFor(config, event.authorEmail, event.authorName) !== reviewer) continue;
    latest = { kind, by: reviewer, at: event.at, commit: event.commit, text: event.entry.text };
    invalidatedBy = null;
  }
  if (latest?.kind !== "approved") return { reviewer, approval: null, latest, invalidatedBy: null };
  // A closed task keeps the approval it was closed with (closing does not invalidate it).
  if (invalidatedBy === null && task.status !== REVIEW_STATUS && categoryOf(config, task.status) !== "closed") invalidatedBy = `the task is ${task.status}, not in review`;
  return { reviewer, approval: invalidatedBy === null ? latest : null, latest, invalidatedBy };
}

function samePerson(config: Config, a: string | null, b: string | null): boolean {
  return a !== null && b !== null && canonical(config, a) === canonical(config, b);
}

/** The active status work goes back to when changes are requested: the first active one that is not review. */
export function reworkStatus(config: Config): string | undefined {
  return config.statuses.find((s) => s.category === "active" && s.name !== REVIEW_STATUS)?.name;
}

/** `tasks review <id> [--reviewer who]`: submit for review; needs a reviewer who is not the owner. */
export function submitForReview(task: Task, context: ChangeContext, reviewerOverride?: string): TaskChange | null {
  const { config, me } = context;
  if (!config.statuses.some((s) => s.name === REVIEW_STATUS)) {
    throw new TasksError("INVALID_VALUE", `no status named "${REVIEW_STATUS}" is configured`, { hint: `add '${REVIEW_STATUS}: active' to statuses: in .tasks/config.yml` });
  }
  if (categoryOf(config, task.status) === "closed") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}; a closed task cannot be sent to review`, { hint: `reopen it first: tasks reopen ${task.id}` });
  }
  const reviewer = reviewerOverride ?? task.reviewer;
  if (reviewer === null) {
    throw new TasksError("INVALID_TRANSITION", `${task.id} has no reviewer, so it cannot be sent to review`, {
      hint: `name one: tasks review ${task.id} --reviewer <who>, or tasks set ${task.id} reviewer=<who>`,
    });
  }
  const author = task.owner ?? me;
  if (samePerson(config, reviewer, author)) {
    throw new TasksError("INVALID_TRANSITION", `${reviewer} owns ${task.id} and cannot also review it`, {
      hint: `name someone else: tasks review ${task.id} --reviewer <who>`,
      details: { reviewer, owner: author },
    });
  }
  const edits = [
    ...(task.status === REVIEW_STATUS ? [] : [{ key: FIELD.status, value: REVIEW_STATUS }]),
    ...(task.reviewer === reviewer ? [] : [{ key: FIELD.reviewer, value: reviewer }]),
  ];
  if (edits.length === 0) return null;
  return { action: "review", edits, log: `sent to review (reviewer ${reviewer})`, trailers: [["Task-Reviewer", reviewer]] };
}

function assertReviewer(task: Task, context: ChangeContext, verb: string): string {
  const { config, me } = context;
  if (task.reviewer === null) {
    throw new TasksError("INVALID_TRANSITION", `${task.id} has no reviewer; there is nothing to ${verb}`, { hint: `the owner names one: tasks review ${task.id} --reviewer <who>` });
  }
  const reviewer = canonical(config, task.reviewer);
  if (!samePerson(config, me, reviewer)) {
    throw new TasksError("NOT_THE_REVIEWER", `only ${reviewer}, the reviewer of ${task.id}, can ${verb} it (you are ${me})`, {
      hint: `ask ${reviewer}; to change the reviewer: tasks set ${task.id} reviewer=<who>`,
      details: { reviewer, you: me },
    });
  }
  if (samePerson(config, me, task.owner)) {
    throw new TasksError("INVALID_TRANSITION", `${reviewer} owns ${task.id} and cannot also review it`, { hint: `name another reviewer: tasks set ${task.id} reviewer=<who>`, details: { reviewer, owner: task.owner } });
  }
  if (task.status !== REVIEW_STATUS) {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}, not in review`, { hint: `the owner sends it to review first: tasks review ${task.id}` });
  }
  return reviewer;
}

/** `tasks approve <id> [--comment]`: by the reviewer only, on a task in review; the status stays review. */
export function approveTask(task: Task, context: ChangeContext, comment?: string): TaskChange {
  const reviewer = assertReviewer(task, context, "approve");
  return {
    action: "approve",
    edits: [],
    log: comment ? `approved: ${comment}` : "approved",
    ...(comment ? { commitBody: [`Approved: ${comment}`] } : {}),
    trailers: [["Task-Approved-By", reviewer]],
  };
}

/** `tasks request-changes <id> --reason`: by the reviewer only; the task goes back to work (in-progress). */
export function requestChanges(task: Task, context: ChangeContext, reason: string): TaskChange {
  const reviewer = assertReviewer(task, context, "request changes on");
  const back = reworkStatus(context.config);
  return {
    action: "request-changes",
    edits: back === undefined ? [] : [{ key: FIELD.status, value: back }],
    log: `changes requested: ${reason}`,
    commitBody: [`Changes requested: ${reason}`],
    trailers: [["Task-Changes-Requested-By", reviewer]],
  };
}

/** The refusal of `tasks done` (and of any close) on a task whose reviewer has not approved it. */
export function reviewRequiredError(task: Task, state: ReviewState): TasksError {
  const reviewer = state.reviewer ?? "the reviewer";
  const why =
    state.invalidatedBy !== null
      ? `the approval by ${reviewer} no longer counts (${state.invalidatedBy})`
      : state.latest?.kind === "changes-requested"
        ? `${reviewer} requested changes`
        : `${reviewer} has not approved it`;
  return new TasksError("REVIEW_REQUIRED", `${task.id} is not closed: ${why}`, {
    hint:
      task.status === REVIEW_STATUS
        ? `${reviewer} approves it with: tasks approve ${task.id}; or override: tasks done ${task.id} --force --reason "<why>"`
        : `send it to review: tasks review ${task.id}, then ${reviewer} approves it (tasks approve ${task.id}); or override: tasks done ${task.id} --force --reason "<why>"`,
    details: { reviewer, mustApprove: reviewer, latestVerdict: state.latest?.kind ?? null, invalidatedBy: state.invalidatedBy },
  });
}

/** The reviewer's open reviews (status review), for their standup. */
export function waitingReviews(tasks: readonly Task[], config: Config, who: string): Task[] {
  return tasks.filter((t) => t.status === REVIEW_STATUS && samePerson(config, t.reviewer, who));
}

/** When the task was last sent to review, from its log (display and the review-waiting check only). */
export function submittedAt(task: Task): string | undefined {
  let latest: string | undefined;
  for (const entry of parseLogEntries(task.body)) {
    if (entry.text.startsWith("sent to review") && (latest === undefined || Date.parse(entry.at) >= Date.parse(latest))) latest = entry.at;
  }
  return latest;
}

/** The reviewer's latest verdict in the log if it asked for changes after the last submission (the owner's standup). */
export function changesRequestedIn(task: Task): { readonly at: string; readonly who: string; readonly reason: string } | undefined {
  let found: { at: string; who: string; reason: string } | undefined;
  for (const entry of parseLogEntries(task.body)) {
    if (entry.text.startsWith("changes requested: ")) found = { at: entry.at, who: entry.who, reason: entry.text.slice("changes requested: ".length) };
    else if (entry.text.startsWith("sent to review") || entry.text === "approved" || entry.text.startsWith("approved: ")) found = undefined;
  }
  return found;
}

/** Does the config require a reviewer for this task (`review: required-for:`)? */
export function reviewerRequired(task: Task, config: Config): boolean {
  const rule = config.review?.requiredFor;
  if (!rule) return false;
  return (task.priority !== null && rule.priorities.includes(task.priority)) || task.labels.some((label) => rule.labels.includes(label));
}
