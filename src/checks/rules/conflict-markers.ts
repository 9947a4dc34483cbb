import { type Finding, problemFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** A committed merge conflict: the reader (task-codec) finds markers anywhere in the file. */
export const conflictMarkersRule: Rule = {
  name: "conflict-markers",
  defaultSeverity: "error",
  usesHistory: false,
  description: "git conflict markers anywhere in a task file",
  check(ctx, settings) {
    const findings: Finding[] = [];
    for (const problem of ctx.problems) {
      if (problem.kind === "conflict-markers") findings.push(problemFinding("conflict-markers", settings.severity, problem));
    }
    return findings;
  },
};
