import { compareBySeverity, type Finding } from "../checks/finding.js";
import { type CheckReport, reportCounts, summaryLine } from "../checks/report.js";
import { sanitizeLine } from "./sanitize.js";

/**
 * The Markdown appended to `$GITHUB_STEP_SUMMARY`. GitHub renders it as Markdown with HTML, so
 * every string from a task file is sanitized and every ASCII punctuation character is
 * backslash-escaped: CommonMark then shows it literally, as text, never as markup, a tag or a
 * table cell boundary.
 */

const MAX_ROWS = 200;

export function escapeMarkdown(text: string): string {
  return sanitizeLine(text).replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

function row(finding: Finding): string {
  const where = finding.path === null ? "" : `${finding.path}:${finding.line ?? 1}`;
  const task = finding.id === null ? "" : `${finding.id} ${finding.title ?? ""}`;
  const cells = [finding.severity, finding.rule, escapeMarkdown(where), escapeMarkdown(task), escapeMarkdown(finding.message)];
  return `| ${cells.join(" | ")} |`;
}

export function renderStepSummary(report: CheckReport, failed: boolean): string {
  const { errors, warnings } = reportCounts(report);
  const verdict = failed ? "failed" : errors + warnings > 0 ? "passed with warnings" : "passed";
  const lines = ["## tasks check", "", `**${verdict}**: ${summaryLine(report)}`, ""];
  if (report.findings.length > 0) {
    lines.push("| severity | rule | where | task | finding |", "| --- | --- | --- | --- | --- |");
    const sorted = [...report.findings].sort(compareBySeverity);
    lines.push(...sorted.slice(0, MAX_ROWS).map(row));
    if (sorted.length > MAX_ROWS) lines.push("", `${sorted.length - MAX_ROWS} more findings: run \`tasks check\` locally to see them all.`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
