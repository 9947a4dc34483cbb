import { categoryOf } from "../../domain/config.js";
import { reviewerRequired } from "../../domain/review.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** `review: required-for:` names priorities and labels whose tasks must have a reviewer (docs/review.md). */
export const reviewMissingReviewerRule: Rule = {
  name: "review-missing-reviewer",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "a task the config requires a reviewer for (review: required-for:) has none",
  check(ctx, settings) {
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      if (task.reviewer !== null || categoryOf(ctx.config, task.status) === "closed" || !reviewerRequired(task, ctx.config)) continue;
      const why = [task.priority !== null && ctx.config.review?.requiredFor?.priorities.includes(task.priority) ? `priority ${task.priority}` : null, ...task.labels.filter((l) => ctx.config.review?.requiredFor?.labels.includes(l)).map((l) => `label ${l}`)]
        .filter((w): w is string => w !== null)
        .join(", ");
      findings.push(taskFinding("review-missing-reviewer", settings.severity, task, FIELD.title, `needs a reviewer (${why}; review: required-for: in .tasks/config.yml) and has none`, `name one: tasks set ${task.id} reviewer=<who>`));
    }
    return findings;
  },
};
