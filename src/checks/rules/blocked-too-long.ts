import { FIELD } from "../../domain/task.js";
import { localDateOf } from "../../domain/time.js";
import { workingDaysSince } from "../../domain/working-time.js";
import { type Finding, taskFinding } from "../finding.js";
import { ownerFacts, tasksWithHistory } from "../history-facts.js";
import type { Rule } from "../rule.js";

/**
 * Blocked for more than N of the owner's working days (their zone, hours, days and time off: a
 * week of holiday does not count). History is read back N+1 working days only: a task whose
 * blocked spell began inside that window has its start there; one with no such event has been
 * blocked since before the window, which is already too long, so older history is never needed.
 */
export const blockedTooLongRule: Rule = {
  name: "blocked-too-long",
  defaultSeverity: "warning",
  defaultDays: 10,
  usesHistory: true,
  description: "blocked for more than N of its owner's working days",
  check(ctx, settings) {
    const { history, tasks } = tasksWithHistory(ctx, "blocked");
    const limit = settings.days;
    const findings: Finding[] = [];
    const owners = ownerFacts(ctx.config);
    // Most have been blocked since before the window: their message depends on the owner only.
    const beforeWindow = new Map<string | null, string>();
    for (const task of tasks) {
      const hint = `unblock it (tasks unblock ${task.id}), escalate the blocker, or drop the task`;
      const { schedule, whose } = owners(task.owner);
      const day = (iso: string): string => {
        const ms = Date.parse(iso);
        return Number.isNaN(ms) ? iso : localDateOf(ms, schedule.timezone);
      };
      const since = history.byPath.get(task.path)?.blockedSince ?? null;
      if (since === null) {
        let message = beforeWindow.get(task.owner);
        if (message === undefined) beforeWindow.set(task.owner, (message = `blocked for more than ${limit} of ${whose} working days (since before ${day(history.since)})`));
        findings.push(taskFinding("blocked-too-long", settings.severity, task, FIELD.status, message, hint));
        continue;
      }
      const days = workingDaysSince(new Date(since), ctx.now, schedule);
      if (days <= limit) continue;
      findings.push(taskFinding("blocked-too-long", settings.severity, task, FIELD.status, `blocked for ${days} of ${whose} working days (since ${day(since)}); the limit is ${limit}`, hint));
    }
    return findings;
  },
};
