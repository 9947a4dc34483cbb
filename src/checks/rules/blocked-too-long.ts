import { zoneFor } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { localDateOf } from "../../domain/time.js";
import { type Finding, taskFinding } from "../finding.js";
import { tasksWithHistory } from "../history-facts.js";
import type { Rule } from "../rule.js";

const DAY_MS = 86_400_000;

/**
 * Blocked for more than N days. History is read for N days only: a task whose blocked spell began
 * inside that window has its start there; one with no such event has been blocked since before
 * the window, which is already too long, so older history is never needed.
 */
export const blockedTooLongRule: Rule = {
  name: "blocked-too-long",
  defaultSeverity: "warning",
  defaultDays: 10,
  usesHistory: true,
  description: "blocked for more than N days",
  check(ctx, settings) {
    const { history, tasks } = tasksWithHistory(ctx, "blocked");
    const limit = settings.days;
    const findings: Finding[] = [];
    for (const task of tasks) {
      const hint = `unblock it (tasks unblock ${task.id}), escalate the blocker, or drop the task`;
      const day = (iso: string): string => {
        const ms = Date.parse(iso);
        return Number.isNaN(ms) ? iso : localDateOf(ms, zoneFor(ctx.config, task.owner));
      };
      const since = history.byPath.get(task.path)?.blockedSince ?? null;
      if (since === null) {
        findings.push(taskFinding("blocked-too-long", settings.severity, task, FIELD.status, `blocked for more than ${limit} days (since before ${day(history.since)})`, hint));
        continue;
      }
      const blockedFor = ctx.now.getTime() - Date.parse(since);
      if (blockedFor <= limit * DAY_MS) continue;
      const days = Math.floor(blockedFor / DAY_MS);
      findings.push(taskFinding("blocked-too-long", settings.severity, task, FIELD.status, `blocked for ${days} days (since ${day(since)}); the limit is ${limit}`, hint));
    }
    return findings;
  },
};
