import { FIELD } from "../../domain/task.js";
import { localDateOf } from "../../domain/time.js";
import { workingDaysSince } from "../../domain/working-time.js";
import { type Finding, taskFinding } from "../finding.js";
import { ownerFacts, tasksWithHistory } from "../history-facts.js";
import type { Rule } from "../rule.js";

/**
 * Active work nobody has touched for N of its owner's working days (their zone, hours and days:
 * a weekend or a day off does not count). Committer dates, clamped to now, so a forged future
 * date cannot keep a task fresh. A warning at N becomes an error at 2N.
 */
export const staleRule: Rule = {
  name: "stale",
  defaultSeverity: "warning",
  defaultDays: 5,
  usesHistory: true,
  description: "an active task has had no change for N of its owner's working days; error at 2N",
  check(ctx, settings) {
    const { history, tasks } = tasksWithHistory(ctx, "active");
    const limit = settings.days;
    const findings: Finding[] = [];
    const owners = ownerFacts(ctx.config);
    // Most stale tasks have nothing in the window: their message depends on the owner only.
    const untouched = new Map<string | null, string>();
    for (const task of tasks) {
      const { schedule, whose } = owners(task.owner);
      const hint = `record progress (tasks comment ${task.id} "…"), hand it off, or block it with a reason`;
      const last = history.byPath.get(task.path)?.lastChange ?? null;
      if (last === null) {
        let message = untouched.get(task.owner);
        if (message === undefined) {
          // Nothing in the window, which reaches back 2N of this owner's working days at least.
          const before = localDateOf(Date.parse(history.since), schedule.timezone);
          untouched.set(task.owner, (message = `no change for at least ${2 * limit} of ${whose} working days (nothing since ${before}); stale after ${limit}`));
        }
        findings.push(taskFinding("stale", "error", task, FIELD.status, message, hint));
        continue;
      }
      const days = workingDaysSince(new Date(last), ctx.now, schedule);
      if (days < limit) continue;
      const severity = days >= 2 * limit ? "error" : settings.severity;
      const on = localDateOf(Date.parse(last), schedule.timezone);
      findings.push(taskFinding("stale", severity, task, FIELD.status, `no change for ${days} of ${whose} working days (last on ${on}); stale after ${limit}`, hint));
    }
    return findings;
  },
};
