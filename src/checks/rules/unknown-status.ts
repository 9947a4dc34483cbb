import { statusCategories, statusNames } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** A status the configuration does not know has no category: boards and rules cannot place it. */
export const unknownStatusRule: Rule = {
  name: "unknown-status",
  defaultSeverity: "error",
  usesHistory: false,
  description: "a status not in the configuration",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const categories = statusCategories(ctx.config);
    const known = statusNames(ctx.config).join(", ");
    for (const task of ctx.tasks) {
      if (categories.get(task.status) !== undefined) continue;
      findings.push(
        taskFinding("unknown-status", settings.severity, task, FIELD.status, `status "${task.status}" is not in the configuration`, `use one of: ${known} (or add it to statuses in .tasks/config.yml)`),
      );
    }
    return findings;
  },
};
