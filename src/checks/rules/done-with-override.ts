import { firstStatusOf } from "../../domain/config.js";
import { overriddenText } from "../../domain/overrides.js";
import { FIELD } from "../../domain/task.js";
import { localDateOf } from "../../domain/time.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * A task closed in the last N days with `tasks done --force --reason`: the definition of done, or
 * the review too, was overridden. Not a fault to fix, a fact CI should show (issue 18: overrides
 * are recorded and reported). Read from the closing commit's `Task-Override:` and
 * `Task-Review-Override:` trailers in the check's one history window; a task reopened since is
 * no longer "done with an override" and is left out.
 */
export const doneWithOverrideRule: Rule = {
  name: "done-with-override",
  defaultSeverity: "warning",
  defaultDays: 7,
  usesHistory: true,
  description: "closed in the last N days with tasks done --force: the definition of done (or the review) was overridden",
  check(ctx, settings) {
    const overrides = ctx.history?.overrides;
    if (!overrides) return [];
    const since = ctx.now.getTime() - settings.days * 86_400_000;
    const closing = firstStatusOf(ctx.config, "closed");
    const findings: Finding[] = [];
    // The latest override of each task: one finding per task.
    const latest = new Map(overrides.filter((o) => Date.parse(o.at) >= since).map((o) => [o.path, o]));
    if (latest.size === 0) return findings;
    const byPath = new Map(ctx.tasks.map((task) => [task.path, task]));
    for (const [path, override] of latest) {
      const task = byPath.get(path);
      if (task === undefined || task.id !== override.id || task.status !== closing) continue;
      const reviewed = override.reviewer === null ? "" : `; if ${override.reviewer} still needs to look at it: tasks reopen ${task.id}`;
      findings.push(
        taskFinding(
          "done-with-override",
          settings.severity,
          task,
          FIELD.status,
          `closed on ${localDateOf(Date.parse(override.at), ctx.config.timezone)} by ${override.closedBy} with the ${overriddenText(override)} overridden (${override.commit.slice(0, 7)}): ${override.reason}`,
          `recorded, nothing to repair: tasks log ${task.id}${reviewed}`,
        ),
      );
    }
    return findings;
  },
};
