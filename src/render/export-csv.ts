import type { Task } from "../domain/task.js";

/**
 * Tasks as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a quote or a line
 * break, CRLF between rows) for a spreadsheet. A cell that starts with = + - @ or a tab is
 * prefixed with ' so that a spreadsheet shows the text instead of running it as a formula.
 */

export const EXPORT_COLUMNS = ["id", "title", "status", "owner", "due", "priority", "labels", "depends-on", "reviewer", "goal", "created", "definition-of-done", "source", "source-id", "source-url", "path", "body"] as const;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function valueOf(task: Task, column: (typeof EXPORT_COLUMNS)[number]): string {
  switch (column) {
    case "labels":
      return task.labels.join(", ");
    case "depends-on":
      return task.dependsOn.join(", ");
    case "definition-of-done":
      return task.definitionOfDone.join("\n");
    case "path":
      return task.path;
    case "body":
      return task.body.replace(/^\n+/, "").replace(/\s+$/, "");
    default: {
      const value = task.data[column];
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
    }
  }
}

export function renderTasksCsv(tasks: readonly Task[]): string {
  const rows = [EXPORT_COLUMNS.join(","), ...tasks.map((task) => EXPORT_COLUMNS.map((c) => cell(valueOf(task, c))).join(","))];
  return `${rows.join("\r\n")}\r\n`;
}
