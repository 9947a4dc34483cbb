import type { TaskEvent } from "../domain/history.js";
import type { JsonValue } from "../domain/task.js";
import { inZone, isoInZone } from "../domain/time.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { renderTable, renderTsv } from "./table.js";

/** The audit trail of a task, from git: who changed which field from what to what, and when. */

export interface AuditRow {
  readonly event: TaskEvent;
  /** The roster handle of the commit's author, else the author's name. */
  readonly who: string;
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
    rows.map(({ event, who }) => {
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
    rows.map(({ event, who }) => {
      const w = what(event);
      return [isoInZone(new Date(event.at), zone), who, w.kind, w.field, w.from, w.to, event.commit].map(sanitizeLine);
    }),
  );
}
