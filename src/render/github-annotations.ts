import { compareBySeverity, type Finding } from "../checks/finding.js";
import { type CheckReport, summaryLine } from "../checks/report.js";
import { findingLine } from "./findings-text.js";
import { sanitizeLine } from "./sanitize.js";
import { guardCommandText, guardWorkflowText } from "./workflow-guard.js";

/**
 * `--format github`: workflow-command annotations the Actions runner turns into error and warning
 * marks on the pull request. The runner parses every line it sees (actions/runner
 * ActionCommand.cs): `::name props::data` at the start of a line, after leading white space, and
 * the legacy `##[name props]data` anywhere in a line. So text from task files is
 *   - sanitized (no control characters, so it can never start a line of its own),
 *   - shown escaped where it holds a character .NET's culture-aware matching ignores (soft
 *     hyphen, joiners, tag characters, variation selectors…: `:\u00ad:` would match `::` there),
 *   - broken up where it says `##[` (matched anywhere in a line, and drawn by the log viewer),
 *   - then escaped by GitHub's rules for data or for properties.
 * `::` is left as written inside an annotation: the runner ends the properties at the first `::`
 * and property escaping turns every `:` into `%3A`, so the only `::` before the data is ours, and
 * `file=` keeps the real path (a broken-up one points the annotation at a file that does not
 * exist). Findings beyond the cap are plain lines, not our commands, so there `::` is broken up
 * as well, and they are listed between `::stop-commands::<token>` and `::<token>::`, where the
 * runner processes nothing.
 */

export const ANNOTATIONS_PER_SEVERITY = 10;

/** Task text made inert for a workflow log, on one line: it can say `::` and `##[` but never mean them. */
export function neutraliseCommands(text: string): string {
  return guardWorkflowText(sanitizeLine(text));
}

/** Task text inside one of our annotations, on one line: `::` kept as written, `##[` broken up. */
export function annotationText(text: string): string {
  return guardCommandText(sanitizeLine(text));
}

/** GitHub's escaping of command data (`%` first, so an escape cannot be forged). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** GitHub's escaping of command properties: data escaping plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(finding: Finding): string {
  const props: string[] = [];
  if (finding.path !== null) {
    props.push(`file=${escapeProperty(annotationText(finding.path))}`);
    props.push(`line=${finding.line ?? 1}`);
  }
  const title = finding.id === null ? `tasks check: ${finding.rule}` : `tasks check: ${finding.rule} (${finding.id})`;
  props.push(`title=${escapeProperty(annotationText(title))}`);
  const about = finding.id === null ? "" : `${finding.id} "${finding.title ?? ""}": `;
  const hint = finding.hint ? ` Hint: ${finding.hint}` : "";
  return `::${finding.severity} ${props.join(",")}::${escapeData(annotationText(`${about}${finding.message}.${hint}`))}`;
}

export interface GithubOptions {
  /** Random hex for the stop-commands block; must not be guessable from task text. */
  readonly token: string;
  readonly perSeverity?: number;
}

/** Annotations (errors first, capped per severity), then the rest as plain lines, then the summary. */
export function renderGithubAnnotations(report: CheckReport, options: GithubOptions): string {
  const cap = options.perSeverity ?? ANNOTATIONS_PER_SEVERITY;
  const annotated: Finding[] = [];
  const rest: Finding[] = [];
  const used = { error: 0, warning: 0 };
  for (const finding of [...report.findings].sort(compareBySeverity)) {
    if (used[finding.severity] < cap) {
      used[finding.severity]++;
      annotated.push(finding);
    } else rest.push(finding);
  }
  const lines = annotated.map(annotation);
  if (rest.length > 0) {
    lines.push(`::stop-commands::${options.token}`);
    for (const finding of rest) lines.push(neutraliseCommands(findingLine(finding)));
    lines.push(`::${options.token}::`);
    lines.push(`${rest.length} more finding${rest.length === 1 ? "" : "s"} not annotated (GitHub shows ${cap} errors and ${cap} warnings per step); listed above`);
  }
  lines.push(`tasks check: ${summaryLine(report)}`);
  return `${lines.join("\n")}\n`;
}
