import type { Category } from "../domain/config.js";
import { replaceInvisible } from "../domain/invisible-characters.js";
import type { Task } from "../domain/task.js";
import { SCHEMA_VERSION } from "./json-schemas/common.js";
import type { JsonKind, JsonOf } from "./json-schemas/index.js";
import type { Infer } from "./json-schemas/schema.js";
import type { taskSchema } from "./json-schemas/common.js";

/**
 * Machine output: versioned envelopes built from their own shapes, never a dump of internal
 * objects. A task carries every frontmatter field under its own name (absent ones as null), plus
 * `path` and `category`. The shapes are the schemas in json-schemas/ (published as schema/*.json):
 * adding fields is compatible; removing or retyping one bumps schemaVersion (docs/json.md).
 */

export { SCHEMA_VERSION };

export type TaskJson = Infer<typeof taskSchema>;

/**
 * The team's own keys as written, in file order; the known fields as validated (a `labels:` left
 * empty in the file reads as null in YAML, and is still a list here).
 */
export function toTaskJson(task: Task, category: Category | null): TaskJson {
  const known = {
    id: task.id,
    title: task.title,
    status: task.status,
    owner: task.owner,
    due: task.due,
    priority: task.priority,
    labels: task.labels,
    "depends-on": task.dependsOn,
    reviewer: task.reviewer,
    goal: task.goal,
    created: task.created,
    "definition-of-done": task.definitionOfDone,
  };
  return { ...known, ...task.data, ...known, path: task.path, category };
}

/** A document of one kind: its body is checked against the kind's schema-derived type. */
export function envelope<K extends JsonKind>(kind: K, body: Omit<JsonOf<K>, "schemaVersion" | "kind">): JsonOf<K> {
  return { schemaVersion: SCHEMA_VERSION, kind, ...body } as unknown as JsonOf<K>;
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
