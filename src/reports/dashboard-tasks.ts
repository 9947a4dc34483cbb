import { CATEGORIES, type Category, type Config, categoryOf } from "../domain/config.js";
import { dodProgress } from "../domain/dod-progress.js";
import { isLogHeading, isSectionHeading, parseLogEntries } from "../domain/task-log.js";
import type { Task } from "../domain/task.js";
import { type Activity, blockedFacts, byDue, canonicalPerson, type TaskRef, toTaskRef } from "./task-facts.js";
import type { WeeklyView } from "./weekly.js";

/**
 * The dashboard's board and its per-task sections: cards by status category (soonest due first,
 * the newest closed), each with its blocked reason and overdue/stale marks, capped per column so
 * the page stays small at ten thousand tasks; what is left out is counted.
 */

export interface DashboardCard extends TaskRef {
  readonly blockedReason: string | null;
  readonly blockedSince: string | null;
  readonly stale: boolean;
}

export interface DashboardColumn {
  readonly category: Category;
  readonly count: number;
  readonly cards: readonly DashboardCard[];
  /** Tasks in the column not shown as cards. */
  readonly hidden: number;
}

export interface TaskDetail {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly path: string;
  /** The body without its `## Log` section: Markdown, rendered safely by the page. */
  readonly description: string;
  readonly definitionOfDone: readonly { readonly text: string; readonly met: boolean; readonly by: string | null; readonly at: string | null }[];
  readonly log: readonly { readonly stamp: string; readonly who: string; readonly text: string }[];
}

export interface BoardLimits {
  /** Cards per open, active and blocked column. */
  readonly cards: number;
  /** Cards in the closed column (the most recently created). */
  readonly closedCards: number;
}

export const DEFAULT_LIMITS: BoardLimits = { cards: 200, closedCards: 60 };

/** The body without its log section (and without the blank lines that led to it). */
export function descriptionOf(body: string): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let inLog = false;
  for (const line of lines) {
    if (isLogHeading(line)) inLog = true;
    else if (inLog && isSectionHeading(line)) inLog = false;
    if (!inLog) out.push(line);
  }
  return out.join("\n").trim();
}

export function buildColumns(tasks: readonly Task[], config: Config, now: Date, staleIds: ReadonlySet<string>, limits: BoardLimits): DashboardColumn[] {
  return CATEGORIES.map((category) => {
    const inColumn = tasks.filter((t) => categoryOf(config, t.status) === category);
    const ordered = category === "closed" ? [...inColumn].sort((a, b) => (b.created ?? "").localeCompare(a.created ?? "") || (a.id < b.id ? -1 : 1)) : byDue(inColumn, config);
    const shown = ordered.slice(0, category === "closed" ? limits.closedCards : limits.cards);
    const cards = shown.map((task) => {
      const blocked = category === "blocked" ? blockedFacts(task) : { reason: null, since: null };
      return { ...toTaskRef(task, config, now), blockedReason: blocked.reason, blockedSince: blocked.since, stale: staleIds.has(task.id) };
    });
    return { category, count: ordered.length, cards, hidden: ordered.length - shown.length };
  });
}

export function taskDetail(task: Task): TaskDetail {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    path: task.path,
    description: descriptionOf(task.body),
    definitionOfDone: dodProgress(task).map((c) => ({ text: c.text, met: c.met, by: c.by, at: c.at })),
    log: parseLogEntries(task.body).map((e) => ({ stamp: e.stamp, who: e.who, text: e.text })),
  };
}

const DAY_MS = 86_400_000;

export interface Attention {
  readonly overdue: readonly TaskRef[];
  readonly stale: readonly (TaskRef & { readonly lastActivity: Activity | null; readonly quietWorkingDays: number | null; readonly lastActivityText: string | null })[];
  readonly blocked: readonly (TaskRef & { readonly reason: string | null; readonly since: string | null; readonly sinceText: string | null; readonly blockedDays: number | null })[];
  /** Open or active work nobody holds. */
  readonly ownerless: readonly TaskRef[];
}

export function buildAttention(current: WeeklyView, tasks: readonly Task[], config: Config, now: Date, limit: number): Attention {
  const ownerless = byDue(
    tasks.filter((t) => t.owner === null && (categoryOf(config, t.status) === "open" || categoryOf(config, t.status) === "active")),
    config,
  );
  return {
    overdue: current.overdue.slice(0, limit),
    stale: current.stale.slice(0, limit).map((t) => ({ ...t, lastActivityText: t.lastActivity?.atText ?? null })),
    blocked: current.blocked.slice(0, limit).map((t) => ({ ...t, blockedDays: t.since === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(t.since)) / DAY_MS)) })),
    ownerless: ownerless.slice(0, limit).map((t) => toTaskRef(t, config, now)),
  };
}

export interface WipRow {
  readonly owner: string;
  readonly active: number;
  readonly blocked: number;
}

/** Work in progress now (active and blocked) per person, most first. */
export function wipByPerson(tasks: readonly Task[], config: Config): WipRow[] {
  const rows = new Map<string, { active: number; blocked: number }>();
  for (const task of tasks) {
    const category = categoryOf(config, task.status);
    if (category !== "active" && category !== "blocked") continue;
    const owner = task.owner === null ? "(no owner)" : canonicalPerson(task.owner, config);
    const row = rows.get(owner) ?? { active: 0, blocked: 0 };
    row[category]++;
    rows.set(owner, row);
  }
  return [...rows.entries()].map(([owner, r]) => ({ owner, ...r })).sort((a, b) => b.active + b.blocked - (a.active + a.blocked) || (a.owner < b.owner ? -1 : 1));
}
