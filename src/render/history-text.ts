import type { TaskEvent } from "../domain/history.js";
import type { JsonValue } from "../domain/task.js";
import { inZone, isoInZone } from "../domain/time.js";
import type { LinkedCommitJson } from "./json-schemas/tasks.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { renderTable, renderTsv } from "./table.js";

/** The audit trail of a task, from git: who changed which field from what to what, and when. */

export interface EventRow {
  readonly event: TaskEvent;
  /** The roster handle of the commit's author, else the author's name. */
  readonly who: string;
}

/** A linked code commit (docs/code-links.md), interleaved with the task's own changes. */
export interface CodeRow {
  readonly code: LinkedCommitJson;
}

export type AuditRow = EventRow | CodeRow;

/** Events and linked commits in one time order (oldest first; an event before a commit of the same second). */
export function interleave(events: readonly EventRow[], commits: readonly LinkedCommitJson[]): AuditRow[] {
  const rows: { row: AuditRow; at: number; order: number }[] = [
    ...events.map((row, order) => ({ row, at: Date.parse(row.event.at), order })),
    ...commits.map((code, i) => ({ row: { code } as AuditRow, at: Date.parse(code.at), order: events.length + i })),
  ];
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map((r) => r.row);
}

export function formatValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "-";
  if (Array.isArray(value)) return value.length === 0 ? "[]" : value.map((v) => formatValue(v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function what(event: TaskEvent): { kind: string; field: string; from: string; to: string } {
  switch (event.kind) {
    case "created":
      return { kind: "created", field: "", from: "", to: formatValue(event.data.title) };
    case "changed":
      return { kind: "changed", field: event.field, from: formatValue(event.from), to: formatValue(event.to) };
    case "log":
      return { kind: "log", field: "", from: "", to: event.entry.text };
    case "deleted":
      return { kind: "deleted", field: "", from: "", to: "" };
  }
}

export function renderAuditTable(rows: readonly AuditRow[], view: View): string {
  const { style } = view;
  return renderTable(
    [{ header: "WHEN" }, { header: "WHO" }, { header: "WHAT" }, { header: "CHANGE", flexible: true }],
    rows.map((row) => {
      if ("code" in row) {
        return [
          { text: inZone(row.code.at, view.zone).toFormat("yyyy-MM-dd HH:mm"), paint: style.dim },
          { text: sanitizeLine(row.code.author) },
          { text: "commit", paint: style.cyan },
          { text: sanitizeLine(`${row.code.short} ${row.code.subject}`) },
        ];
      }
      const { event, who } = row;
      const w = what(event);
      const change =
        w.kind === "changed" ? `${w.field}: ${w.from} → ${w.to}` : w.kind === "created" ? `created: ${w.to}` : w.kind === "log" ? `log: ${w.to}` : "file deleted";
      return [
        { text: inZone(event.at, view.zone).toFormat("yyyy-MM-dd HH:mm"), paint: style.dim },
        { text: sanitizeLine(who) },
        { text: w.kind === "changed" ? sanitizeLine(w.field) : w.kind, paint: style.cyan },
        { text: sanitizeLine(change) },
      ];
    }),
    { width: view.width, header: style.dim },
  );
}

/** Plain columns: when (ISO committer date, in the reader's zone), who, kind, field, from, to, commit. */
export function renderAuditTsv(rows: readonly AuditRow[], zone: string): string {
  return renderTsv(
    rows.map((row) => {
      if ("code" in row) return [isoInZone(new Date(row.code.at), zone), row.code.author, "commit", "", "", row.code.subject, row.code.commit].map(sanitizeLine);
      const { event, who } = row;
      const w = what(event);
      return [isoInZone(new Date(event.at), zone), who, w.kind, w.field, w.from, w.to, event.commit].map(sanitizeLine);
    }),
  );
}
