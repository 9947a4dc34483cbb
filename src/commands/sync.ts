import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { type SyncOutcome, syncRepository } from "../app/sync.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { withExamples } from "./shared/help.js";

export function registerSync(program: Command, deps: Deps): void {
  const command = program
    .command("sync")
    .description("fetch, rebase your commits onto the upstream, push; task files merge field by field (docs/sync.md)");
  withExamples(command, ["tasks sync", "tasks sync --json        # what was received and sent"]);
  command.action(async () => emitResult(deps, await runSync(deps)));
}

function commits(n: number): string {
  return n === 1 ? "1 commit" : `${n} commits`;
}

export function syncSummary(outcome: SyncOutcome): string {
  if (outcome.received === 0 && outcome.sent === 0) return `up to date with ${sanitizeLine(outcome.upstream)}`;
  return `synced with ${sanitizeLine(outcome.upstream)}: received ${commits(outcome.received)}, sent ${commits(outcome.sent)}`;
}

export async function runSync(deps: Deps): Promise<CommandResult> {
  const outcome = await syncRepository(deps);
  if (outcome.mergeDriver === "registered") deps.note("registered the tasks merge driver in this clone's git config (as tasks init does)");
  const record = outcome.postRecord;
  if (record.problem) deps.warn(`warning: ${record.problem}`);
  else if (record.received + record.sent > 0) deps.note(`post record (refs/tasks/posted): received ${record.received}, sent ${record.sent}`);
  if (outcome.attempts > 1) deps.note(`someone pushed meanwhile; it took ${outcome.attempts} attempts`);
  return {
    json: envelope("sync", { upstream: outcome.upstream, received: outcome.received, sent: outcome.sent, attempts: outcome.attempts, mergeDriver: outcome.mergeDriver }),
    plain: `${syncSummary(outcome)}\n`,
    human: ({ style }) => `${style.green(syncSummary(outcome))}\n`,
  };
}
