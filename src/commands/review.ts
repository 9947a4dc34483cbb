import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { mutateTask } from "../app/task-transaction.js";
import { findMember, handleFor } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { approveTask, requestChanges, submitForReview } from "../domain/review.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

/**
 * Review, enforced (docs/review.md): the owner submits (`tasks review`), the reviewer answers
 * (`tasks approve`, `tasks request-changes`), and `tasks done` reads the answer from history.
 * A verdict is always committed: an uncommitted approval could never be verified.
 */

export interface ReviewOptions {
  readonly id: string;
  readonly reviewer?: string;
  readonly commit: boolean;
}

export interface VerdictOptions {
  readonly id: string;
  readonly text?: string;
}

export function registerReview(program: Command, deps: Deps): void {
  const review = program
    .command("review")
    .argument("<id>", "task id or unique prefix")
    .description("send a task to review (status review); it needs a reviewer who is not its owner")
    .option("--reviewer <who>", "name (or change) the reviewer as you submit");
  addCommitOption(review);
  withExamples(review, ["tasks review k7m2q                  # the reviewer is set already", "tasks review k7m2q --reviewer bob", "tasks set k7m2q reviewer=bob && tasks review k7m2q"]);
  review.action(async (id: string, flags: { reviewer?: string; commit?: boolean }) =>
    emitResult(deps, await runReview({ id, ...(flags.reviewer !== undefined ? { reviewer: flags.reviewer } : {}), commit: flags.commit !== false }, deps)),
  );

  const approve = program
    .command("approve")
    .argument("<id>", "task id or unique prefix")
    .description("approve a task in review: by its reviewer only (your git identity); the owner can then close it with tasks done")
    .option("-m, --comment <text>", "a note with the approval (recorded in the log and the commit)");
  withExamples(approve, ["tasks approve k7m2q", 'tasks approve k7m2q --comment "tested on staging"']);
  approve.action(async (id: string, flags: { comment?: string }) => emitResult(deps, await runApprove({ id, ...(flags.comment !== undefined ? { text: flags.comment } : {}) }, deps)));

  const changes = program
    .command("request-changes")
    .argument("<id>", "task id or unique prefix")
    .description("send a task in review back to its owner with what to change: by its reviewer only; it returns to in-progress")
    .requiredOption("-r, --reason <text>", "what must change (recorded in the log and the commit)");
  withExamples(changes, ['tasks request-changes k7m2q --reason "the retry loop has no upper bound"']);
  changes.action(async (id: string, flags: { reason: string }) => emitResult(deps, await runRequestChanges({ id, text: flags.reason }, deps)));
}

export async function runReview(options: ReviewOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const result = await mutateTask(deps, options, (task, { actor }) => {
    const named = options.reviewer === undefined ? undefined : handleFor(config, options.reviewer === "me" ? "me" : cleanText(options.reviewer, "reviewer"), actor.person);
    return submitForReview(task, { config, me: actor.person }, named);
  });
  const reviewer = result.task.reviewer;
  if (reviewer !== null && config.team.length > 0 && !findMember(config, reviewer)) deps.warn(`warning: ${reviewer} is not on the team roster in .tasks/config.yml; their approval is matched by the email of their commits`);
  return mutationResult(result, config, "review", "in review:");
}

export async function runApprove(options: VerdictOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const comment = options.text === undefined ? undefined : cleanText(options.text, "comment");
  const result = await mutateTask(deps, { id: options.id, commit: true, editsYaml: false }, (task, { actor }) => approveTask(task, { config, me: actor.person }, comment));
  return mutationResult(result, config, "approve", "approved:");
}

export async function runRequestChanges(options: VerdictOptions, deps: Deps): Promise<CommandResult> {
  if (options.text === undefined || options.text.trim() === "") throw usageError("request-changes needs --reason <text>: the owner reads it", 'tasks request-changes <id> --reason "what must change"');
  const reason = cleanText(options.text, "reason");
  const { config } = await deps.repo();
  const result = await mutateTask(deps, { id: options.id, commit: true }, (task, { actor }) => requestChanges(task, { config, me: actor.person }, reason));
  return mutationResult(result, config, "request-changes", "changes requested:");
}
