import { type Category, type Config, categoryOf } from "../domain/config.js";
import type { Task } from "../domain/task.js";
import { isCompletion, type StatusMove } from "./task-facts.js";

/**
 * What the board looked like at past moments, replayed from the status moves in the history read:
 * a cumulative-flow series (tasks per status category at the end of each day) and a burn-up per
 * goal (scope and done at the end of each week). A task that did not exist yet at a moment is
 * left out of it; a task with no move in the window held its current status all along.
 */

/** The task's status at `at` (ms), or undefined when it did not exist yet. `moves` are in time order. */
export function statusAt(task: Task, moves: readonly StatusMove[] | undefined, at: number): string | undefined {
  if (!moves || moves.length === 0) return task.status;
  let last: StatusMove | undefined;
  for (const move of moves) {
    if (Date.parse(move.at) > at) {
      if (last) return last.to;
      // Before its first move in the window: what it moved from, or nothing before its creation.
      return move.from ?? undefined;
    }
    last = move;
  }
  return task.status;
}

export interface FlowPoint {
  /** `2026-11-16`: the day's date in the repository's zone. */
  readonly date: string;
  /** The end of that day (or now, for today), ISO. */
  readonly at: string;
  readonly open: number;
  readonly active: number;
  readonly blocked: number;
  readonly closed: number;
}

export interface Sample {
  readonly date: string;
  readonly at: number;
}

/** Tasks per category at each sample moment (ascending). */
export function cumulativeFlow(tasks: readonly Task[], moves: ReadonlyMap<string, readonly StatusMove[]>, config: Config, samples: readonly Sample[]): FlowPoint[] {
  const counts = samples.map(() => ({ open: 0, active: 0, blocked: 0, closed: 0 }));
  for (const task of tasks) {
    const own = moves.get(task.id);
    samples.forEach((sample, i) => {
      const status = statusAt(task, own, sample.at);
      const category: Category | undefined = status === undefined ? undefined : categoryOf(config, status);
      const row = counts[i];
      if (category !== undefined && row) row[category]++;
    });
  }
  return samples.map((sample, i) => ({ date: sample.date, at: new Date(sample.at).toISOString(), ...(counts[i] as { open: number; active: number; blocked: number; closed: number }) }));
}

export interface BurnPoint {
  readonly date: string;
  /** Tasks with the goal that existed and were not dropped. */
  readonly scope: number;
  readonly done: number;
}

/** Per goal (its current `goal:`), scope and done at each sample moment. */
export function goalBurnUps(tasks: readonly Task[], moves: ReadonlyMap<string, readonly StatusMove[]>, config: Config, samples: readonly Sample[]): Map<string, BurnPoint[]> {
  const out = new Map<string, { scope: number; done: number }[]>();
  for (const task of tasks) {
    if (task.goal === null) continue;
    let series = out.get(task.goal);
    if (!series) out.set(task.goal, (series = samples.map(() => ({ scope: 0, done: 0 }))));
    const own = moves.get(task.id);
    samples.forEach((sample, i) => {
      const status = statusAt(task, own, sample.at);
      if (status === undefined) return;
      const closed = categoryOf(config, status) === "closed";
      if (closed && !isCompletion(status, config)) return;
      const point = series[i];
      if (!point) return;
      point.scope++;
      if (closed) point.done++;
    });
  }
  return new Map([...out.entries()].map(([goal, series]) => [goal, series.map((p, i) => ({ date: samples[i]?.date ?? "", ...p }))]));
}

/** The `p`-th percentile (0–100) by nearest rank, or null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
