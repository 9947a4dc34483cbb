import type { MutationResult } from "../../app/task-transaction.js";
import { type Config, categoryOf } from "../../domain/config.js";
import { envelope, toTaskJson } from "../../render/json.js";
import type { CommandResult } from "../../render/output.js";
import { renderTaskSummary } from "../../render/task-text.js";

/**
 * The result of any command that changed (or did not need to change) one task: JSON with the
 * task and the commit, the id alone for pipes, a one-line summary for people.
 */
export function mutationResult(result: MutationResult, config: Config, action: string, past: string): CommandResult {
  const category = categoryOf(config, result.task.status) ?? null;
  return {
    json: envelope("task-change", { action, changed: result.changed, commit: result.commit, task: toTaskJson(result.task, category) }),
    plain: `${result.task.id}\n`,
    human: ({ style }) => {
      const summary = renderTaskSummary(result.task, style, category);
      if (!result.changed) return `${style.dim("unchanged:")} ${summary}\n`;
      const where = result.commit ? style.dim(` [${result.commit.slice(0, 7)}]`) : style.dim(" (not committed)");
      return `${style.green(past)} ${summary}${where}\n`;
    },
  };
}
