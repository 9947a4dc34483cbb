import { type Config, categoryOf, findMember, personFor } from "../domain/config.js";
import { eventsByTask, type TaskEvent } from "../domain/history.js";
import { overriddenText, overrideClosings } from "../domain/overrides.js";
import { parseLogEntries } from "../domain/task-log.js";
import type { Task } from "../domain/task.js";
import { staleHistorySince, staleWorkingDays } from "../domain/staleness.js";
import { scheduleFor, workingDaysAgo, workingDaysSince } from "../domain/working-time.js";
import { dayText, isoIn, localText, spanDays, spanText } from "./format.js";
import { activities, blockedFacts, byDue, canonicalPerson, dueMillis, isCompletion, isLate, type StatusMove, statusMoves, type TaskRef, toTaskRef, within } from "./task-facts.js";
import type { IsoWeek } from "./windows.js";
import { serviceLevelHistorySince, serviceLevelShares } from "./service-levels.js";
import type { weeklySchema } from "../render/json-schemas/reports.js";
import type { Infer } from "../render/json-schemas/schema.js";

/**
 * The weekly summary of an ISO week in the repository's zone: what was completed (by owner),
 * started, created and slipped during the week; what is overdue, blocked and stale now; progress
 * per goal; throughput, median cycle time (first active → completed) and on-time rate.
 */


export interface WeeklyInput {
  readonly config: Config;
  readonly tasks: readonly Task[];
  /** Task events since `weeklyHistorySince`. */
  readonly events: readonly TaskEvent[];
  readonly now: Date;
  /** The week, in the repository's zone; every time in the report is shown in that zone. */
  readonly week: IsoWeek;
  /** Ids of the tasks with linked code (docs/code-links.md); absent when links were not read. */
  readonly linkedIds?: ReadonlySet<string>;
}



export type WeeklyView = Infer<typeof weeklySchema>;
export type Completed = WeeklyView["completed"][number];

/** How far back the weekly report must read history: the week's start, or further for staleness. */
export function weeklyHistorySince(config: Config, tasks: readonly Task[], week: IsoWeek, now: Date): Date {
  const stale = staleHistorySince(config, tasks.map((t) => t.owner), now, staleWorkingDays(config));
  // Service levels settled this week may have started before it: back to those tasks' creation.
  const sla = serviceLevelHistorySince(config, tasks, week.start.toMillis(), now) ?? Number.POSITIVE_INFINITY;
  return new Date(Math.min(week.start.toMillis(), now.getTime(), stale, sla));
}

const ACTIVATION = /^(claimed\b|started$|sent to review$|unblocked$)/;

/** The first moment a task became active: its status moves in history, or the log the tool wrote. */
function firstActive(task: Task, moves: readonly StatusMove[], config: Config): number | undefined {
  const times = moves.filter((m) => m.toCategory === "active").map((m) => Date.parse(m.at));
  for (const entry of parseLogEntries(task.body)) {
    const status = /^status \S+ → (\S+)/.exec(entry.text)?.[1];
    if (ACTIVATION.test(entry.text) || (status !== undefined && categoryOf(config, status) === "active")) times.push(Date.parse(entry.at));
  }
  const valid = times.filter((t) => !Number.isNaN(t));
  return valid.length > 0 ? Math.min(...valid) : undefined;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Context {
  readonly input: WeeklyInput;
  readonly moves: Map<string, StatusMove[]>;
  readonly from: number;
  readonly to: number;
  /** The week's zone: every time in the report is shown in it. */
  readonly zone: string;
}

function weekClosings(task: Task, context: Context): { completed?: Completed; dropped?: TaskRef & { closedAt: string } } {
  const { config, now } = context.input;
  const inWeek = (context.moves.get(task.id) ?? []).filter((m) => within(m.at, context.from, context.to));
  const last = inWeek[inWeek.length - 1];
  if (!last || last.toCategory !== "closed" || categoryOf(config, task.status) !== "closed") return {};
  const ref = toTaskRef(task, config, now);
  if (!isCompletion(last.to, config)) return { dropped: { ...ref, closedAt: last.at } };
  const closed = Date.parse(last.at);
  const due = dueMillis(task, config);
  const start = firstActive(task, context.moves.get(task.id) ?? [], config);
  const cycle = start !== undefined && start <= closed ? closed - start : undefined;
  return {
    completed: {
      ...ref,
      closedAt: last.at,
      closedAtText: localText(last.at, context.zone),
      onTime: due === undefined ? null : closed <= due,
      cycleDays: cycle === undefined ? null : spanDays(cycle),
      cycleText: cycle === undefined ? null : spanText(cycle),
    },
  };
}

function slippedTask(task: Task, context: Context): (TaskRef & { closedLate: boolean }) | undefined {
  const { config, now } = context.input;
  const due = dueMillis(task, config);
  if (due === undefined || due < context.from || due > context.to || due > now.getTime()) return undefined;
  const category = categoryOf(config, task.status);
  if (category === "closed" && !isCompletion(task.status, config)) return undefined;
  if (category !== "closed") return { ...toTaskRef(task, config, now), closedLate: false };
  const closings = (context.moves.get(task.id) ?? []).filter((m) => m.toCategory === "closed");
  const closedAt = closings[closings.length - 1];
  // No closing in the history read means it closed before the week began, so before it was due.
  return closedAt && Date.parse(closedAt.at) > due ? { ...toTaskRef(task, config, now), closedLate: true } : undefined;
}

function staleTasks(context: Context): WeeklyView["stale"] {
  const { config, now, tasks, events } = context.input;
  const zone = context.zone;
  const byTask = eventsByTask(events);
  const thresholds = new Map<string | null, number>();
  const threshold = (owner: string | null): number => {
    let at = thresholds.get(owner);
    if (at === undefined) thresholds.set(owner, (at = workingDaysAgo(now, staleWorkingDays(config), scheduleFor(config, owner)).toMillis()));
    return at;
  };
  return tasks.flatMap((task) => {
    if (categoryOf(config, task.status) !== "active") return [];
    const schedule = scheduleFor(config, task.owner);
    const last = activities(byTask.get(task.id) ?? [], config, zone).pop();
    if (last && Date.parse(last.at) >= threshold(task.owner)) return [];
    return [{ ...toTaskRef(task, config, now), lastActivity: last ?? null, quietWorkingDays: last ? workingDaysSince(new Date(last.at), now, schedule) : null }];
  });
}

/** Closings of the week that overrode the definition of done or the review, oldest first: one per closing. */
function closedWithOverride(context: Context): WeeklyView["closedWithOverride"] {
  const { config, now, events } = context.input;
  const byId = new Map(context.input.tasks.map((task) => [task.id, task]));
  return overrideClosings(events, config, context.from, context.to).flatMap((closing) => {
    const task = byId.get(closing.id);
    if (task === undefined) return [];
    return [
      {
        ...toTaskRef(task, config, now),
        closedAt: closing.at,
        closedAtText: localText(closing.at, context.zone),
        closedBy: closing.closedBy,
        commit: closing.commit,
        reason: closing.reason,
        reviewOverridden: closing.reviewer,
        overridden: overriddenText(closing),
      },
    ];
  });
}

function goalProgress(context: Context): WeeklyView["goals"] {
  const { config, tasks } = context.input;
  const goals = new Map<string, { done: number; total: number }>();
  for (const task of tasks) {
    if (task.goal === null) continue;
    const closed = categoryOf(config, task.status) === "closed";
    if (closed && !isCompletion(task.status, config)) continue;
    const entry = goals.get(task.goal) ?? { done: 0, total: 0 };
    goals.set(task.goal, { done: entry.done + (closed ? 1 : 0), total: entry.total + 1 });
  }
  return [...goals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([goal, { done, total }]) => ({ goal, done, total, percent: Math.round((done / total) * 100) }));
}

function byOwner(completed: readonly Completed[], config: Config): WeeklyView["completedByOwner"] {
  const groups = new Map<string, Completed[]>();
  for (const task of completed) {
    const owner = task.owner === null ? "(no owner)" : canonicalPerson(task.owner, config);
    const group = groups.get(owner);
    if (group) group.push(task);
    else groups.set(owner, [task]);
  }
  return [...groups.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .map(([owner, tasks]) => ({ owner, name: findMember(config, owner)?.name ?? owner, count: tasks.length, tasks }));
}

function metrics(completed: readonly Completed[], linkedIds?: ReadonlySet<string>): WeeklyView["metrics"] {
  const withCode = linkedIds === undefined ? null : completed.filter((t) => linkedIds.has(t.id)).length;
  const cycles = completed.flatMap((t) => (t.cycleDays === null ? [] : [t.cycleDays]));
  const mid = median(cycles);
  const withDue = completed.filter((t) => t.onTime !== null);
  const onTime = withDue.filter((t) => t.onTime === true).length;
  const rate = withDue.length === 0 ? null : onTime / withDue.length;
  return {
    throughput: completed.length,
    medianCycleDays: mid === null ? null : Math.round(mid * 10) / 10,
    medianCycleText: mid === null ? null : spanText(mid * 86_400_000),
    onTimeCount: onTime,
    withDueCount: withDue.length,
    onTimeRate: rate === null ? null : Math.round(rate * 1000) / 1000,
    onTimePercent: rate === null ? null : `${Math.round(rate * 100)}%`,
    completedWithCode: withCode,
    completedWithoutCode: withCode === null ? null : completed.length - withCode,
    withCodeText: withCode === null || completed.length === 0 ? null : `${withCode} with linked code, ${completed.length - withCode} without`,
  };
}

function weekContext(input: WeeklyInput): Context {
  const { config, week } = input;
  const zone = week.start.zoneName ?? config.timezone;
  return { input: { ...input, tasks: byDue(input.tasks, config) }, moves: statusMoves(input.events, config), from: week.start.toMillis(), to: week.end.toMillis() - 1, zone };
}

function completions(context: Context): { completed: Completed[]; dropped: (TaskRef & { closedAt: string })[] } {
  const closings = context.input.tasks.map((task) => weekClosings(task, context));
  const completed = closings.flatMap((c) => (c.completed ? [c.completed] : [])).sort((a, b) => Date.parse(a.closedAt) - Date.parse(b.closedAt));
  return { completed, dropped: closings.flatMap((c) => (c.dropped ? [c.dropped] : [])) };
}

function createdInWeek(context: Context): Map<string, TaskEvent> {
  return new Map(context.input.events.filter((e) => e.kind === "created" && within(e.at, context.from, context.to)).map((e) => [e.id, e]));
}

/** A week's delivery numbers alone (what the dashboard charts), computed exactly as `buildWeeklyView` computes them. */
export interface WeekDelivery {
  readonly completed: readonly Completed[];
  /** Tasks created in the week (that still exist): `created.length` of the weekly view. */
  readonly createdCount: number;
  readonly metrics: WeeklyView["metrics"];
}

export function buildWeekDelivery(input: WeeklyInput): WeekDelivery {
  const context = weekContext(input);
  const created = createdInWeek(context);
  const { completed } = completions(context);
  return { completed, createdCount: context.input.tasks.filter((task) => created.has(task.id)).length, metrics: metrics(completed) };
}

export function buildWeeklyView(input: WeeklyInput): WeeklyView {
  const { config, now, week } = input;
  const context = weekContext(input);
  const { tasks } = context.input;
  const zone = context.zone;
  const { completed, dropped } = completions(context);
  const moves = (task: Task) => (context.moves.get(task.id) ?? []).filter((m) => within(m.at, context.from, context.to));
  const createdEvents = createdInWeek(context);
  return {
    schemaVersion: 1,
    kind: "weekly",
    generatedAt: now.toISOString(),
    week: { label: week.label, zone, start: isoIn(week.start, zone), end: isoIn(week.end, zone), startText: dayText(week.start, zone), endText: dayText(week.end.minus({ days: 1 }), zone), complete: now.getTime() >= week.end.toMillis() },
    completed,
    completedByOwner: byOwner(completed, config),
    dropped,
    closedWithOverride: closedWithOverride(context),
    started: tasks.flatMap((task) => {
      const start = moves(task).find((m) => m.toCategory === "active" && (m.fromCategory === "open" || m.fromCategory === null));
      return start ? [{ ...toTaskRef(task, config, now), startedAt: start.at, startedAtText: localText(start.at, zone) }] : [];
    }),
    created: tasks.flatMap((task) => {
      const event = createdEvents.get(task.id);
      return event ? [{ ...toTaskRef(task, config, now), createdAt: event.at, createdBy: personFor(config, event.authorEmail, event.authorName) }] : [];
    }),
    slipped: tasks.flatMap((task) => slippedTask(task, context) ?? []),
    overdue: tasks.filter((task) => isLate(task, config, now)).map((task) => toTaskRef(task, config, now)),
    blocked: tasks.filter((task) => categoryOf(config, task.status) === "blocked").map((task) => {
      const facts = blockedFacts(task);
      return { ...toTaskRef(task, config, now), reason: facts.reason, since: facts.since, sinceText: facts.since ? localText(facts.since, zone, now) : null };
    }),
    stale: staleTasks(context),
    staleAfterWorkingDays: staleWorkingDays(config),
    goals: goalProgress(context),
    serviceLevels: serviceLevelShares(config, tasks, context.moves, context.from, context.to, now),
    metrics: metrics(completed, input.linkedIds),
  };
}
