import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError, usageError } from "../app/errors.js";
import { mutateTask } from "../app/task-transaction.js";
import { firstStatusOf } from "../domain/config.js";
import { dodProgress } from "../domain/dod-progress.js";
import { cleanText } from "../domain/field-input.js";
import { assertWritable } from "../git/repo-state.js";
import type { Task } from "../domain/task.js";
import { type Completion, completeTask, type ReviewGate, type TaskChange } from "../domain/transitions.js";
import { loadTaskHistory } from "../app/history.js";
import { reviewRequiredError, reviewState } from "../domain/review.js";
import type { LinkedCommit } from "../domain/code-links.js";
import { sanitizeLine } from "../render/sanitize.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface DoneOptions {
  readonly id: string;
  readonly yes: boolean;
  readonly force: boolean;
  readonly reason?: string;
  readonly commit: boolean;
}

export function registerDone(program: Command, deps: Deps): void {
  const command = program
    .command("done")
    .argument("<id>", "task id or unique prefix")
    .description("close a task once its definition of done is met (and its reviewer approved it): a checklist on a terminal, --yes to confirm every criterion")
    .option("-y, --yes", "confirm every criterion of the definition of done")
    .option("-f, --force", "close without meeting the definition of done or without the reviewer's approval (needs --reason)")
    .option("-r, --reason <text>", "why the definition of done (or the review) is overridden (recorded in the log and the commit)");
  addCommitOption(command);
  withExamples(command, ["tasks done k7m2q            # checklist on a terminal", "tasks done k7m2q --yes", 'tasks done k7m2q --force --reason "runbook moves to the ops wiki"', 'tasks done k7m2q --force --reason "hotfix, reviewed after"   # no approval: recorded']);
  command.action(async (id: string, flags: { yes?: boolean; force?: boolean; reason?: string; commit?: boolean }) =>
    emitResult(
      deps,
      await runDone({ id, yes: flags.yes === true, force: flags.force === true, ...(flags.reason !== undefined ? { reason: flags.reason } : {}), commit: flags.commit !== false }, deps),
    ),
  );
}

async function confirmCriteria(task: Task, options: DoneOptions, deps: Deps): Promise<Completion> {
  if (options.force) return { kind: "override", reason: cleanText(options.reason ?? "", "reason") };
  const items = task.definitionOfDone;
  // Criteria recorded as met (tasks dod --met) count as confirmed; the checklist starts with them ticked.
  const met = dodProgress(task).flatMap((c, index) => (c.met ? [index] : []));
  if (items.length === 0 || options.yes || met.length === items.length) return { kind: "confirmed" };
  const refusal = (unmet: readonly string[], hint: string): TasksError =>
    new TasksError("DOD_NOT_MET", `${task.id} is not closed: ${unmet.length} of ${items.length} criteria of its definition of done are not confirmed`, {
      hint,
      details: { unconfirmed: [...unmet] },
    });
  if (!deps.canPrompt()) {
    const left = items.filter((_item, index) => !met.includes(index));
    throw refusal(left, `record them as met (tasks dod ${task.id} --met <n>) or confirm all: tasks done ${task.id} --yes; or override: tasks done ${task.id} --force --reason "<why>"`);
  }
  const prompts = await deps.prompts();
  const checked = await prompts.checkbox(`Definition of done for ${task.id} — check each criterion that is met:`, items, met);
  const unmet = items.filter((_item, index) => !checked.includes(index));
  if (unmet.length > 0) throw refusal(unmet, `finish them first, or override: tasks done ${task.id} --force --reason "<why>"`);
  return { kind: "confirmed" };
}

async function reviewGate(task: Task, options: DoneOptions, deps: Deps): Promise<ReviewGate | undefined> {
  if (task.reviewer === null) return undefined;
  const { config } = await deps.repo();
  const state = reviewState(task, await loadTaskHistory(deps, task), config);
  if (state.approval === null && !options.force) throw reviewRequiredError(task, state);
  return { reviewer: state.reviewer ?? task.reviewer, approval: state.approval && { by: state.approval.by, commit: state.approval.commit } };
}

/**
 * The commits on the main branch whose `Closes:`/`Fixes:` name the task (check's
 * `closed-by-commit`): recorded on the done commit as `Closed-by: <sha>` trailers and in the log
 * line. On a terminal the user is asked first (yes by default); elsewhere, and with --yes, they
 * are recorded and the output says so. Reading them never stops `done`.
 */
async function closedBy(task: Task, options: DoneOptions, deps: Deps, files: readonly string[]): Promise<LinkedCommit[]> {
  const { closingCommitsFor } = await import("../app/code-links.js");
  const found = await closingCommitsFor(deps, task, { listFiles: async () => ({ files }) }).catch(() => []);
  if (found.length === 0 || options.yes || !deps.canPrompt()) return found;
  const prompts = await deps.prompts();
  const what = found.map((c) => `${c.hash.slice(0, 7)} ${c.subject.slice(0, 60)}`).join(", ");
  return (await prompts.confirm(`Record ${what} as closing ${task.id}?`, true)) ? found : [];
}

function withClosingCommits(change: TaskChange | null, commits: readonly LinkedCommit[]): TaskChange | null {
  if (change === null || commits.length === 0) return change;
  const shorts = commits.map((c) => c.hash.slice(0, 7)).join(", ");
  return {
    ...change,
    ...(change.log !== undefined ? { log: `${change.log}; closed by ${shorts}` } : {}),
    trailers: [...(change.trailers ?? []), ...commits.map((c) => ["Closed-by", c.hash] as const)],
  };
}

export async function runDone(options: DoneOptions, deps: Deps): Promise<CommandResult> {
  if (options.force && options.reason === undefined) throw usageError("--force needs --reason <text>: the override is recorded", 'tasks done <id> --force --reason "why"');
  if (!options.force && options.reason !== undefined) throw usageError("--reason goes with --force", 'tasks done <id> --force --reason "why"; or confirm the criteria with --yes');
  const { config, store, gitDir } = await deps.repo();
  // Refuse a busy or locked repository before asking anyone to tick a checklist.
  await assertWritable(gitDir, { committing: options.commit });
  // One walk of the folder serves the look before the lock and the closing-commit search (ids
  // from file names); the change itself lists the folder again under the lock.
  const { files } = await store.listFiles();
  store.pinListing(files);
  let peek: Task;
  try {
    peek = (await store.resolve(options.id)).task;
  } finally {
    store.pinListing(undefined);
  }
  const closed = peek.status === firstStatusOf(config, "closed");
  // The review gate first (docs/review.md): the approval is read from history, not from the file.
  const gate = closed ? undefined : await reviewGate(peek, options, deps);
  // Already closed as done: nothing to confirm, the result is "unchanged".
  const completion = closed ? ({ kind: "confirmed" } as const) : await confirmCriteria(peek, options, deps);
  const closing = closed ? [] : await closedBy(peek, options, deps, files);
  const result = await mutateTask(deps, options, (task) => {
    if (completion.kind === "confirmed" && !options.yes && JSON.stringify(task.definitionOfDone) !== JSON.stringify(peek.definitionOfDone)) {
      throw new TasksError("CONFLICT", `the definition of done of ${task.id} changed while you were confirming it; nothing was changed`, { hint: "run the command again" });
    }
    if (task.reviewer !== peek.reviewer || task.status !== peek.status) {
      throw new TasksError("CONFLICT", `${task.id} changed while its review was being checked; nothing was changed`, { hint: "run the command again" });
    }
    return withClosingCommits(completeTask(task, config, completion, gate), closing);
  });
  const base = mutationResult(result, config, "done", "done:");
  const recorded = result.changed ? closing : [];
  if (recorded.length === 0) return base;
  return {
    ...base,
    json: { ...(base.json as object), closedBy: recorded.map((c) => ({ commit: c.hash, short: c.hash.slice(0, 7), subject: c.subject, authorName: c.authorName, at: c.committerDate, kinds: [...c.kinds] })) },
    human: (view) =>
      `${base.human(view)}${recorded.map((c) => `  ${view.style.dim("closed by")} ${c.hash.slice(0, 7)} ${sanitizeLine(c.subject)} ${view.style.dim(`(${c.kinds.filter((k) => k === "closes" || k === "fixes").join(", ")}; recorded as Closed-by on the done commit)`)}\n`).join("")}`,
  };
}
