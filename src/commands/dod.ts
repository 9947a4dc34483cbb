import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { mutateTask } from "../app/task-transaction.js";
import { dodProgress, recordCriteria, resolveCriterion } from "../domain/dod-progress.js";
import type { Task } from "../domain/task.js";
import { renderDodChecklist, renderDodTsv } from "../render/dod-text.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";

export interface DodOptions {
  readonly id: string;
  readonly met: readonly string[];
  readonly unmet: readonly string[];
  readonly commit: boolean;
}

const many = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerDod(program: Command, deps: Deps): void {
  const command = program
    .command("dod")
    .argument("<id>", "task id or unique prefix")
    .description("a task's definition of done: what is met and what is left; --met records a criterion as met (in the task's log)")
    .option("--met <n|text>", "record criterion <n> (or the one whose text this is, or is part of) as met; repeatable", many)
    .option("--unmet <n|text>", "take back a criterion recorded as met; repeatable", many);
  addCommitOption(command);
  withExamples(command, ["tasks dod k7m2q", "tasks dod k7m2q --met 1 --met 3", 'tasks dod k7m2q --met "runbook"', "tasks dod k7m2q --unmet 3"]);
  command.action(async (id: string, flags: { met?: string[]; unmet?: string[]; commit?: boolean }) =>
    emitResult(deps, await runDod({ id, met: flags.met ?? [], unmet: flags.unmet ?? [], commit: flags.commit !== false }, deps)),
  );
}

function dodResult(task: Task, changed: boolean, commit: string | null): CommandResult {
  const items = dodProgress(task);
  return {
    json: envelope("dod", {
      id: task.id,
      title: task.title,
      path: task.path,
      changed,
      commit,
      total: items.length,
      metCount: items.filter((c) => c.met).length,
      items: items.map((c) => ({ index: c.index, text: c.text, met: c.met, by: c.by, at: c.at })),
    }),
    plain: renderDodTsv(items),
    human: (view) => renderDodChecklist(task, items, view),
  };
}

export async function runDod(options: DodOptions, deps: Deps): Promise<CommandResult> {
  const { store } = await deps.repo();
  if (options.met.length === 0 && options.unmet.length === 0) {
    const { task } = await store.resolve(options.id);
    return dodResult(task, false, null);
  }
  const result = await mutateTask(deps, options, (task) => {
    const unmetIndexes = new Set(options.unmet.map((ref) => resolveCriterion(task, ref)));
    const both = options.met.find((ref) => unmetIndexes.has(resolveCriterion(task, ref)));
    if (both !== undefined) throw usageError(`criterion "${both}" is named by both --met and --unmet`, `name it once: tasks dod ${task.id} --met <n> or --unmet <n>`);
    const met = recordCriteria(task, options.met, true);
    const unmet = recordCriteria(task, options.unmet, false);
    if (!met && !unmet) return null;
    return { action: "dod", edits: [], log: [met?.log, unmet?.log].filter(Boolean).join("\n") };
  });
  if (!result.changed) deps.note("nothing changed: those criteria were already recorded that way");
  return dodResult(result.task, result.changed, result.commit);
}
