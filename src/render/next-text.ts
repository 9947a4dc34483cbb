import { type Config, categoryOf } from "../domain/config.js";
import type { ExcludedEntry, QueueEntry } from "../domain/ready-queue.js";
import { exclusionsText, type ReasonContext, workableReason } from "../reports/next-reasons.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { type Cell, displayWidth, renderTable, renderTsv, truncate } from "./table.js";
import { categoryPaint, shortDue } from "./task-text.js";

/**
 * The ready queue as text. A terminal gets a ranked table (`--explain`: each row followed by its
 * reason); a pipe gets list's columns, and with `--explain` or `--all` two more: `ready` or
 * `excluded`, and the reason.
 */

export interface NextText {
  readonly workable: readonly QueueEntry[];
  /** Only with --all. */
  readonly excluded: readonly ExcludedEntry[] | null;
  readonly explain: boolean;
  readonly reasons: ReasonContext;
}

const listColumns = (task: QueueEntry["task"]): string[] => [task.id, task.status, task.owner ?? "", task.due ?? "", task.priority ?? "", task.title];

export function renderNextTsv(text: NextText): string {
  const extra = text.explain || text.excluded !== null;
  const rows = [
    ...text.workable.map((e) => [...listColumns(e.task), ...(extra ? ["ready", workableReason(e, text.reasons)] : [])]),
    ...(text.excluded ?? []).map((e) => [...listColumns(e.task), "excluded", exclusionsText(e.reasons)]),
  ];
  return renderTsv(rows.map((row) => row.map(sanitizeLine)));
}

export function renderNextTable(text: NextText, view: View): string {
  const { style } = view;
  const { config } = text.reasons;
  type Row = { cells: Cell[]; why: string | null };
  const rows: Row[] = [
    ...text.workable.map((e): Row => ({ cells: [{ text: String(e.rank) }, ...taskCells(e.task, e.overdue, config, view)], why: text.explain ? workableReason(e, text.reasons) : null })),
    ...(text.excluded ?? []).map((e): Row => ({ cells: [{ text: "-", paint: style.dim }, ...taskCells(e.task, false, config, view)], why: exclusionsText(e.reasons) })),
  ];
  const table = renderTable(
    [{ header: "#" }, { header: "ID" }, { header: "STATUS" }, { header: "OWNER" }, { header: "DUE" }, { header: "PRIORITY" }, { header: "TITLE", flexible: true }],
    rows.map((r) => r.cells),
    { width: view.width, header: style.dim },
  );
  const lines = table.trimEnd().split("\n");
  const out = [lines[0] as string];
  const indent = Math.max(2, String(text.workable.length).length + 2);
  rows.forEach((row, i) => {
    out.push(lines[i + 1] as string);
    if (row.why !== null) for (const line of wrap(sanitizeLine(row.why), view.width - indent)) out.push(style.dim(`${" ".repeat(indent)}${line}`));
  });
  return out.join("\n") + "\n";
}

/** Words to lines of at most `width` cells; a word longer than that is cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (displayWidth(next) <= width || line === "") line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.map((l) => truncate(l, Math.max(1, width)));
}

function taskCells(task: QueueEntry["task"], overdue: boolean, config: Config, view: View): Cell[] {
  const { style } = view;
  return [
    { text: task.id, paint: style.bold },
    { text: sanitizeLine(task.status), paint: categoryPaint(style, categoryOf(config, task.status) ?? null) },
    { text: sanitizeLine(task.owner ?? "-"), ...(task.owner ? {} : { paint: style.dim }) },
    { text: shortDue(task.due) || "-", ...(overdue ? { paint: style.red } : task.due ? {} : { paint: style.dim }) },
    { text: sanitizeLine(task.priority ?? "-"), ...(task.priority ? {} : { paint: style.dim }) },
    { text: sanitizeLine(task.title) },
  ];
}
