import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { mutateTask } from "../app/task-transaction.js";
import { commentOnTask } from "../domain/transitions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface CommentOptions {
  readonly id: string;
  readonly text: string;
  readonly commit: boolean;
}

export function registerComment(program: Command, deps: Deps): void {
  const command = program
    .command("comment")
    .argument("<id>", "task id or unique prefix")
    .argument("<text...>", "the comment")
    .description("append a dated, attributed entry to the task's log");
  addCommitOption(command);
  withExamples(command, ['tasks comment k7m2q "Reproduced on hotel Wi-Fi; PR #412 has the fix"']);
  command.action(async (id: string, words: string[], flags: { commit?: boolean }) =>
    emitResult(deps, await runComment({ id, text: words.join(" "), commit: flags.commit !== false }, deps)),
  );
}

export async function runComment(options: CommentOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const change = commentOnTask(options.text);
  const result = await mutateTask(deps, { ...options, editsYaml: false }, () => change);
  return mutationResult(result, config, "comment", "commented on");
}
