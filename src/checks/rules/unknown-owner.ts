import { findMember } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** With a roster, owners are people on it; without one, any owner is fine. */
export const unknownOwnerRule: Rule = {
  name: "unknown-owner",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "an owner missing from the roster, when there is one",
  check(ctx, settings) {
    if (ctx.config.team.length === 0) return [];
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      const owner = task.owner?.trim();
      if (!owner || findMember(ctx.config, owner)) continue;
      findings.push(
        taskFinding("unknown-owner", settings.severity, task, FIELD.owner, `owner "${owner}" is not on the team roster`, "add them under team: in .tasks/config.yml, or assign the task to someone who is"),
      );
    }
    return findings;
  },
};
