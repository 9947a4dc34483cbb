import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { mutateTask } from "../app/task-transaction.js";
import { changeStatus, type StatusVerb } from "../domain/transitions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface StatusOptions {
  readonly id: string;
  readonly verb: StatusVerb;
  readonly status?: string;
  readonly commit: boolean;
}

const VERBS: readonly (readonly [Exclude<StatusVerb, "status">, string, string])[] = [
  ["start", "move a task to the first active status (in-progress)", "started"],
  ["reopen", "move a closed task back to the first open status (todo)", "reopened"],
  ["drop", "close a task without doing it (status dropped)", "dropped"],
];

export function registerStatus(program: Command, deps: Deps): void {
  for (const [verb, description] of VERBS) {
    const command = program.command(verb).argument("<id>", "task id or unique prefix").description(description);
    addCommitOption(command);
    withExamples(command, [`tasks ${verb} k7m2q`]);
    command.action(async (id: string, flags: { commit?: boolean }) => emitResult(deps, await runStatus({ id, verb, commit: flags.commit !== false }, deps)));
  }
  const command = program
    .command("status")
    .argument("<id>", "task id or unique prefix")
    .argument("<status>", "any configured status")
    .description("set any configured status (closing with a definition of done goes through 'tasks done')");
  addCommitOption(command);
  withExamples(command, ["tasks status k7m2q review", "tasks status k7m2q todo"]);
  command.action(async (id: string, status: string, flags: { commit?: boolean }) =>
    emitResult(deps, await runStatus({ id, verb: "status", status, commit: flags.commit !== false }, deps)),
  );
}

export async function runStatus(options: StatusOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const result = await mutateTask(deps, options, (task) => changeStatus(task, config, options.verb, options.status));
  const past = VERBS.find(([verb]) => verb === options.verb)?.[2] ?? "status set:";
  return mutationResult(result, config, options.verb, past);
}
