import { zoneFor } from "../../domain/config.js";
import { isOverdue } from "../../domain/query.js";
import { FIELD } from "../../domain/task.js";
import { dueSortKey } from "../../domain/time.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

const DAY_MS = 86_400_000;

/** Unclosed work past its due moment, judged in the owner's time zone (a date ends at their midnight). */
export const overdueRule: Rule = {
  name: "overdue",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "an unclosed task is past its due moment in its owner's zone",
  check(ctx, settings) {
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      if (task.due === null || !isOverdue(task, ctx.config, ctx.now)) continue;
      const zone = zoneFor(ctx.config, task.owner);
      const late = ctx.now.getTime() - dueSortKey(task.due, zone);
      const days = Math.floor(late / DAY_MS);
      const howLate = days >= 1 ? `${days} day${days === 1 ? "" : "s"} ago` : "less than a day ago";
      findings.push(
        taskFinding("overdue", settings.severity, task, FIELD.due, `was due ${task.due} (${zone}), ${howLate}`, `finish it, or move the date: tasks set ${task.id} due=<date>`),
      );
    }
    return findings;
  },
};
