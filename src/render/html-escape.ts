import { sanitizeText } from "./sanitize.js";

/**
 * The one escape for everything the dashboard page shows that came from a file, a commit or a
 * name: safe in text and in double-quoted attribute values. Control characters, bidi overrides
 * and invisible characters are first shown as the terminal shows them (`\x07`, `<U+202E>`), so a
 * title cannot reorder or hide what follows, and two owners that look alike do not read alike.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return sanitizeText(String(value)).replace(/[&<>"'`]/g, (c) => ENTITIES[c] as string);
}

/** An id safe as a fragment and an HTML id: task ids are checked on load, but a page never trusts that. */
export function anchorId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ""}`)}`;
}
