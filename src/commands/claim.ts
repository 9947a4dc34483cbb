import type { Command } from "commander";
import { claimNow } from "../app/claim-flow.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import type { CommandResult } from "../render/output.js";
import { mutateTask } from "../app/task-transaction.js";
import { renewTask } from "../domain/transitions.js";
import { claimResult } from "./shared/claim-result.js";
import { mutationResult } from "./shared/mutation-result.js";
import { addCommitOption, withExamples } from "./shared/help.js";

export interface ClaimOptions {
  readonly id: string;
  readonly force: boolean;
  readonly commit: boolean;
  readonly offline: boolean;
}

export function registerClaim(program: Command, deps: Deps): void {
  const command = program
    .command("claim")
    .argument("<id>", "task id or unique prefix")
    .description("take a task: you become the owner and it moves to the first active status; with an upstream, the claim is pushed at once")
    .option("-f, --force", "take it even though someone else holds it")
    .option("--offline", "claim locally only; tasks sync publishes it later");
  addCommitOption(command);
  withExamples(command, ["tasks claim k7m2q", "tasks claim k7 --force      # take over bob's task", "tasks claim k7m2q --offline  # on a plane", "tasks claim k7m2q           # bob's claim lease expired: a takeover, no --force"]);
  command.action(async (id: string, flags: { force?: boolean; commit?: boolean; offline?: boolean }) =>
    emitResult(deps, await runClaim({ id, force: flags.force === true, commit: flags.commit !== false, offline: flags.offline === true }, deps)),
  );
}

export function registerRenew(program: Command, deps: Deps): void {
  const command = program
    .command("renew")
    .argument("<id>", "task id or unique prefix")
    .description("renew your claim on a task: a log entry that restarts its lease (claims: lease: in the config)");
  addCommitOption(command);
  withExamples(command, ["tasks renew k7m2q"]);
  command.action(async (id: string, flags: { commit?: boolean }) => emitResult(deps, await runRenew({ id, commit: flags.commit !== false }, deps)));
}

export async function runRenew(options: { readonly id: string; readonly commit: boolean }, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const result = await mutateTask(deps, options, (task, { actor }) => renewTask(task, { config, me: actor.person }));
  if (!config.claims?.lease) deps.note("note: no claim lease is configured (claims: lease: in .tasks/config.yml); the renewal is recorded all the same");
  return mutationResult(result, config, "renew", "renewed the claim on");
}

export async function runClaim(options: ClaimOptions, deps: Deps): Promise<CommandResult> {
  const outcome = await claimNow(deps, options);
  return claimResult(outcome, (await deps.repo()).config);
}
