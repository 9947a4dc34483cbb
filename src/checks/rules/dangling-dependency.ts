import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

function baseName(path: string): string {
  return (path.split("/").pop() ?? path).toLowerCase().replace(/\.md$/, "");
}

/**
 * `depends-on` names an id no task has. An id whose file exists but cannot be read is not
 * dangling: invalid-file already reports that file, and one broken file should be one finding.
 */
export const danglingDependencyRule: Rule = {
  name: "dangling-dependency",
  defaultSeverity: "error",
  usesHistory: false,
  description: "depends-on names an id that does not exist",
  check(ctx, settings) {
    const ids = new Set(ctx.tasks.map((t) => t.id));
    const unreadable = ctx.problems.map((p) => baseName(p.path));
    const inUnreadableFile = (id: string): boolean => unreadable.some((name) => name === id || name.startsWith(`${id}-`));
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      for (const dep of new Set(task.dependsOn)) {
        if (ids.has(dep) || inUnreadableFile(dep)) continue;
        findings.push(
          taskFinding("dangling-dependency", settings.severity, task, FIELD.dependsOn, `depends on ${dep}, which no task has`, `fix the id, or remove it: tasks set ${task.id} depends-on-=${dep}`),
        );
      }
    }
    return findings;
  },
};
