import { readFile } from "node:fs/promises";
import { Argument, type Command } from "commander";
import type { Deps } from "../app/deps.js";
import { TasksError } from "../app/errors.js";
import { withExamples } from "./shared/help.js";

/**
 * `tasks completion <shell>` prints the completion script the build rendered from the command
 * table (scripts/build-help.mjs writes dist/completion/); the launcher prints the same file
 * without loading the program. Task ids, handles and statuses are looked up on each Tab with
 * `tasks __complete <kind>` (src/app/complete-words.ts).
 */

export const COMPLETION_FILES = { bash: "tasks.bash", zsh: "_tasks", fish: "tasks.fish" } as const;
export type Shell = keyof typeof COMPLETION_FILES;

export function registerCompletion(program: Command, deps: Deps): void {
  const command = program
    .command("completion")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(Object.keys(COMPLETION_FILES)))
    .description("print the shell completion script: commands, options, task ids, handles and statuses");
  withExamples(command, [
    `echo 'eval "$(tasks completion bash)"' >> ~/.bashrc`,
    `echo 'eval "$(tasks completion zsh)"' >> ~/.zshrc     # after compinit`,
    "tasks completion fish > ~/.config/fish/completions/tasks.fish",
  ]);
  command.action(async (shell: Shell) => deps.out(await runCompletion(shell)));
}

export async function runCompletion(shell: Shell): Promise<string> {
  const file = new URL(`../completion/${COMPLETION_FILES[shell]}`, import.meta.url);
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new TasksError("INTERNAL", `the ${shell} completion script is missing from this installation`, { cause: error, hint: "run `npm run build`, or reinstall git-tasks" });
  }
}
