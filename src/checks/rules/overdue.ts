import { statusCategories, zoneFor } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { dueSortKey, isPastDue } from "../../domain/time.js";
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
    const categories = statusCategories(ctx.config);
    // Thousands of tasks share a few owners and a few hundred due dates: each owner's zone, and
    // each (zone, due) verdict, is worked out once. null: not past due.
    const zones = new Map<string | null, string>();
    const verdicts = new Map<string, Map<string, string | null>>();
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      const due = task.due;
      if (due === null || categories.get(task.status) === "closed") continue;
      let zone = zones.get(task.owner);
      if (zone === undefined) zones.set(task.owner, (zone = zoneFor(ctx.config, task.owner)));
      let inZone = verdicts.get(zone);
      if (inZone === undefined) verdicts.set(zone, (inZone = new Map()));
      let howLate = inZone.get(due);
      if (howLate === undefined) inZone.set(due, (howLate = lateness(due, zone, ctx.now)));
      if (howLate === null) continue;
      findings.push(taskFinding("overdue", settings.severity, task, FIELD.due, `was due ${due} (${zone}), ${howLate}`, `finish it, or move the date: tasks set ${task.id} due=<date>`));
    }
    return findings;
  },
};

/** `3 days ago`, `less than a day ago`; null when `due` is not past in `zone`. */
function lateness(due: string, zone: string, now: Date): string | null {
  if (!isPastDue(due, zone, now)) return null;
  const days = Math.floor((now.getTime() - dueSortKey(due, zone)) / DAY_MS);
  return days >= 1 ? `${days} day${days === 1 ? "" : "s"} ago` : "less than a day ago";
}
