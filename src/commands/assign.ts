import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { mutateTask } from "../app/task-transaction.js";
import { findMember, handleFor } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { assignTask, unassignTask } from "../domain/transitions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface AssignOptions {
  readonly id: string;
  /** A roster handle, an email, `me`, or null to unassign. */
  readonly who: string | null;
  readonly commit: boolean;
}

export function registerAssign(program: Command, deps: Deps): void {
  const assign = program
    .command("assign")
    .argument("<id>", "task id or unique prefix")
    .argument("<who>", "roster handle, email, or 'me'")
    .description("set a task's owner");
  addCommitOption(assign);
  withExamples(assign, ["tasks assign k7m2q bob", "tasks assign k7m2q me"]);
  assign.action(async (id: string, who: string, flags: { commit?: boolean }) =>
    emitResult(deps, await runAssign({ id, who, commit: flags.commit !== false }, deps)),
  );

  const unassign = program.command("unassign").argument("<id>", "task id or unique prefix").description("clear a task's owner");
  addCommitOption(unassign);
  withExamples(unassign, ["tasks unassign k7m2q"]);
  unassign.action(async (id: string, flags: { commit?: boolean }) =>
    emitResult(deps, await runAssign({ id, who: null, commit: flags.commit !== false }, deps)),
  );
}

export async function runAssign(options: AssignOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const result = await mutateTask(deps, options, (task, { actor }) => {
    if (options.who === null) return unassignTask(task);
    const who = handleFor(config, options.who === "me" ? options.who : cleanText(options.who, "owner"), actor.person);
    if (config.team.length > 0 && !findMember(config, who)) deps.warn(`warning: ${who} is not on the team roster in .tasks/config.yml`);
    return assignTask(task, who);
  });
  return mutationResult(result, config, options.who === null ? "unassign" : "assign", options.who === null ? "unassigned" : "assigned");
}
