import { TasksError } from "../../src/app/errors.js";
import type { Task } from "../../src/domain/task.js";

/**
 * Builders for unit tests: a Task with defaults for every field, and the TasksError a call throws.
 */

export function makeTask(id: string, fields: Partial<Omit<Task, "id">> = {}): Task {
  const defaults = { title: `Task ${id}`, status: "todo", owner: null, due: null, priority: null, labels: [], dependsOn: [], reviewer: null, goal: null, created: null, definitionOfDone: [] };
  const merged = { ...defaults, ...fields };
  return {
    id,
    ...merged,
    data: fields.data ?? { id, title: merged.title, status: merged.status },
    body: fields.body ?? "",
    path: fields.path ?? `tasks/${id}.md`,
    lines: fields.lines ?? {},
  };
}

export function thrownTasksError(fn: () => unknown): TasksError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TasksError) return error;
    throw error;
  }
  throw new Error("expected a TasksError");
}
