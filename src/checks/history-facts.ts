import type { Category, Config } from "../domain/config.js";
import { categoryOf, statusCategories } from "../domain/config.js";
import { clamp, type HistoryCommit, type TaskEvent } from "../domain/history.js";
import type { Task } from "../domain/task.js";
import { overrideClosings } from "../domain/overrides.js";
import { earliestCreated, startCandidates } from "../domain/service-level.js";
import { type Schedule, scheduleFor, workingDaysAgo } from "../domain/working-time.js";
import type { CheckContext, HistoryFacts, TaskHistoryFacts } from "./rule.js";

/**
 * The history the rules need, and only that. `stale` looks back 2N of each owner's working days
 * (beyond that the answer is "error" whatever the exact date); `blocked-too-long` looks back N+1
 * working days of each blocked task's owner: a task blocked for longer than that has no event in
 * the window, and that absence is the answer; `done-with-override` looks back N calendar days. So one `git log --since` over the earliest of those moments serves every rule.
 */

export interface HistoryNeeds {
  /** The stale threshold N in working days, when the rule runs. */
  readonly staleDays?: number;
  /** The blocked-too-long threshold N in working days, when the rule runs. */
  readonly blockedDays?: number;
  /** The service-level rules run: unstarted tasks near or past start-within need their history. */
  readonly serviceLevels?: boolean;
  /** The done-with-override window N in calendar days, when the rule runs. */
  readonly overrideDays?: number;
}

/** The start of the window to read, or undefined when no task needs history. */
export function historySince(tasks: readonly Task[], config: Config, needs: HistoryNeeds, now: Date): Date | undefined {
  let since = Number.POSITIVE_INFINITY;
  if (needs.staleDays !== undefined) {
    const owners = new Set(tasks.filter((t) => categoryOf(config, t.status) === "active").map((t) => t.owner));
    for (const owner of owners) {
      since = Math.min(since, workingDaysAgo(now, 2 * needs.staleDays, scheduleFor(config, owner)).toMillis());
    }
  }
  if (needs.blockedDays !== undefined) {
    const owners = new Set(tasks.filter((t) => categoryOf(config, t.status) === "blocked").map((t) => t.owner));
    for (const owner of owners) {
      since = Math.min(since, workingDaysAgo(now, needs.blockedDays + 1, scheduleFor(config, owner)).toMillis());
    }
  }
  if (needs.serviceLevels === true) {
    // From the creation of the oldest task whose start-within clock is near or past its deadline.
    const earliest = earliestCreated(startCandidates(tasks, config, now));
    if (earliest !== undefined) since = Math.min(since, earliest, now.getTime());
  }
  if (needs.overrideDays !== undefined) since = Math.min(since, now.getTime() - needs.overrideDays * 86_400_000);
  return Number.isFinite(since) ? new Date(since) : undefined;
}

export interface WindowHistory {
  readonly commits: readonly HistoryCommit[];
  /** In time order, oldest first, as `buildTaskEvents` returns them. */
  readonly events: readonly TaskEvent[];
}

function isBlockedStatus(config: Config, value: unknown): boolean {
  return typeof value === "string" && categoryOf(config, value) === "blocked";
}

/** Per task file: the last commit that touched it, and when its current blocked spell began. */
export function buildHistoryFacts(history: WindowHistory, config: Config, since: Date, now: Date, uncommitted: Iterable<string>): HistoryFacts {
  const lastChange = new Map<string, string>();
  for (const commit of history.commits) {
    const at = clamp(commit.committerDate, now);
    for (const change of commit.changes) {
      const known = lastChange.get(change.path);
      if (known === undefined || Date.parse(known) < Date.parse(at)) lastChange.set(change.path, at);
    }
  }
  const blockedSince = new Map<string, string>();
  const firstActive = new Map<string, string>();
  const isActive = (value: unknown): boolean => typeof value === "string" && categoryOf(config, value) === "active";
  for (const event of history.events) {
    if (!firstActive.has(event.path) && ((event.kind === "created" && isActive(event.data.status)) || (event.kind === "changed" && event.field === "status" && isActive(event.to)))) {
      firstActive.set(event.path, event.at);
    }
    if (event.kind === "created") {
      if (isBlockedStatus(config, event.data.status)) blockedSince.set(event.path, event.at);
    } else if (event.kind === "changed" && event.field === "status") {
      if (!isBlockedStatus(config, event.to)) blockedSince.delete(event.path);
      else if (!isBlockedStatus(config, event.from)) blockedSince.set(event.path, event.at);
    } else if (event.kind === "deleted") {
      blockedSince.delete(event.path);
    }
  }
  const byPath = new Map<string, TaskHistoryFacts>();
  for (const path of new Set([...lastChange.keys(), ...blockedSince.keys(), ...firstActive.keys()])) {
    byPath.set(path, { lastChange: lastChange.get(path) ?? null, blockedSince: blockedSince.get(path) ?? null, firstActive: firstActive.get(path) ?? null });
  }
  return { since: since.toISOString(), byPath, uncommitted: new Set(uncommitted), overrides: overrideClosings(history.events, config) };
}

/**
 * The tasks of one category a history rule judges, with the facts to judge them by: none without
 * history, and never a task whose file is being changed in the working tree right now.
 */
export function tasksWithHistory(ctx: CheckContext, category: Category): { history: HistoryFacts; tasks: Task[] } {
  const history = ctx.history;
  if (!history) return { history: { since: ctx.now.toISOString(), byPath: new Map(), uncommitted: new Set() }, tasks: [] };
  const categories = statusCategories(ctx.config);
  return { history, tasks: ctx.tasks.filter((t) => categories.get(t.status) === category && !history.uncommitted.has(t.path)) };
}

/** A task owner's schedule and how messages name their days (`bob's`), worked out once per owner. */
export function ownerFacts(config: Config): (owner: string | null) => { readonly schedule: Schedule; readonly whose: string } {
  const known = new Map<string | null, { schedule: Schedule; whose: string }>();
  return (owner) => {
    let facts = known.get(owner);
    if (facts === undefined) {
      const schedule = scheduleFor(config, owner);
      known.set(owner, (facts = { schedule, whose: owner ? `${owner}'s` : `the team's (${schedule.timezone})` }));
    }
    return facts;
  };
}
