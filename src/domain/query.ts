import { type Category, type Config, categoryOf, CATEGORIES, findMember, zoneFor } from "./config.js";
import { sameIdentity } from "./invisible-characters.js";
import type { Task } from "./task.js";
import { dueSortKey, isPastDue } from "./time.js";
import type { SortKey } from "./sort-keys.js";

/**
 * Which tasks `list` shows and in what order. Pure: the caller passes now and who "me" is. Owners,
 * labels and goals match as they read: `--owner bob` finds an owner written `bob` + U+2060 (the
 * listing shows it as `bob<U+2060>`, and `tasks check` reports it as an error).
 */

export interface TaskFilter {
  readonly statuses?: readonly string[];
  readonly owners?: readonly string[];
  readonly labels?: readonly string[];
  readonly goals?: readonly string[];
  readonly overdue?: boolean;
  readonly blocked?: boolean;
  /** Ids of tasks judged stale by the caller (history is not pure data here). */
  readonly staleIds?: ReadonlySet<string>;
  readonly dueBefore?: number;
  /** Include closed tasks (hidden unless asked for or named by --status). */
  readonly includeClosed?: boolean;
}

export { SORT_KEYS, type SortKey } from "./sort-keys.js";

export function isOverdue(task: Task, config: Config, now: Date): boolean {
  return categoryOf(config, task.status) !== "closed" && isPastDue(task.due, zoneFor(config, task.owner), now);
}

function ownerMatches(task: Task, owners: readonly string[], config: Config): boolean {
  return owners.some((owner) => {
    if (owner === "none") return task.owner === null;
    if (task.owner !== null && sameIdentity(task.owner, owner)) return true;
    const member = findMember(config, owner);
    return member !== undefined && task.owner !== null && findMember(config, task.owner)?.handle === member.handle;
  });
}

function statusMatches(task: Task, statuses: readonly string[], config: Config): boolean {
  const category = categoryOf(config, task.status);
  return statuses.some((s) => s === task.status || ((CATEGORIES as readonly string[]).includes(s) && s === category));
}

export function filterTasks(tasks: readonly Task[], filter: TaskFilter, config: Config, now: Date): Task[] {
  return tasks.filter((task) => {
    const category = categoryOf(config, task.status);
    if (filter.statuses?.length) {
      if (!statusMatches(task, filter.statuses, config)) return false;
    } else if (!filter.includeClosed && category === "closed") return false;
    if (filter.owners?.length && !ownerMatches(task, filter.owners, config)) return false;
    if (filter.labels?.length && !filter.labels.every((l) => task.labels.some((label) => sameIdentity(label, l)))) return false;
    const goal = task.goal;
    if (filter.goals?.length && (goal === null || !filter.goals.some((wanted) => sameIdentity(goal, wanted)))) return false;
    if (filter.overdue && !isOverdue(task, config, now)) return false;
    if (filter.blocked && category !== "blocked") return false;
    if (filter.staleIds && !filter.staleIds.has(task.id)) return false;
    if (filter.dueBefore !== undefined && (task.due === null || dueSortKey(task.due, zoneFor(config, task.owner)) >= filter.dueBefore)) return false;
    return true;
  });
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * ISO stamps with different offsets do not sort as text: `09:00+01:00` is before `08:30Z`. `ta`
 * and `tb` are the stamps parsed (NaN for none or unreadable), which sort after the others.
 */
function compareInstants(a: string | null, b: string | null, ta: number, tb: number): number {
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) === Number.isNaN(tb) ? compareText(a, b) : Number.isNaN(ta) ? 1 : -1;
  return ta - tb;
}

export function sortTasks(tasks: readonly Task[], key: SortKey, config: Config): Task[] {
  const statusOrder = new Map(config.statuses.map((s, i) => [s.name, i] as const));
  // Every key is worked out once per task, not once per comparison (10,000 tasks: ~130,000).
  interface Row {
    readonly task: Task;
    readonly category: number;
    readonly status: number;
    readonly due: number;
    readonly priority: number;
    readonly created: number;
  }
  const rows: Row[] = tasks.map((t) => {
    const c = categoryOf(config, t.status) as Category | undefined;
    const p = t.priority === null ? -1 : config.priorities.indexOf(t.priority);
    return {
      task: t,
      category: c === undefined ? CATEGORIES.length : CATEGORIES.indexOf(c),
      status: statusOrder.get(t.status) ?? config.statuses.length,
      due: t.due === null ? Number.POSITIVE_INFINITY : dueSortKey(t.due, zoneFor(config, t.owner)),
      priority: p === -1 ? -1 : p,
      // Parsed once per task, not in every comparison (only the created order reads it).
      created: key === "created" && t.created !== null ? Date.parse(t.created) : Number.NaN,
    };
  });
  const byStatus = (a: Row, b: Row): number => a.category - b.category || a.status - b.status;
  const byDue = (a: Row, b: Row): number => (a.due === b.due ? 0 : a.due - b.due);
  const byKey: Record<SortKey, (a: Row, b: Row) => number> = {
    due: byDue,
    priority: (a, b) => b.priority - a.priority,
    status: byStatus,
    owner: (a, b) => compareText(a.task.owner, b.task.owner),
    created: (a, b) => compareInstants(a.task.created, b.task.created, a.created, b.created),
    // A fixed locale: the same order on every machine.
    title: (a, b) => a.task.title.localeCompare(b.task.title, "en"),
    id: (a, b) => compareText(a.task.id, b.task.id),
  };
  const primary = byKey[key];
  return rows.sort((a, b) => primary(a, b) || byStatus(a, b) || byDue(a, b) || compareText(a.task.id, b.task.id)).map((r) => r.task);
}
