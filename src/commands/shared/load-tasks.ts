import type { Deps, Repo } from "../../app/deps.js";
import { warnInterrupted } from "../../app/interrupted-change.js";
import type { Problem, Task } from "../../domain/task.js";
import { problemLine } from "../../domain/task.js";
import type { ProblemJson } from "../../render/json-schemas/common.js";

/**
 * Loads every task for a read command; each broken file becomes one warning line on stderr, and so
 * does a change an interrupted command left uncommitted.
 */
export async function loadTasksWarning(deps: Deps): Promise<{ repo: Repo; tasks: readonly Task[]; problems: readonly Problem[] }> {
  const repo = await deps.repo();
  const { tasks, problems } = await repo.store.loadAll();
  for (const problem of problems) deps.warn(`warning: ${problemLine(problem)} (skipped)`);
  await warnInterrupted(deps);
  return { repo, tasks, problems };
}

export function problemJson(problem: Problem): ProblemJson {
  return { path: problem.path, line: problem.line, field: problem.field ?? null, kind: problem.kind, message: problem.message, hint: problem.hint ?? null };
}
