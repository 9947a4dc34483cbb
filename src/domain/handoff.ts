import { TasksError } from "../app/errors.js";
import { type Config, categoryOf } from "./config.js";
import { FIELD, type Task } from "./task.js";
import type { TaskChange } from "./transitions.js";

/** Handing a task to someone: the owner changes, the log says who handed it to whom and why. */

export function handOffTask(task: Task, config: Config, input: { readonly to: string; readonly by: string; readonly note: string | null }): TaskChange | null {
  if (categoryOf(config, task.status) === "closed") {
    throw new TasksError("INVALID_TRANSITION", `${task.id} is ${task.status}; a closed task is not handed off`, { hint: `reopen it first: tasks reopen ${task.id}` });
  }
  if (task.owner === input.to) return null;
  const from = task.owner !== null && task.owner !== input.by ? ` (from ${task.owner})` : "";
  const note = input.note ? `: ${input.note}` : "";
  return {
    action: "handoff",
    edits: [{ key: FIELD.owner, value: input.to }],
    log: `handed off to ${input.to}${from}${note}`,
  };
}
