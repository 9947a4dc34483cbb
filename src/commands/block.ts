import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { mutateTask } from "../app/task-transaction.js";
import { cleanText } from "../domain/field-input.js";
import { blockTask, unblockTask } from "../domain/transitions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface BlockOptions {
  readonly id: string;
  /** Absent for unblock. */
  readonly reason?: string;
  readonly on?: string;
  readonly unblock: boolean;
  readonly commit: boolean;
}

export function registerBlock(program: Command, deps: Deps): void {
  const block = program
    .command("block")
    .argument("<id>", "task id or unique prefix")
    .description("mark a task blocked, with the reason recorded in its log")
    .requiredOption("-r, --reason <text>", "what it is waiting for")
    .option("--on <id>", "the task it waits on (added to depends-on)");
  addCommitOption(block);
  withExamples(block, ['tasks block k7m2q --reason "waiting for the staging API keys"', 'tasks block k7m2q --reason "needs the schema" --on p3x9t']);
  block.action(async (id: string, flags: { reason: string; on?: string; commit?: boolean }) =>
    emitResult(deps, await runBlock({ id, reason: flags.reason, ...(flags.on ? { on: flags.on } : {}), unblock: false, commit: flags.commit !== false }, deps)),
  );

  const unblock = program.command("unblock").argument("<id>", "task id or unique prefix").description("move a blocked task back to the first active status");
  addCommitOption(unblock);
  withExamples(unblock, ["tasks unblock k7m2q"]);
  unblock.action(async (id: string, flags: { commit?: boolean }) => emitResult(deps, await runBlock({ id, unblock: true, commit: flags.commit !== false }, deps)));
}

export async function runBlock(options: BlockOptions, deps: Deps): Promise<CommandResult> {
  const { config, store } = await deps.repo();
  let on: string | undefined;
  if (options.on !== undefined) {
    on = (await store.resolve(options.on)).task.id;
  }
  const result = await mutateTask(deps, options, (task) => {
    if (options.unblock) return unblockTask(task, config);
    if (on === task.id) throw new TasksError("INVALID_VALUE", "a task cannot wait on itself", { hint: "--on takes the id of the task this one waits for" });
    return blockTask(task, config, cleanText(options.reason ?? "", "reason"), on);
  });
  return mutationResult(result, config, options.unblock ? "unblock" : "block", options.unblock ? "unblocked" : "blocked");
}
