import { type Config, categoryOf } from "../domain/config.js";
import { earliestCreated, firstActiveOf, type SlaKind, slaClock } from "../domain/service-level.js";
import type { Task } from "../domain/task.js";
import { durationText } from "../domain/working-time.js";
import { isCompletion, type StatusMove } from "./task-facts.js";
import type { weeklySchema } from "../render/json-schemas/reports.js";
import type { Infer } from "../render/json-schemas/schema.js";

/**
 * The weekly share of service levels met (docs/sla.md), per priority. Each task's clock counts
 * once, in the week its outcome was settled: met in the week it started (or was done) by its
 * deadline, missed in the week the deadline passed first. So every task counted in a week has its
 * deadline at or after the week's start, and the history read must reach back to the creation of
 * those whose start-within deadline is that late (`serviceLevelHistorySince`).
 */

export type ServiceLevelShare = Infer<typeof weeklySchema>["serviceLevels"][number];

/** The creation of the oldest task whose start-within deadline is not before the week's start. */
export function serviceLevelHistorySince(config: Config, tasks: readonly Task[], weekStart: number, now: Date): number | undefined {
  if (!config.sla) return undefined;
  const open = tasks.filter((task) => {
    const deadline = slaClock(task, config, "start-within", now)?.deadline;
    return deadline !== undefined && (deadline === null || deadline >= weekStart);
  });
  return earliestCreated(open);
}

function stopOf(task: Task, kind: SlaKind, moves: readonly StatusMove[], config: Config): number | undefined {
  if (kind === "start-within") {
    const first = moves.find((m) => m.toCategory === "active");
    return firstActiveOf(task, config, first?.at ?? null);
  }
  if (categoryOf(config, task.status) !== "closed" || !isCompletion(task.status, config)) return undefined;
  const closing = moves.filter((m) => m.toCategory === "closed").pop();
  // Closed, with no closing in the history read: it closed before the window, so before this week.
  return closing ? Date.parse(closing.at) : Number.NEGATIVE_INFINITY;
}

export function serviceLevelShares(config: Config, tasks: readonly Task[], moves: ReadonlyMap<string, readonly StatusMove[]>, from: number, to: number, now: Date): ServiceLevelShare[] {
  const sla = config.sla;
  if (!sla) return [];
  const counts = new Map<string, Record<SlaKind, { met: number; total: number }>>();
  for (const task of tasks) {
    if (task.priority === null || !sla.byPriority.has(task.priority)) continue;
    if (categoryOf(config, task.status) === "closed" && !isCompletion(task.status, config)) continue;
    for (const kind of ["start-within", "done-within"] as const) {
      const stop = stopOf(task, kind, moves.get(task.id) ?? [], config);
      if (stop === Number.NEGATIVE_INFINITY) continue;
      const clock = slaClock(task, config, kind, now, stop);
      if (!clock) continue;
      const settled = clock.state === "met" ? clock.stoppedAt : clock.state === "breached" ? clock.deadline : null;
      if (settled === null || settled < from || settled > to) continue;
      const entry = counts.get(task.priority) ?? { "start-within": { met: 0, total: 0 }, "done-within": { met: 0, total: 0 } };
      entry[kind].total++;
      if (clock.state === "met") entry[kind].met++;
      counts.set(task.priority, entry);
    }
  }
  return config.priorities.flatMap((priority) => {
    const level = sla.byPriority.get(priority);
    const entry = counts.get(priority);
    if (!level || !entry) return [];
    const share = (kind: SlaKind, allowed: typeof level.startWithin) => {
      if (!allowed) return null;
      const { met, total } = entry[kind];
      return { allowed: durationText(allowed), met, total, percent: total === 0 ? null : Math.round((met / total) * 100) };
    };
    const startWithin = share("start-within", level.startWithin);
    const doneWithin = share("done-within", level.doneWithin);
    const part = (label: string, s: typeof startWithin) => (s === null || s.total === 0 ? [] : [`${label} ${s.met} of ${s.total} (${s.percent ?? 0}%)`]);
    const text = `${priority}: ${[...part("started in time", startWithin), ...part("done in time", doneWithin)].join(", ")}`;
    return [{ priority, startWithin, doneWithin, text }];
  });
}
