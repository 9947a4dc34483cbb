import { type Category, type Config, categoryOf, findMember, firstStatusOf, personFor, zoneFor } from "../domain/config.js";
import type { TaskEvent } from "../domain/history.js";
import { sameIdentity } from "../domain/invisible-characters.js";
import type { JsonValue, Task } from "../domain/task.js";
import { isIsoDate } from "../domain/task-schema.js";
import { dueSortKey } from "../domain/time.js";
import { dayText, firstLine, localText } from "./format.js";
import type { activitySchema, taskRefSchema } from "../render/json-schemas/common.js";
import type { Infer } from "../render/json-schemas/schema.js";

export { type BlockedFacts, blockedFacts } from "../domain/task-log.js";

/**
 * Facts about tasks that every report needs, as plain data: a task as a note shows it, who owns
 * it, when its status moved, why it is blocked, what happened last.
 */

/** A task as every report model shows it. */
export type TaskRef = Infer<typeof taskRefSchema>;

/** When a task is due, in milliseconds (the end of the day in the owner's zone for a date). */
export function dueMillis(task: Task, config: Config): number | undefined {
  if (task.due === null) return undefined;
  // dueSortKey remembers each (due, zone) pair: thousands of tasks share a few hundred.
  const millis = dueSortKey(task.due, zoneFor(config, task.owner));
  return Number.isFinite(millis) ? millis : undefined;
}

/** The due moment for people; with `now`, a date over half a year away names its year. */
export function dueText(task: Task, config: Config, now?: Date): string | null {
  if (task.due === null) return null;
  const millis = dueMillis(task, config);
  if (millis === undefined) return task.due;
  const zone = zoneFor(config, task.owner);
  return isIsoDate(task.due) ? dayText(new Date(millis), zone, now) : localText(new Date(millis), zone, now);
}

/** Soonest due first, undated last, then by id: the order every report lists tasks in. */
export function byDue(tasks: readonly Task[], config: Config): Task[] {
  const keyed = tasks.map((task) => ({ task, key: dueMillis(task, config) ?? Number.POSITIVE_INFINITY }));
  keyed.sort((a, b) => a.key - b.key || (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
  return keyed.map((k) => k.task);
}

/** Not closed and past its due moment. */
export function isLate(task: Task, config: Config, now: Date): boolean {
  const due = dueMillis(task, config);
  return due !== undefined && due < now.getTime() && categoryOf(config, task.status) !== "closed";
}

export function toTaskRef(task: Task, config: Config, now: Date): TaskRef {
  const category = categoryOf(config, task.status) ?? null;
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    category,
    owner: task.owner,
    priority: task.priority,
    goal: task.goal,
    labels: [...task.labels],
    due: task.due,
    dueText: dueText(task, config, now),
    overdue: isLate(task, config, now),
    path: task.path,
  };
}

/** Is `owner` (as written in a file) the person `who` (a handle or an email)? */
export function isOwnedBy(owner: string | null, who: string, config: Config): boolean {
  if (owner === null) return false;
  if (sameIdentity(owner, who)) return true;
  const member = findMember(config, owner);
  return member !== undefined && member.handle === (findMember(config, who)?.handle ?? who);
}

/** The handle a person is shown by: the roster handle, else as written. */
export function canonicalPerson(who: string, config: Config): string {
  return findMember(config, who)?.handle ?? who;
}

/** The first closed status (`done`) is a completion; other closed ones (`dropped`) are not. */
export function isCompletion(status: string, config: Config): boolean {
  return status === firstStatusOf(config, "closed");
}

function shortValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "-";
  if (Array.isArray(value)) return value.map((v) => shortValue(v)).join(", ") || "[]";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** One line saying what an event did: `status todo → in-progress`, `blocked: waiting for keys`. */
export function describeEvent(event: TaskEvent): string {
  switch (event.kind) {
    case "created":
      return "created";
    case "changed":
      return firstLine(`${event.field} ${shortValue(event.from)} → ${shortValue(event.to)}`);
    case "log":
      return firstLine(event.entry.text);
    case "deleted":
      return "file deleted";
  }
}

export type Activity = Infer<typeof activitySchema>;

/**
 * One line per commit: the log entries it wrote (what the tool or a person said), else the field
 * changes it made. `events` are one task's, in time order.
 */
export function activities(events: readonly TaskEvent[], config: Config, zone: string): Activity[] {
  const out: Activity[] = [];
  for (let i = 0; i < events.length; ) {
    const first = events[i] as TaskEvent;
    let j = i;
    while (j < events.length && (events[j] as TaskEvent).commit === first.commit) j++;
    const group = events.slice(i, j);
    const logs = group.filter((e) => e.kind === "log");
    const shown = logs.length > 0 ? logs : group.some((e) => e.kind === "created") ? group.filter((e) => e.kind === "created") : group;
    out.push({ at: first.at, atText: localText(first.at, zone), who: personFor(config, first.authorEmail, first.authorName), what: firstLine(shown.map(describeEvent).join("; "), 160) });
    i = j;
  }
  return out;
}

export interface StatusMove {
  readonly at: string;
  readonly from: string | null;
  readonly to: string;
  readonly fromCategory: Category | null;
  readonly toCategory: Category | null;
}

/** Each task's status moves in time order (creation counts as a move from nothing). */
export function statusMoves(events: readonly TaskEvent[], config: Config): Map<string, StatusMove[]> {
  const moves = new Map<string, StatusMove[]>();
  const push = (id: string, move: StatusMove): void => {
    const list = moves.get(id);
    if (list) list.push(move);
    else moves.set(id, [move]);
  };
  for (const event of events) {
    const status = event.kind === "created" ? event.data.status : event.kind === "changed" && event.field === "status" ? event.to : undefined;
    if (typeof status !== "string") continue;
    const from = event.kind === "changed" && typeof event.from === "string" ? event.from : null;
    push(event.id, { at: event.at, from, to: status, fromCategory: from === null ? null : (categoryOf(config, from) ?? null), toCategory: categoryOf(config, status) ?? null });
  }
  return moves;
}

export function within(iso: string, from: number, to: number): boolean {
  const t = Date.parse(iso);
  return t >= from && t <= to;
}
