import type { Category } from "../domain/config.js";
import type { Task } from "../domain/task.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { categoryPaint, shortDue } from "./task-text.js";
import { pad, renderTsv, truncate } from "./table.js";

/** The board: one column per status category, each card with id, title, owner and due. */

export interface BoardColumn {
  readonly category: Category;
  readonly cards: readonly { readonly task: Task; readonly overdue: boolean }[];
  /** Cards left out of a long column (closed work), shown as "+N more". */
  readonly hidden: number;
}

const TITLES: Record<Category, string> = { open: "OPEN", active: "ACTIVE", blocked: "BLOCKED", closed: "CLOSED" };

export function renderBoard(columns: readonly BoardColumn[], view: View): string {
  const { style } = view;
  const gap = 2;
  const count = columns.length;
  const width = Math.max(16, Math.floor((view.width - gap * (count - 1)) / count));
  const cells: { text: string; paint?: (s: string) => string }[][] = columns.map((column) => {
    const lines: { text: string; paint?: (s: string) => string }[] = [
      { text: `${TITLES[column.category]} (${column.cards.length + column.hidden})`, paint: (s) => style.bold(categoryPaint(style, column.category)(s)) },
      { text: "─".repeat(width), paint: style.dim },
    ];
    for (const { task, overdue } of column.cards) {
      lines.push({ text: `${task.id} ${sanitizeLine(task.title)}` });
      const meta = [task.owner ? `@${sanitizeLine(task.owner)}` : "unowned", task.due ? `due ${shortDue(task.due)}` : ""].filter(Boolean).join(" · ");
      lines.push({ text: `  ${meta}`, paint: overdue ? style.red : style.dim });
    }
    if (column.hidden > 0) lines.push({ text: `+${column.hidden} more`, paint: style.dim });
    return lines;
  });
  const height = Math.max(...cells.map((c) => c.length));
  const out: string[] = [];
  for (let row = 0; row < height; row++) {
    const parts = cells.map((column, index) => {
      const cell = column[row];
      const text = cell ? truncate(cell.text, width) : "";
      const padded = index === count - 1 ? text : pad(text, width);
      return cell?.paint ? cell.paint(padded) : padded;
    });
    out.push(parts.join(" ".repeat(gap)).trimEnd());
  }
  return out.join("\n") + "\n";
}

/** The heading of the plain board: its column names, as in the JSON. */
export const BOARD_TSV_HEADING = ["category", "status", "id", "owner", "due", "title"] as const;

/**
 * Plain board: a heading line naming the columns, then one row per card (category, status, id,
 * owner, due, title). Piped into a file, a pager or a chat, the board says what its columns are;
 * `tasks list` is the headerless form for scripts. The heading is there even with no cards.
 */
export function renderBoardTsv(columns: readonly BoardColumn[]): string {
  return renderTsv([
    BOARD_TSV_HEADING,
    ...columns.flatMap((column) => column.cards.map(({ task }) => [column.category, task.status, task.id, task.owner ?? "", task.due ?? "", task.title].map(sanitizeLine))),
  ]);
}

