import { TasksError } from "../app/errors.js";
import { parseLogEntries } from "./task-log.js";
import type { Task } from "./task.js";
import type { TaskChange } from "./transitions.js";

/**
 * Partial progress on a definition of done, kept in the task's `## Log` rather than in the
 * frontmatter list, so the list stays plain strings (old files stay valid), progress merges like
 * any other log line, and a person can record it by hand:
 *
 *   - 2026-11-20 14:02 +01:00 alice: met: Timeout raised to 30 s behind a flag
 *   - 2026-11-21 09:10 +01:00 bob: unmet: Timeout raised to 30 s behind a flag
 *
 * Each line of an entry that reads `met: <criterion>` or `unmet: <criterion>` counts; the latest
 * one wins. A criterion is matched by its text (case and spacing ignored), so reordering the list
 * keeps progress, and rewording a criterion makes it "left" again, which is the safe reading.
 */

export interface CriterionState {
  /** 1-based position in `definition-of-done`. */
  readonly index: number;
  readonly text: string;
  readonly met: boolean;
  /** Who recorded it met, and when (the log entry's stamp, ISO), while it is met. */
  readonly by: string | null;
  readonly at: string | null;
}

const MARK = /^(met|unmet):\s*(\S.*)$/i;

export function normalizeCriterion(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

export function dodProgress(task: Task): CriterionState[] {
  const marks = new Map<string, { met: boolean; by: string; at: string }>();
  for (const entry of parseLogEntries(task.body)) {
    for (const line of entry.text.split("\n")) {
      const match = MARK.exec(line.trim());
      if (match) marks.set(normalizeCriterion(match[2] as string), { met: (match[1] as string).toLowerCase() === "met", by: entry.who, at: entry.at });
    }
  }
  return task.definitionOfDone.map((text, i) => {
    const mark = marks.get(normalizeCriterion(text));
    const met = mark?.met === true;
    return { index: i + 1, text, met, by: met ? (mark?.by ?? null) : null, at: met ? (mark?.at ?? null) : null };
  });
}

/** A criterion named by its number (`2`) or its text (whole, or a part that fits only one). */
export function resolveCriterion(task: Task, ref: string): number {
  const items = task.definitionOfDone;
  const list = items.map((text, i) => `${i + 1}. ${text}`).join("; ");
  if (items.length === 0) throw new TasksError("INVALID_VALUE", `${task.id} has no definition of done`, { hint: `add one: tasks set ${task.id} definition-of-done="…"` });
  const wanted = ref.trim();
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    if (n >= 1 && n <= items.length) return n;
    throw new TasksError("INVALID_VALUE", `${task.id} has no criterion ${n}`, { hint: `its definition of done: ${list}` });
  }
  const needle = normalizeCriterion(wanted);
  const exact = items.findIndex((text) => normalizeCriterion(text) === needle);
  if (exact !== -1) return exact + 1;
  const partial = items.flatMap((text, i) => (normalizeCriterion(text).includes(needle) ? [i + 1] : []));
  if (partial.length === 1) return partial[0] as number;
  const why = partial.length === 0 ? "matches no criterion" : "matches more than one criterion";
  throw new TasksError("INVALID_VALUE", `"${wanted}" ${why} of ${task.id}`, { hint: `name it by number or by more of its text: ${list}` });
}

/** Records criteria as met (or no longer met): one log entry, a line per criterion that changes. */
export function recordCriteria(task: Task, refs: readonly string[], met: boolean): TaskChange | null {
  const progress = dodProgress(task);
  const indexes = [...new Set(refs.map((ref) => resolveCriterion(task, ref)))].sort((a, b) => a - b);
  const changing = indexes.map((i) => progress[i - 1] as CriterionState).filter((state) => state.met !== met);
  if (changing.length === 0) return null;
  const word = met ? "met" : "unmet";
  return { action: "dod", edits: [], log: changing.map((state) => `${word}: ${state.text}`).join("\n") };
}
