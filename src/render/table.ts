import type { Paint } from "./style.js";

/**
 * Aligned columns for a terminal of a given width. The last flexible column is shortened with an
 * ellipsis so every row fits on one line. Cells are measured before they are painted.
 */

export interface Cell {
  readonly text: string;
  readonly paint?: Paint;
}

export interface Column {
  readonly header: string;
  /** Shrinks to fit the width (at most one column should). */
  readonly flexible?: boolean;
  /** Left out, last first, when the table would not fit the width otherwise. */
  readonly optional?: boolean;
}

/** Display width in terminal cells: wide East Asian characters and emoji count twice. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x300 || (code >= 0x370 && code < 0x1100)) width += 1;
    else if (/\p{Mn}|\p{Me}/u.test(ch)) width += 0;
    else if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u.test(ch)) width += 2;
    else width += 1;
  }
  return width;
}

export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function renderTable(allColumns: readonly Column[], allRows: readonly (readonly Cell[])[], options: { width: number; header: Paint }): string {
  const gap = 2;
  // Drop optional columns (the last one first) while the table is wider than the terminal.
  const keep = allColumns.map(() => true);
  const natural = allColumns.map((column, i) => Math.max(displayWidth(column.header), ...allRows.map((row) => displayWidth(row[i]?.text ?? ""))));
  const widthOf = (): number => natural.reduce((sum, w, i) => sum + (keep[i] ? w + gap : 0), -gap);
  for (let i = allColumns.length - 1; i >= 0 && widthOf() > options.width; i--) if (allColumns[i]?.optional) keep[i] = false;
  const columns = allColumns.filter((_c, i) => keep[i]);
  const rows = allRows.map((row) => row.filter((_c, i) => keep[i]));
  const widths = columns.map((column, i) => Math.max(displayWidth(column.header), ...rows.map((row) => displayWidth(row[i]?.text ?? ""))));
  const total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  const flex = columns.findIndex((c) => c.flexible);
  if (total > options.width && flex !== -1) {
    widths[flex] = Math.max(8, (widths[flex] ?? 0) - (total - options.width));
  }
  const line = (cells: readonly Cell[], isHeader: boolean): string =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const text = truncate(cell.text, width);
        const last = i === cells.length - 1;
        const padded = last ? text : pad(text, width);
        const paint = isHeader ? options.header : cell.paint;
        return paint ? paint(padded) : padded;
      })
      .join(" ".repeat(gap))
      .trimEnd();
  const header = line(columns.map((c) => ({ text: c.header })), true);
  return [header, ...rows.map((row) => line(row, false))].join("\n") + "\n";
}

/** Tab-separated rows for pipes: stable columns, no header, no escape codes. */
export function renderTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => cell.replace(/[\t\n\r]/g, " ")).join("\t")).join("\n") + (rows.length > 0 ? "\n" : "");
}
