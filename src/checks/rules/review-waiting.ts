import { submittedAt } from "../../domain/review.js";
import { FIELD } from "../../domain/task.js";
import { isoInZone } from "../../domain/time.js";
import { durationMillis, durationText, scheduleFor, workingDeadline } from "../../domain/working-time.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * A review waiting longer than `review: waiting-after:` (say 8 working hours) of the REVIEWER's
 * working time: their zone, hours, days, holidays and time off. It runs from the latest "sent to
 * review" entry of the log. Silent without the setting.
 */
export const reviewWaitingRule: Rule = {
  name: "review-waiting",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "a task has waited in review longer than review: waiting-after: of its reviewer's working time",
  check(ctx, settings) {
    const limit = ctx.config.review?.waitingAfter;
    if (!limit) return [];
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      if (task.status !== "review" || task.reviewer === null) continue;
      const since = submittedAt(task);
      const from = since === undefined ? Number.NaN : Math.min(Date.parse(since), ctx.now.getTime());
      if (Number.isNaN(from)) continue;
      const schedule = scheduleFor(ctx.config, task.reviewer);
      const deadline = workingDeadline(from, durationMillis(limit, schedule), schedule);
      if (deadline === undefined || deadline > ctx.now.getTime()) continue;
      findings.push(
        taskFinding(
          "review-waiting",
          settings.severity,
          task,
          FIELD.reviewer,
          `in review since ${isoInZone(new Date(from), schedule.timezone)}: more than ${durationText(limit)} of ${task.reviewer}'s working time (past ${isoInZone(new Date(deadline), schedule.timezone)})`,
          `${task.reviewer}: tasks approve ${task.id}, or tasks request-changes ${task.id} --reason "…"; or hand the review to someone else: tasks set ${task.id} reviewer=<who>`,
        ),
      );
    }
    return findings;
  },
};
