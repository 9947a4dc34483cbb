import { basename } from "node:path";
import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { editInEditor } from "../app/editor.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { assertWritable } from "../git/repo-state.js";
import { replaceTaskText } from "../app/task-transaction.js";
import { assertOnlyOwnChange } from "../app/write-preflight.js";
import type { CommandResult } from "../render/output.js";
import { decodeTask } from "../storage/task-codec.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface EditOptions {
  readonly id: string;
  readonly commit: boolean;
}

export function registerEdit(program: Command, deps: Deps): void {
  const command = program
    .command("edit")
    .argument("<id>", "task id or unique prefix")
    .description("open the task file in $EDITOR; the result is validated, and nothing is written if it is invalid");
  addCommitOption(command);
  withExamples(command, ["tasks edit k7m2q", "EDITOR='code --wait' tasks edit k7m2q"]);
  command.action(async (id: string, flags: { commit?: boolean }) => emitResult(deps, await runEdit({ id, commit: flags.commit !== false }, deps)));
}

export async function runEdit(options: EditOptions, deps: Deps): Promise<CommandResult> {
  if (!deps.canPrompt()) {
    throw new TasksError("NOT_INTERACTIVE", "tasks edit needs a terminal", { hint: "change fields with: tasks set <id> key=value" });
  }
  const repo = await deps.repo();
  const { config, store, gitDir } = repo;
  // A busy or locked repository, or a file with uncommitted changes the commit would swallow, is
  // refused before the editor opens, not after the work is done.
  await assertWritable(gitDir, { committing: options.commit });
  const original = await store.resolve(options.id);
  if (options.commit) await assertOnlyOwnChange(deps, repo, [original.task.path]);
  const edited = await editInEditor(deps.settings.editor, basename(original.task.path), original.text);
  try {
    const decoded = await decodeTask(original.task.path, new TextEncoder().encode(edited.text));
    if ("problem" in decoded) {
      const p = decoded.problem;
      throw new TasksError("INVALID_TASK_FILE", `your edit is not a valid task: line ${p.line}: ${p.message}; nothing was written`, {
        hint: `${p.hint ? `${p.hint}; ` : ""}your text is kept in ${edited.path}`,
      });
    }
    if (decoded.task.id !== original.task.id) {
      throw new TasksError("INVALID_VALUE", `the id cannot change in an edit (${original.task.id} → ${decoded.task.id}); nothing was written`, { hint: `your text is kept in ${edited.path}` });
    }
    const result = await replaceTaskText(deps, { id: original.task.id, commit: options.commit, expected: original.text, text: edited.text, action: "edit" });
    await edited.cleanup();
    return mutationResult(result, config, "edit", "edited");
  } catch (error) {
    if (error instanceof TasksError && error.hint?.includes(edited.path)) throw error;
    if (edited.text === original.text || !(error instanceof TasksError)) {
      await edited.cleanup();
      throw error;
    }
    // Whatever stopped the save, the person's edit is not thrown away.
    throw new TasksError(error.code, error.message, { hint: `${error.hint ? `${error.hint}; ` : ""}your text is kept in ${edited.path}`, cause: error });
  }
}
