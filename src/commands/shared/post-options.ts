import type { Command } from "commander";
import { POST_TARGETS } from "../../render/post-chat.js";

const many = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--post <target>` (repeatable), `--force`, and `--dry-run` unless the command has its own. */
export function addPostOptions(command: Command, options: { dryRun: boolean }): Command {
  command
    .option("--post <target>", `post the note to ${POST_TARGETS.join(", ")} (URL from TASKS_<TARGET>_WEBHOOK_URL); repeatable`, many)
    .option("--force", "with --post: post again what was already posted today");
  if (options.dryRun) command.option("-n, --dry-run", "with --post: print the exact payloads instead of sending them");
  return command;
}
