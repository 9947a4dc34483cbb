import type { Category } from "../domain/config.js";
import { replaceInvisible } from "../domain/invisible-characters.js";
import { FIELD_ORDER, type JsonValue, type Task } from "../domain/task.js";

/**
 * Machine output: versioned envelopes built from their own shapes, never a dump of internal
 * objects. A task carries every frontmatter field under its own name (absent ones as null), plus
 * `path` and `category`. Adding fields is compatible; removing or renaming one bumps schemaVersion.
 */

export const SCHEMA_VERSION = 1;

export type TaskJson = Record<string, JsonValue>;

export function toTaskJson(task: Task, category: Category | null): TaskJson {
  const out: TaskJson = {};
  for (const field of FIELD_ORDER) out[field] = null;
  for (const field of ["labels", "depends-on", "definition-of-done"]) out[field] = [];
  for (const [key, value] of Object.entries(task.data)) out[key] = value;
  out.path = task.path;
  out.category = category;
  return out;
}

export function envelope(kind: string, body: Record<string, unknown>): Record<string, unknown> {
  return { schemaVersion: SCHEMA_VERSION, kind, ...body };
}

/**
 * JSON text safe to show on a terminal: JSON.stringify already escapes C0 controls; DEL, C1
 * controls, bidi, tag and the other hidden characters are escaped here too. The JSON stays
 * equivalent.
 */
export function renderJson(value: unknown): string {
  return escapeJsonText(JSON.stringify(value, null, 2)) + "\n";
}

/** The same, on one line: for error objects on stderr. */
export function renderJsonLine(value: unknown): string {
  return escapeJsonText(JSON.stringify(value)) + "\n";
}

// The document's own line breaks stay; every other hidden character (domain/invisible-characters.ts)
// is a JSON escape, one per UTF-16 unit, so a tag character is `\udb40\udc41`.
const JSON_LAYOUT = { keep: "\n" };

function escapeJsonText(json: string): string {
  return replaceInvisible(json, (ch) => ch.split("").map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""), JSON_LAYOUT);
}
