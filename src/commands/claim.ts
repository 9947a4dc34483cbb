import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { mutateTask } from "../app/task-transaction.js";
import { claimTask } from "../domain/transitions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface ClaimOptions {
  readonly id: string;
  readonly force: boolean;
  readonly commit: boolean;
}

export function registerClaim(program: Command, deps: Deps): void {
  const command = program
    .command("claim")
    .argument("<id>", "task id or unique prefix")
    .description("take a task: you become the owner and it moves to the first active status")
    .option("-f, --force", "take it even though someone else holds it");
  addCommitOption(command);
  withExamples(command, ["tasks claim k7m2q", "tasks claim k7 --force      # take over bob's task"]);
  command.action(async (id: string, flags: { force?: boolean; commit?: boolean }) =>
    emitResult(deps, await runClaim({ id, force: flags.force === true, commit: flags.commit !== false }, deps)),
  );
}

export async function runClaim(options: ClaimOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const result = await mutateTask(deps, options, (task, { actor }) => claimTask(task, { config, me: actor.person }, { force: options.force }));
  return mutationResult(result, config, "claim", "claimed");
}
