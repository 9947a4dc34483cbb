import { type Config, categoryOf, findMember, type ServiceLevel, type WorkingSpan } from "./config.js";
import { parseLogEntries } from "./task-log.js";
import type { Task } from "./task.js";
import { durationMillis, durationText, type Schedule, scheduleFor, workingDaysSince, workingDeadline, workingMillisBetween } from "./working-time.js";

/**
 * Service levels (`sla:` in the config, docs/sla.md): per priority, how much working time may pass
 * from a task's `created` to its first move into an active status (`start-within`) and to done
 * (`done-within`). The clock is the owner's working time (roster zone, hours, days; away periods
 * and holidays pause it); an unowned task, or one whose owner is not on the roster, runs on the
 * team's working time: the repository's `timezone`, 09:00–17:00 Monday to Friday, the team's
 * `holidays:` calendars. The whole span is measured on the current owner's clock.
 *
 * A clock is settled once it stops (started, done): met when it stopped by the deadline. A running
 * clock is breached once the deadline has passed, and near a breach once `near-breach` (80% by
 * default) of the allowed working time has passed.
 */

export type SlaKind = "start-within" | "done-within";
export type SlaState = "met" | "breached" | "near-breach" | "running";

export interface SlaClock {
  readonly kind: SlaKind;
  readonly priority: string;
  readonly allowed: WorkingSpan;
  readonly allowedMillis: number;
  /** The end of the span measured: the stop, or now while running. */
  readonly endAt: number;
  readonly createdAt: number;
  /** When the allowed working time runs out; null beyond the scan (years away). */
  readonly deadline: number | null;
  /** When the clock stopped (started, done); null while running. */
  readonly stoppedAt: number | null;
  readonly state: SlaState;
  /** Whose working time: a roster handle, or null for the team's. */
  readonly clockOwner: string | null;
}

export function serviceLevelOf(task: Task, config: Config): ServiceLevel | undefined {
  return task.priority === null ? undefined : config.sla?.byPriority.get(task.priority);
}

/** Whose working time a task's clock runs on: its owner when on the roster, else the team's (null). */
export function clockOwner(task: Task, config: Config): string | null {
  return task.owner !== null && findMember(config, task.owner) !== undefined ? task.owner : null;
}

function createdAt(task: Task): number | undefined {
  if (task.created === null) return undefined;
  const t = Date.parse(task.created);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * One clock of a task: `stoppedAt` is when it stopped (first active, done), undefined while it
 * runs. Undefined when the task's priority has no such service level or `created` is unreadable.
 */
export function slaClock(task: Task, config: Config, kind: SlaKind, now: Date, stoppedAt?: number): SlaClock | undefined {
  const level = serviceLevelOf(task, config);
  const allowed = kind === "start-within" ? level?.startWithin : level?.doneWithin;
  const created = createdAt(task);
  if (!allowed || created === undefined || task.priority === null) return undefined;
  const owner = clockOwner(task, config);
  const schedule = scheduleFor(config, owner);
  const allowedMillis = durationMillis(allowed, schedule);
  // Deadlines only: scans as long as the allowed span, however old the task (elapsed time is
  // counted on demand, for the message, by `elapsedMillis`).
  const deadline = workingDeadline(created, allowedMillis, schedule) ?? null;
  const end = stoppedAt ?? now.getTime();
  const state = ((): SlaState => {
    if (stoppedAt !== undefined) return deadline === null || stoppedAt <= deadline ? "met" : "breached";
    if (deadline !== null && end >= deadline) return "breached";
    const near = workingDeadline(created, (config.sla?.nearBreach ?? 0.8) * allowedMillis, schedule);
    return near !== undefined && end >= near ? "near-breach" : "running";
  })();
  return { kind, priority: task.priority, allowed, allowedMillis, endAt: end, createdAt: created, deadline, stoppedAt: stoppedAt ?? null, state, clockOwner: owner };
}

// Beyond this span elapsed time is counted in whole working days, by calendar arithmetic: a check
// of 10,000 long-breached tasks would otherwise walk every day of each one's life.
const EXACT_SPAN = 30 * 86_400_000;

/** Working time from creation to the clock's end (the stop, or now), in milliseconds. */
export function elapsedMillis(clock: SlaClock, config: Config): number {
  const schedule = scheduleFor(config, clock.clockOwner);
  if (clock.endAt - clock.createdAt <= EXACT_SPAN) return workingMillisBetween(clock.createdAt, clock.endAt, schedule);
  return workingDaysSince(new Date(clock.createdAt), new Date(clock.endAt), schedule) * durationMillis({ amount: 1, unit: "day" }, schedule);
}

/** Working time in the unit of the allowed span, as a person reads it: `5.5 working hours`. */
export function workingAmountText(millis: number, unit: WorkingSpan["unit"], schedule: Schedule): string {
  const per = durationMillis({ amount: 1, unit }, schedule);
  const amount = Math.round((millis / per) * 10) / 10;
  return durationText({ amount, unit });
}

/** "alice's working time" or "the team's working time (UTC)". */
export function clockText(clock: SlaClock, config: Config): string {
  return clock.clockOwner === null ? `the team's working time (${config.timezone})` : `${clock.clockOwner}'s working time (${scheduleFor(config, clock.clockOwner).timezone})`;
}

const ACTIVATION = /^(claimed\b|started$|sent to review$|unblocked$)/;

/**
 * The first time the task's own log (which the tool writes on every change) shows it active: a
 * claim, a start, a status change to an active status. History adds hand edits; see `firstActiveOf`.
 */
export function firstActiveInLog(task: Task, config: Config): number | undefined {
  let first: number | undefined;
  for (const entry of parseLogEntries(task.body)) {
    const status = /^status \S+ → (\S+)/.exec(entry.text)?.[1];
    if (!ACTIVATION.test(entry.text) && (status === undefined || categoryOf(config, status) !== "active")) continue;
    const t = Date.parse(entry.at);
    if (!Number.isNaN(t) && (first === undefined || t < first)) first = t;
  }
  return first;
}

/** The first active moment from history (ISO, may be null) and the log, the earlier of the two. */
export function firstActiveOf(task: Task, config: Config, fromHistory: string | null | undefined): number | undefined {
  const log = firstActiveInLog(task, config);
  const history = fromHistory ? Date.parse(fromHistory) : Number.NaN;
  if (Number.isNaN(history)) return log;
  return log === undefined ? history : Math.min(log, history);
}

/**
 * The unclosed tasks whose start-within clock `check` must settle from history: not active now,
 * never active by their own log, and at least near a breach (below that there is nothing to report).
 * The history window must reach back to the earliest of their `created`.
 */
export function startCandidates(tasks: readonly Task[], config: Config, now: Date): Task[] {
  if (!config.sla) return [];
  return tasks.filter((task) => {
    const category = categoryOf(config, task.status);
    if (category !== "open" && category !== "blocked") return false;
    if (firstActiveInLog(task, config) !== undefined) return false;
    const clock = slaClock(task, config, "start-within", now);
    return clock !== undefined && (clock.state === "breached" || clock.state === "near-breach");
  });
}

/** The earliest `created` among tasks (undefined for none). */
export function earliestCreated(tasks: readonly Task[]): number | undefined {
  let first: number | undefined;
  for (const task of tasks) {
    const t = createdAt(task);
    if (t !== undefined && (first === undefined || t < first)) first = t;
  }
  return first;
}
