import { type Finding, problemFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * Files in the tasks folder that are not usable tasks: unparsable YAML, not a mapping, bad field
 * types, another frontmatter language, too large, not UTF-8, a symbolic link, a bad file name.
 * Conflict markers have their own rule.
 */
export const invalidFileRule: Rule = {
  name: "invalid-file",
  defaultSeverity: "error",
  usesHistory: false,
  description: "unreadable: bad YAML or field types, not YAML, too large, a symlink, a bad file name",
  check(ctx, settings) {
    const findings: Finding[] = [];
    for (const problem of ctx.problems) {
      if (problem.kind === "conflict-markers") continue;
      findings.push(problemFinding("invalid-file", settings.severity, problem));
    }
    return findings;
  },
};
