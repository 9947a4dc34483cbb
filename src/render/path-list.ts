import { sanitizeLine } from "./sanitize.js";

/** `a.md, b.md, and 3 more`: paths from git or the file system, sanitized, for one-line messages. */
export function renderPathList(paths: readonly string[], max = 8): string {
  const shown = paths.slice(0, max).map(sanitizeLine).join(", ");
  return paths.length > max ? `${shown}, and ${paths.length - max} more` : shown;
}
