import type { CriterionState } from "../domain/dod-progress.js";
import type { Task } from "../domain/task.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { renderTsv } from "./table.js";

/** A definition of done as a checklist: what is met (by whom, when) and what is left. */

export function renderDodChecklist(task: Task, items: readonly CriterionState[], view: Pick<View, "style">): string {
  const { style } = view;
  const met = items.filter((c) => c.met).length;
  const head = `${style.bold(sanitizeLine(task.id))} ${sanitizeLine(task.title)} ${style.dim(`· ${met} of ${items.length} met`)}`;
  if (items.length === 0) return `${head}\n${style.dim("no definition of done; add one with tasks set")}\n`;
  const lines = items.map((c) => {
    const box = c.met ? style.green("[x]") : "[ ]";
    const who = c.met && c.by ? style.dim(` (${sanitizeLine(c.by)}${c.at ? `, ${c.at.slice(0, 16).replace("T", " ")}` : ""})`) : "";
    return `${box} ${c.index}. ${sanitizeLine(c.text)}${who}`;
  });
  return `${head}\n${lines.join("\n")}\n`;
}

/** Plain columns: number, met|left, criterion, who recorded it, when. */
export function renderDodTsv(items: readonly CriterionState[]): string {
  return renderTsv(items.map((c) => [String(c.index), c.met ? "met" : "left", c.text, c.by ?? "", c.at ?? ""].map(sanitizeLine)));
}
