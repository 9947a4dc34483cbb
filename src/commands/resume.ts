import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { type ResumeOutcome, resumeInterrupted } from "../app/interrupted-change.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { renderPathList } from "../render/path-list.js";
import { sanitizeLine } from "../render/sanitize.js";
import { withExamples } from "./shared/help.js";

export interface ResumeOptions {
  readonly forget: boolean;
}

export function registerResume(program: Command, deps: Deps): void {
  const command = program
    .command("resume")
    .description("commit the change a tasks command wrote but was stopped (killed, crashed) before committing, with the message it meant to use")
    .option("--forget", "stop pointing at the interrupted change; leave the files as they are, uncommitted");
  withExamples(command, ["tasks resume            # after: warning: tasks claim was interrupted before its commit", "tasks resume --forget   # you committed or restored the files yourself"]);
  command.action(async (flags: { forget?: boolean }) => emitResult(deps, await runResume({ forget: flags.forget === true }, deps)));
}

function renderLines(outcome: ResumeOutcome): string[] {
  if (outcome.committed.length + outcome.forgotten.length === 0) return ["nothing to resume"];
  return [
    ...outcome.committed.map((c) => `committed ${sanitizeLine(c.subject)}: ${renderPathList(c.paths)} [${c.commit.slice(0, 7)}]`),
    ...outcome.forgotten.map((f) => `forgot the interrupted tasks ${f.action}; left uncommitted: ${renderPathList(f.paths)}`),
  ];
}

export async function runResume(options: ResumeOptions, deps: Deps): Promise<CommandResult> {
  const outcome = await resumeInterrupted(deps, options);
  return {
    json: envelope("resume", { committed: outcome.committed, forgotten: outcome.forgotten }),
    plain: outcome.committed.map((c) => `${c.commit}\n`).join(""),
    human: () => `${renderLines(outcome).join("\n")}\n`,
  };
}
