import type { Command } from "commander";
import { manualLinks } from "../app/code-links.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { mutateTask } from "../app/task-transaction.js";
import { isLinkUrl, linkTaskChange } from "../domain/code-links.js";
import { resolveCommit } from "../git/revisions.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface LinkOptions {
  readonly id: string;
  readonly target: string;
  readonly commit: boolean;
}

export function registerLink(program: Command, deps: Deps): void {
  const command = program
    .command("link")
    .argument("<id>", "task id or unique prefix")
    .argument("<commit|url>", "a commit (any name git knows: a sha, a branch, HEAD~2) or a web address (a pull request, a design doc)")
    .description("record a link from a task to a commit or a web page by hand (in the task's links: list)");
  addCommitOption(command);
  withExamples(command, ["tasks link k7m2q https://github.com/acme/app/pull/412", "tasks link k7m2q HEAD", "tasks show k7m2q --json | jq .links"]);
  command.action(async (id: string, target: string, flags: { commit?: boolean }) => emitResult(deps, await runLink({ id, target, commit: flags.commit !== false }, deps)));
}

/** A web address as given; anything else must name a commit, recorded by its full id. */
async function linkTarget(target: string, deps: Deps): Promise<string> {
  const text = target.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (!isLinkUrl(text)) throw usageError(`"${text.slice(0, 80)}" is not a web address tasks link records`, "give an http:// or https:// address without spaces");
    return text;
  }
  const commit = await resolveCommit(await deps.git(), text);
  if (commit === undefined) throw usageError(`${JSON.stringify(text.slice(0, 80))} is neither a commit in this repository nor a web address`, "tasks link <id> <sha|branch|https://…>");
  return commit;
}

export async function runLink(options: LinkOptions, deps: Deps): Promise<CommandResult> {
  const { config } = await deps.repo();
  const link = await linkTarget(options.target, deps);
  const result = await mutateTask(deps, options, (task) => linkTaskChange(manualLinks(task), link));
  return mutationResult(result, config, "link", "linked");
}
