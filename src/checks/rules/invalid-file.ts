import type { Task } from "../../domain/task.js";
import { type Finding, problemFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * Files in the tasks folder that are not usable tasks: unparsable YAML, not a mapping, bad field
 * types, another frontmatter language, too large, not UTF-8, a symbolic link, a bad file name.
 * Conflict markers have their own rule. A bad name on a file that reads is still that task's file,
 * so the finding carries its id and title.
 */
export const invalidFileRule: Rule = {
  name: "invalid-file",
  defaultSeverity: "error",
  usesHistory: false,
  description: "unreadable: bad YAML or field types, not YAML, too large, a symlink, a bad file name",
  check(ctx, settings) {
    const findings: Finding[] = [];
    if (ctx.problems.length === 0) return findings;
    const byPath = new Map<string, Task>(ctx.tasks.map((t) => [t.path, t]));
    for (const problem of ctx.problems) {
      if (problem.kind === "conflict-markers") continue;
      const finding = problemFinding("invalid-file", settings.severity, problem);
      const task = byPath.get(problem.path);
      findings.push(task ? { ...finding, id: task.id, title: task.title } : finding);
    }
    return findings;
  },
};
