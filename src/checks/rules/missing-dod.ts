import { statusCategories } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** Work that is open or under way says what "done" means. */
export const missingDodRule: Rule = {
  name: "missing-dod",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "an open or active task has no definition of done",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const categories = statusCategories(ctx.config);
    for (const task of ctx.tasks) {
      const category = categories.get(task.status);
      if (category !== "open" && category !== "active") continue;
      if (task.definitionOfDone.some((item) => item.trim() !== "")) continue;
      findings.push(
        taskFinding("missing-dod", settings.severity, task, FIELD.definitionOfDone, `${category} task has no definition of done`, `add criteria: tasks set ${task.id} "definition-of-done+=<criterion>"`),
      );
    }
    return findings;
  },
};
