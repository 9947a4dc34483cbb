/**
 * The one escape for everything the dashboard page shows that came from a file, a commit or a
 * name: safe in text and in double-quoted attribute values. Control characters (other than tab
 * and newline) and bidi overrides are dropped, so a title cannot reorder or hide what follows.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value)
    .replace(INVISIBLE, "")
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c] as string);
}

/** An id safe as a fragment and an HTML id: task ids are checked on load, but a page never trusts that. */
export function anchorId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ""}`)}`;
}
