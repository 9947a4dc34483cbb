/**
 * Output that may land in a GitHub Actions log. The runner reads every line a step prints
 * (actions/runner ActionCommand.cs): `::name props::data` at the start of a line, after leading
 * white space, and the legacy `##[name]data` anywhere in a line; .NET's culture-aware comparison
 * ignores format characters, so `:\u00ad:` counts as `::`. A task titled `T-7: ##[add-mask]Error`
 * printed by `tasks list` would mask every later "Error" in the job's log, and `::stop-commands::x`
 * would silence the annotations of `tasks check`. So under Actions, text that came from files is
 * made inert on its way out: those characters shown as `<U+00AD>`, `::` and `##[` broken up.
 */

// Format and control characters the runner's comparison may skip, plus zero-weight characters
// that are not in Cf. Tab, newline, carriage return and ESC are left to the terminal sanitizer:
// they cannot come from a file unescaped, and our own colour codes use ESC.
const IGNORABLE = /[\p{Cf}\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;

const hex = (ch: string): string => (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");

/** Text (plain, human, warnings, errors) that can mention `::` and `##[` but never mean them. */
export function guardWorkflowText(text: string): string {
  return text
    .replace(IGNORABLE, (ch) => `<U+${hex(ch)}>`)
    .replace(/:(?=[\t\x1b]*:)/g, ": ")
    .replace(/#(?=[\t\x1b]*#[\t\x1b]*\[)/g, "# ");
}

/**
 * JSON output: the same characters as JSON escapes, so the document parses to exactly the same
 * values. No JSON line can start with `::` (each starts with white space and a bracket or a quote),
 * so only `##[` and the ignorable characters need it.
 */
export function guardWorkflowJson(json: string): string {
  return json.replace(IGNORABLE, (ch) => (ch.length === 1 ? `\\u${hex(ch).toLowerCase()}` : ch.split("").map((unit) => `\\u${hex(unit).toLowerCase()}`).join(""))).replace(/#(?=#\[)/g, "\\u0023");
}

/** The guard for one run: active under GitHub Actions, the identity elsewhere. */
export function workflowGuard(active: boolean): (text: string, json?: boolean) => string {
  if (!active) return (text) => text;
  return (text, json = false) => (json ? guardWorkflowJson(text) : guardWorkflowText(text));
}
