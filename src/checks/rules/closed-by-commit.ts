import { closingCommits } from "../../domain/code-links.js";
import { statusCategories } from "../../domain/config.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * A commit on the main branch says it closes a task (`Closes: k7m2q` or `Fixes: k7m2q`) and the
 * task is still open: the code landed, the task file did not follow. `tasks done` proposes it.
 */
export const closedByCommitRule: Rule = {
  name: "closed-by-commit",
  defaultSeverity: "warning",
  defaultDays: 90,
  usesHistory: true,
  description: "a commit of the last N days on the main branch closes a task (Closes:, Fixes:) that is not closed",
  check(ctx, settings) {
    const links = ctx.codeLinks;
    if (!links) return [];
    const since = ctx.now.getTime() - settings.days * 86_400_000;
    const findings: Finding[] = [];
    const categories = statusCategories(ctx.config);
    for (const task of ctx.tasks) {
      if (categories.get(task.status) === "closed") continue;
      const [closing] = closingCommits(links.links, task.id).filter((c) => Date.parse(c.committerDate) >= since);
      if (!closing) continue;
      findings.push(
        taskFinding(
          "closed-by-commit",
          settings.severity,
          task,
          FIELD.status,
          `commit ${closing.hash.slice(0, 7)} "${closing.subject}" on ${links.mainBranch ?? "the main branch"} closes it, but it is still ${task.status}`,
          `tasks done ${task.id}`,
        ),
      );
    }
    return findings;
  },
};
