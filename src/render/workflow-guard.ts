import { type InvisibleOptions, replaceInvisible } from "../domain/invisible-characters.js";

/**
 * Output that may land in a GitHub Actions log. The runner reads every line a step prints
 * (actions/runner ActionCommand.cs): `::name props::data` at the start of a line, after leading
 * white space, and the legacy `##[name]data` anywhere in a line; .NET's culture-aware comparison
 * ignores format characters, so `:\u00ad:` counts as `::`. A task titled `T-7: ##[add-mask]Error`
 * printed by `tasks list` would mask every later "Error" in the job's log, and `::stop-commands::x`
 * would silence the annotations of `tasks check`. So under Actions, text that came from files is
 * made inert on its way out: those characters shown as `<U+00AD>`, `::` and `##[` broken up.
 */

// What the runner's comparison may skip: the hidden characters of domain/invisible-characters.ts,
// every variation selector included. Tab, newline, carriage return and ESC are left to the terminal
// sanitizer: they cannot come from a file unescaped, and our own colour codes use ESC.
const IGNORABLE: InvisibleOptions = { keep: "\t\n\r\x1b", strict: true };

const hex = (ch: string): string => (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");

/** Text (plain, human, warnings, errors) that can mention `::` and `##[` but never mean them. */
export function guardWorkflowText(text: string): string {
  return guardCommandText(text).replace(/:(?=[\t\x1b]*:)/g, ": ");
}

/**
 * Text inside a workflow command we print ourselves (an annotation's properties and data). The
 * runner has matched the command by then: its properties end at the first `::`, and property
 * escaping turns every `:` into `%3A`, so `::` is only text there and stays as written (a file
 * path must stay the real path, or the annotation lands on a file that does not exist). The
 * legacy `##[` is matched anywhere in a line, and the log viewer reads it too: that is broken up.
 */
export function guardCommandText(text: string): string {
  return replaceInvisible(text, (ch) => `<U+${hex(ch)}>`, IGNORABLE).replace(/#(?=[\t\x1b]*#[\t\x1b]*\[)/g, "# ");
}

/**
 * JSON output: the same characters as JSON escapes, so the document parses to exactly the same
 * values. No JSON line can start with `::` (each starts with white space and a bracket or a quote),
 * so only `##[` and the ignorable characters need it.
 */
export function guardWorkflowJson(json: string): string {
  const escaped = replaceInvisible(json, (ch) => ch.split("").map((unit) => `\\u${hex(unit).toLowerCase()}`).join(""), IGNORABLE);
  return escaped.replace(/#(?=#\[)/g, "\\u0023");
}

/** The guard for one run: active under GitHub Actions, the identity elsewhere. */
export function workflowGuard(active: boolean): (text: string, json?: boolean) => string {
  if (!active) return (text) => text;
  return (text, json = false) => (json ? guardWorkflowJson(text) : guardWorkflowText(text));
}
