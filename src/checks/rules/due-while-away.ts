import { statusCategories } from "../../domain/config.js";
import { isOverdue } from "../../domain/query.js";
import { isIsoDate } from "../../domain/task-schema.js";
import { FIELD } from "../../domain/task.js";
import { localDateOf } from "../../domain/time.js";
import { awayAt, type DayOff, dayOff, scheduleFor } from "../../domain/working-time.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * Work due on a day its owner is off: inside one of their `away:` periods, or on a public holiday
 * of their calendar. Found ahead of time (a task already past due is `overdue`'s), so the date can
 * move or the work change hands before anyone is waiting for it.
 */
export const dueWhileAwayRule: Rule = {
  name: "due-while-away",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "an unclosed task is due while its owner is away or on a public holiday",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const categories = statusCategories(ctx.config);
    for (const task of ctx.tasks) {
      if (task.due === null || task.owner === null || categories.get(task.status) === "closed") continue;
      const schedule = scheduleFor(ctx.config, task.owner);
      if (schedule.off === undefined || isOverdue(task, ctx.config, ctx.now)) continue;
      let off: DayOff | undefined;
      if (isIsoDate(task.due)) off = dayOff(task.due, schedule);
      else {
        const ms = Date.parse(task.due);
        if (Number.isNaN(ms)) continue;
        const period = awayAt(ms, schedule);
        const holiday = schedule.off.holidays.get(localDateOf(ms, schedule.timezone));
        off = period ? { kind: "away", period } : holiday !== undefined ? { kind: "holiday", name: holiday } : undefined;
      }
      if (off === undefined) continue;
      const why =
        off.kind === "holiday"
          ? `a public holiday for ${task.owner} (${off.name})`
          : `while ${task.owner} is away (${off.period.from === off.period.to ? off.period.from : `${off.period.from}..${off.period.to}`}${off.period.note ? `, ${off.period.note}` : ""})`;
      findings.push(
        taskFinding("due-while-away", settings.severity, task, FIELD.due, `due ${task.due}, ${why}`, `move the date (tasks set ${task.id} due=<date>) or hand it off (tasks handoff ${task.id} --to <who>)`),
      );
    }
    return findings;
  },
};
