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
 *
 * Items are addressed by position, so equal texts must not alias: when a text is listed more than
 * once, its lines say which occurrence they mean (`met: Tests pass (2nd)`). A plain line names
 * the first occurrence. Swapping two equal items changes nothing, so progress still survives any
 * reordering.
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

const OCCURRENCE = /^(.*\S)\s*\((\d{1,3})(?:st|nd|rd|th)\)$/i;

/** `1st`, `2nd`, `3rd`, `4th`, … `11th`, `21st`. */
function ordinal(n: number): string {
  const ones = n % 10;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th"}`;
}

/** Each item's key: its normalized text and which occurrence of that text it is (1-based). */
function itemKeys(items: readonly string[]): { key: string; occurrence: number; repeated: boolean }[] {
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const text of items) counts.set(normalizeCriterion(text), (counts.get(normalizeCriterion(text)) ?? 0) + 1);
  return items.map((text) => {
    const normalized = normalizeCriterion(text);
    const occurrence = (seen.get(normalized) ?? 0) + 1;
    seen.set(normalized, occurrence);
    return { key: `${occurrence}\u0000${normalized}`, occurrence, repeated: (counts.get(normalized) ?? 0) > 1 };
  });
}

/** The item a `met:` line names: its exact text (first occurrence), else `<text> (<n>th)`. */
function lineKey(text: string, known: ReadonlySet<string>): string {
  const plain = `1\u0000${normalizeCriterion(text)}`;
  if (known.has(plain)) return plain;
  const match = OCCURRENCE.exec(text.trim());
  return match ? `${Number(match[2])}\u0000${normalizeCriterion(match[1] as string)}` : plain;
}

/** The text a `met:`/`unmet:` line carries for item `index` (1-based). */
export function criterionLabel(items: readonly string[], index: number): string {
  const text = items[index - 1] as string;
  const key = itemKeys(items)[index - 1];
  return key?.repeated ? `${text} (${ordinal(key.occurrence)})` : text;
}

export function dodProgress(task: Task): CriterionState[] {
  const keys = itemKeys(task.definitionOfDone);
  const known = new Set(keys.map((k) => k.key));
  const marks = new Map<string, { met: boolean; by: string; at: string }>();
  for (const entry of parseLogEntries(task.body)) {
    for (const line of entry.text.split("\n")) {
      const match = MARK.exec(line.trim());
      if (match) marks.set(lineKey(match[2] as string, known), { met: (match[1] as string).toLowerCase() === "met", by: entry.who, at: entry.at });
    }
  }
  return task.definitionOfDone.map((text, i) => {
    const mark = marks.get(keys[i]?.key ?? "");
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
  const exact = items.flatMap((text, i) => (normalizeCriterion(text) === needle ? [i + 1] : []));
  if (exact.length === 1) return exact[0] as number;
  if (exact.length > 1) {
    throw new TasksError("INVALID_VALUE", `"${wanted}" is the text of criteria ${exact.join(" and ")} of ${task.id}`, { hint: `name it by number: ${list}` });
  }
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
  return { action: "dod", edits: [], log: changing.map((state) => `${word}: ${criterionLabel(task.definitionOfDone, state.index)}`).join("\n") };
}
