import type { Command } from "commander";

/** Adds an "Examples:" section to a command's help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`);
}

export interface CommitFlag {
  /** false with --no-commit */
  readonly commit?: boolean;
}

export function addCommitOption(command: Command): Command {
  return command.option("--no-commit", "change the file but leave the commit to you");
}
