import { statusCategories } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** Every task someone should be working on has one accountable owner. */
export const ownerlessRule: Rule = {
  name: "ownerless",
  defaultSeverity: "error",
  usesHistory: false,
  description: "an open, active or blocked task has no owner",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const categories = statusCategories(ctx.config);
    for (const task of ctx.tasks) {
      const category = categories.get(task.status);
      if (category === undefined || category === "closed") continue;
      if (task.owner !== null && task.owner.trim() !== "") continue;
      findings.push(
        taskFinding("ownerless", settings.severity, task, FIELD.owner, `${category} task (status ${task.status}) has no owner`, `give it one: tasks assign ${task.id} <who>`),
      );
    }
    return findings;
  },
};
