import { countFindings, type Finding, type FindingCounts } from "./finding.js";
import type { EnabledRule } from "./rule.js";

/** One run of `tasks check`: what was checked, with which rules, and what was found. */
export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly tasksChecked: number;
  /** Files in the tasks folder that could not be read as tasks. */
  readonly filesUnreadable: number;
  readonly rules: readonly EnabledRule[];
  /** `--strict`: warnings fail too. */
  readonly strict: boolean;
  /** `--changed <rev>`: the commit findings were limited against. */
  readonly changedSince: string | null;
}

export function reportCounts(report: CheckReport): FindingCounts {
  return countFindings(report.findings);
}

/** Error-level findings fail a check; with --strict, warnings do too. */
export function reportFails(report: CheckReport): boolean {
  const { errors, warnings } = reportCounts(report);
  return errors > 0 || (report.strict && warnings > 0);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `2 errors, 1 warning in 2 files; 14 tasks checked` */
export function summaryLine(report: CheckReport): string {
  const { errors, warnings, files } = reportCounts(report);
  const checked = `${plural(report.tasksChecked, "task")} checked${report.changedSince ? `, findings limited to files changed since ${report.changedSince.slice(0, 12)}` : ""}`;
  if (errors + warnings === 0) return `no findings; ${checked}`;
  const strict = report.strict && errors === 0 ? " (--strict: warnings fail)" : "";
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}${strict}; ${checked}`;
}
