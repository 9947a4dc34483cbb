import type { Category } from "../domain/config.js";
import type { Task } from "../domain/task.js";
import type { View } from "./output.js";
import { sanitizeLine, sanitizeText } from "./sanitize.js";
import type { Paint, Style } from "./style.js";
import { type Cell, renderTable, renderTsv } from "./table.js";

/** Tasks as text: the list table, its plain form, one task in detail, one-line summaries. */

export interface TaskRow {
  readonly task: Task;
  readonly category: Category | null;
  readonly overdue: boolean;
}

export function categoryPaint(style: Style, category: Category | null): Paint {
  switch (category) {
    case "open":
      return style.cyan;
    case "active":
      return style.yellow;
    case "blocked":
      return style.red;
    case "closed":
      return style.green;
    default:
      return style.magenta;
  }
}

/** `2026-12-01` stays; a date-time shows its date and time as written. */
export function shortDue(due: string | null): string {
  if (due === null) return "";
  return due.length > 10 ? `${due.slice(0, 10)} ${due.slice(11, 16)}` : due;
}

export function renderTaskTable(rows: readonly TaskRow[], view: View): string {
  const { style } = view;
  const cells: Cell[][] = rows.map(({ task, category, overdue }) => [
    { text: task.id, paint: style.bold },
    { text: sanitizeLine(task.status), paint: categoryPaint(style, category) },
    { text: sanitizeLine(task.owner ?? "-"), ...(task.owner ? {} : { paint: style.dim }) },
    { text: shortDue(task.due) || "-", ...(overdue ? { paint: style.red } : task.due ? {} : { paint: style.dim }) },
    { text: sanitizeLine(task.priority ?? "-"), ...(task.priority ? {} : { paint: style.dim }) },
    { text: sanitizeLine(task.title) },
  ]);
  return renderTable(
    [{ header: "ID" }, { header: "STATUS" }, { header: "OWNER" }, { header: "DUE" }, { header: "PRIORITY" }, { header: "TITLE", flexible: true }],
    cells,
    { width: view.width, header: style.dim },
  );
}

/** Plain list columns (a compatibility promise): id, status, owner, due, priority, title. */
export function renderTaskTsv(rows: readonly TaskRow[]): string {
  return renderTsv(
    rows.map(({ task }) => [task.id, task.status, task.owner ?? "", task.due ?? "", task.priority ?? "", task.title].map(sanitizeLine)),
  );
}

/** One line for a changed task: `k7m2q  Fix login timeout  (in-progress, alice)`. */
export function renderTaskSummary(task: Task, style: Style, category: Category | null): string {
  const facts = [sanitizeLine(task.status), task.owner ? sanitizeLine(task.owner) : "no owner"];
  if (task.due) facts.push(`due ${shortDue(task.due)}`);
  return `${style.bold(task.id)}  ${sanitizeLine(task.title)}  ${style.dim("(")}${categoryPaint(style, category)(facts[0] as string)}${style.dim(`, ${facts.slice(1).join(", ")})`)}`;
}

export interface DetailFacts {
  readonly category: Category | null;
  readonly overdue: boolean;
  readonly dueLocal: string | null;
  readonly history: readonly string[];
  /** Linked commits, unmerged branches and links, one sanitized line each (render/code-links.ts). */
  readonly code?: readonly string[];
}

export function renderTaskDetail(task: Task, facts: DetailFacts, view: View): string {
  const { style } = view;
  const lines: string[] = [];
  lines.push(`${style.bold(task.id)}  ${style.bold(sanitizeLine(task.title))}`);
  const row = (label: string, value: string, paint?: Paint): void => {
    lines.push(`  ${style.dim(label.padEnd(10))} ${paint ? paint(value) : value}`);
  };
  row("status", sanitizeLine(task.status), categoryPaint(style, facts.category));
  row("owner", task.owner ? sanitizeLine(task.owner) : "-");
  if (task.due) row("due", sanitizeLine(facts.dueLocal ?? task.due) + (facts.overdue ? " (overdue)" : ""), facts.overdue ? style.red : undefined);
  if (task.priority) row("priority", sanitizeLine(task.priority));
  if (task.labels.length) row("labels", task.labels.map(sanitizeLine).join(", "));
  if (task.dependsOn.length) row("depends on", task.dependsOn.map(sanitizeLine).join(", "));
  if (task.reviewer) row("reviewer", sanitizeLine(task.reviewer));
  if (task.goal) row("goal", sanitizeLine(task.goal));
  if (task.created) row("created", sanitizeLine(task.created));
  row("file", sanitizeLine(task.path), style.dim);
  if (task.definitionOfDone.length) {
    lines.push("", style.bold("Definition of done"));
    for (const item of task.definitionOfDone) lines.push(`  - ${sanitizeLine(item)}`);
  }
  const body = sanitizeText(task.body).replace(/^\n+/, "").trimEnd();
  if (body) lines.push("", body);
  if (facts.code && facts.code.length) {
    lines.push("", style.bold("Code"));
    for (const line of facts.code) lines.push(`  ${line}`);
  }
  if (facts.history.length) {
    lines.push("", style.bold("History"));
    for (const line of facts.history) lines.push(`  ${line}`);
  }
  return lines.join("\n") + "\n";
}
