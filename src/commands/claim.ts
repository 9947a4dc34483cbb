import type { Command } from "commander";
import { type ClaimPublication, heldError, publishClaim } from "../app/claim-publish.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { type MutationResult, mutateTask, preloadEditor } from "../app/task-transaction.js";
import { claimTask } from "../domain/transitions.js";
import type { JsonOf } from "../render/json-schemas/index.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

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
  withExamples(command, ["tasks claim k7m2q", "tasks claim k7 --force      # take over bob's task", "tasks claim k7m2q --offline  # on a plane"]);
  command.action(async (id: string, flags: { force?: boolean; commit?: boolean; offline?: boolean }) =>
    emitResult(deps, await runClaim({ id, force: flags.force === true, commit: flags.commit !== false, offline: flags.offline === true }, deps)),
  );
}

async function claimLocally(deps: Deps, options: ClaimOptions, force: boolean): Promise<MutationResult> {
  const { config } = await deps.repo();
  try {
    return await mutateTask(deps, options, (task, { actor }) => claimTask(task, { config, me: actor.person }, { force }));
  } catch (error) {
    if (!(error instanceof TasksError) || error.code !== "ALREADY_CLAIMED") throw error;
    const { task } = await (await deps.repo()).store.resolve(options.id);
    throw await heldError(deps, error, task, {});
  }
}

export async function runClaim(options: ClaimOptions, deps: Deps): Promise<CommandResult> {
  preloadEditor();
  const { config } = await deps.repo();
  const now = deps.now();
  // One moment for the published claim and its local copy, so the two log entries are identical.
  const pinned: Deps = { ...deps, now: () => now };
  let publication: ClaimPublication | undefined;
  if (options.commit) {
    publication = options.offline ? { kind: "local", reason: "--offline" } : await publishClaim(pinned, { id: options.id, force: options.force, now });
  }
  const published = publication?.kind === "published" ? publication : undefined;
  const result = published?.integrated ? published.result : await claimLocally(pinned, options, published ? true : options.force);
  if (publication?.kind === "local" && publication.solo !== true && result.changed) {
    deps.warn(`warning: claimed locally only (${publication.reason}); tasks sync publishes it, and a race with another claim is decided then`);
  }
  const base = mutationResult(result, config, "claim", "claimed");
  const json = base.json as JsonOf<"task-change">;
  if (!published) return { ...base, json: { ...json, published: null } satisfies JsonOf<"task-change"> };
  const where = published.integrated ? "" : "; your branch has commits the upstream lacks, so it was also committed here: tasks sync reconciles them";
  return {
    ...base,
    json: { ...json, published: { upstream: published.upstream, commit: published.result.commit } } satisfies JsonOf<"task-change">,
    human: (view) => `${base.human(view)}${view.style.dim(`published to ${sanitizeLine(published.upstream)}${where}`)}\n`,
  };
}
