import type { Problem, Task } from "../domain/task.js";

/**
 * What a check reports. A finding names a file and a line (when it is about one), the task's id
 * and title (when the file could be read), the rule, how serious it is and what is wrong. The
 * strings are raw: renderers sanitize them for the sink they write to.
 */

export const RULE_NAMES = [
  "ownerless",
  "stale",
  "overdue",
  "missing-dod",
  "invalid-file",
  "duplicate-id",
  "unknown-status",
  "unknown-owner",
  "conflict-markers",
  "dangling-dependency",
  "dependency-cycle",
  "blocked-too-long",
  "hidden-characters",
  "due-while-away",
  "lease-expired",
  "sla-breached",
  "sla-near-breach",
  "webhook-url",
  "unknown-task-reference",
  "closed-by-commit",
  "review-missing-reviewer",
  "review-waiting",
  "reviewer-is-owner",
  "done-with-override",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** Not rules: notices about the run itself (a shallow clone, a runner that obeys set-env). */
export const SHALLOW_CLONE = "shallow-clone";
export const UNSECURE_COMMANDS = "unsecure-commands";
export type FindingRule = RuleName | typeof SHALLOW_CLONE | typeof UNSECURE_COMMANDS;

export type Severity = "error" | "warning";
export type SeverityLevel = Severity | "off";

export interface Finding {
  readonly rule: FindingRule;
  readonly severity: Severity;
  /** Repo-relative path; null for a finding about the repository as a whole. */
  readonly path: string | null;
  readonly line: number | null;
  readonly id: string | null;
  readonly title: string | null;
  readonly message: string;
  readonly hint: string | null;
}

export function isRuleName(name: string): name is RuleName {
  return (RULE_NAMES as readonly string[]).includes(name);
}

/** A finding about a task, placed on the line of `field` (else the title, else line 1). */
export function taskFinding(
  rule: RuleName,
  severity: Severity,
  task: Task,
  field: string,
  message: string,
  hint: string | null = null,
): Finding {
  return {
    rule,
    severity,
    path: task.path,
    line: task.lines[field] ?? task.lines.title ?? 1,
    id: task.id,
    title: task.title,
    message,
    hint,
  };
}

export function problemFinding(rule: RuleName, severity: Severity, problem: Problem): Finding {
  const field = problem.field ? ` (field ${problem.field})` : "";
  return { rule, severity, path: problem.path, line: problem.line, id: null, title: null, message: `${problem.message}${field}`, hint: problem.hint ?? null };
}

const rank = (severity: Severity): number => (severity === "error" ? 0 : 1);

/** Repository-wide findings first, then by file, line, severity and rule. */
export function compareByLocation(a: Finding, b: Finding): number {
  if (a.path !== b.path) {
    if (a.path === null) return -1;
    if (b.path === null) return 1;
    return a.path < b.path ? -1 : 1;
  }
  return (a.line ?? 0) - (b.line ?? 0) || rank(a.severity) - rank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Errors before warnings, then by location: the order annotations are emitted in. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return rank(a.severity) - rank(b.severity) || compareByLocation(a, b);
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly files: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const errors = findings.filter((f) => f.severity === "error").length;
  const files = new Set(findings.map((f) => f.path).filter((p) => p !== null)).size;
  return { errors, warnings: findings.length - errors, files };
}

/** History rules could not run: said as a warning, never a silent pass. */
export function shallowCloneFinding(skipped: readonly RuleName[]): Finding {
  return {
    rule: SHALLOW_CLONE,
    severity: "warning",
    path: null,
    line: null,
    id: null,
    title: null,
    message: `this is a shallow clone, so ${skipped.length > 1 ? `${skipped.slice(0, -1).join(", ")} and ${skipped.at(-1) as string}` : skipped.join("")} could not run: they read the history`,
    hint: "fetch the whole history: actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 on GitLab, or git fetch --unshallow",
  };
}

/**
 * GitHub's runner obeys `set-env` and `add-path` from any step's output while
 * ACTIONS_ALLOW_UNSECURE_COMMANDS is set (CVE-2020-15228): our annotations are escaped, but a task
 * title printed by another step could then set LD_PRELOAD for the rest of the job.
 */
export function unsecureCommandsFinding(): Finding {
  return {
    rule: UNSECURE_COMMANDS,
    severity: "warning",
    path: null,
    line: null,
    id: null,
    title: null,
    message: "ACTIONS_ALLOW_UNSECURE_COMMANDS is set, so this job obeys set-env and add-path commands printed by any step, including text from task files",
    hint: "remove ACTIONS_ALLOW_UNSECURE_COMMANDS from the workflow; write to $GITHUB_ENV and $GITHUB_PATH instead",
  };
}
