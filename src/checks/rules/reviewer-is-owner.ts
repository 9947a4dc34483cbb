import { categoryOf, findMember } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** A reviewer who owns the task cannot approve it (tasks approve refuses), so it could only close by --force. */
export const reviewerIsOwnerRule: Rule = {
  name: "reviewer-is-owner",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "a task's reviewer is also its owner",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const person = (who: string): string => findMember(ctx.config, who)?.handle ?? who;
    for (const task of ctx.tasks) {
      if (task.reviewer === null || task.owner === null || categoryOf(ctx.config, task.status) === "closed" || person(task.reviewer) !== person(task.owner)) continue;
      findings.push(taskFinding("reviewer-is-owner", settings.severity, task, FIELD.reviewer, `${task.owner} is both the owner and the reviewer; nobody can approve it`, `name another reviewer: tasks set ${task.id} reviewer=<who>`));
    }
    return findings;
  },
};
