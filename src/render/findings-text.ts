import type { Finding } from "../checks/finding.js";
import { type CheckReport, reportCounts, summaryLine } from "../checks/report.js";
import { envelope } from "./json.js";
import type { FindingJson } from "./json-schemas/check.js";
import type { JsonOf } from "./json-schemas/index.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

/**
 * Findings for people and for scripts. Text is grouped by file, one `path:line: severity rule:
 * message` per finding under a header with the task's id and title; every string from a file is
 * sanitized. JSON is a versioned envelope carrying every finding.
 */

function groupByPath(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string | null, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.path);
    if (group) group.push(finding);
    else groups.set(finding.path, [finding]);
  }
  return [...groups.values()];
}

function findingParts(finding: Finding): { where: string; label: string; message: string } {
  return {
    where: finding.path === null ? "" : `${sanitizeLine(finding.path)}:${finding.line ?? 1}: `,
    label: `${finding.severity} ${finding.rule}`,
    message: sanitizeLine(finding.message),
  };
}

/** `path:line: severity rule: message`, sanitized, uncoloured. */
export function findingLine(finding: Finding): string {
  const { where, label, message } = findingParts(finding);
  return `${where}${label}: ${message}`;
}

function header(group: readonly Finding[]): string {
  const first = group[0] as Finding;
  if (first.path === null) return "repository";
  const task = group.find((f) => f.id !== null);
  if (!task) return `${sanitizeLine(first.path)} (not read as a task)`;
  return `${task.id} "${sanitizeLine(task.title ?? "")}"`;
}

export function renderFindingsText(report: CheckReport, style: Style): string {
  const lines: string[] = [];
  for (const group of groupByPath(report.findings)) {
    lines.push(style.bold(header(group)));
    for (const finding of group) {
      const paint = finding.severity === "error" ? style.red : style.yellow;
      const { where, label, message } = findingParts(finding);
      lines.push(`  ${where}${paint(label)}: ${message}`);
      if (finding.hint) lines.push(style.dim(`    hint: ${sanitizeLine(finding.hint)}`));
    }
    lines.push("");
  }
  const { errors } = reportCounts(report);
  const summary = summaryLine(report);
  lines.push(errors > 0 ? style.red(summary) : report.findings.length > 0 ? style.yellow(summary) : style.green(summary));
  return `${lines.join("\n")}\n`;
}

export function toFindingJson(finding: Finding): FindingJson {
  return {
    rule: finding.rule,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    id: finding.id,
    title: finding.title,
    message: finding.message,
    hint: finding.hint,
  };
}

export function toCheckJson(report: CheckReport, failed: boolean): JsonOf<"check"> {
  const { errors, warnings, files } = reportCounts(report);
  return envelope("check", {
    ok: !failed,
    strict: report.strict,
    changedSince: report.changedSince,
    counts: { errors, warnings, files, tasks: report.tasksChecked, unreadable: report.filesUnreadable },
    rules: report.rules.map(({ rule, settings }) => ({ name: rule.name, severity: settings.severity, days: rule.defaultDays === undefined ? null : settings.days })),
    findings: report.findings.map(toFindingJson),
  });
}
