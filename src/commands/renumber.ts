import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { renumberDuplicate, type RenumberOutcome } from "../app/renumber.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { addCommitOption, withExamples } from "./shared/help.js";

export interface RenumberOptions {
  readonly id: string;
  readonly commit: boolean;
}

export function registerRenumber(program: Command, deps: Deps): void {
  const command = program
    .command("renumber")
    .argument("<id>", "the id two tasks share (the exact id, not a prefix)")
    .description("give one of two tasks that share an id a new id, rename its file and update depends-on references to it; the task created first keeps the id");
  addCommitOption(command);
  withExamples(command, ["tasks check               # reports duplicate-id", "tasks renumber k7m2q"]);
  command.action(async (id: string, flags: { commit?: boolean }) => emitResult(deps, await runRenumber({ id, commit: flags.commit !== false }, deps)));
}

function renderHuman(outcome: RenumberOutcome): string {
  const lines = [`${sanitizeLine(outcome.kept)} keeps ${outcome.id}`];
  for (const r of outcome.renumbered) lines.push(`renumbered ${r.from} → ${r.to}: ${sanitizeLine(r.oldPath)} → ${sanitizeLine(r.newPath)}`);
  for (const u of outcome.updated) lines.push(`updated depends-on in ${u.id} (${sanitizeLine(u.path)})`);
  return lines.join("\n") + "\n";
}

export async function runRenumber(options: RenumberOptions, deps: Deps): Promise<CommandResult> {
  const outcome = await renumberDuplicate(deps, options);
  for (const u of outcome.unclear) {
    deps.warn(`warning: ${u.id} (${u.path}) depends on ${outcome.id}, and history cannot tell which of the two it meant; left as is`);
  }
  return {
    json: envelope("renumber", {
      id: outcome.id,
      kept: outcome.kept,
      renumbered: outcome.renumbered,
      updated: outcome.updated,
      unclear: outcome.unclear,
      commit: outcome.commit,
    }),
    plain: outcome.renumbered.map((r) => `${r.from}\t${r.to}\t${r.newPath}\n`).join(""),
    human: ({ style }) => `${renderHuman(outcome)}${outcome.commit ? style.dim(`[${outcome.commit.slice(0, 7)}]\n`) : style.dim("(not committed)\n")}`,
  };
}
