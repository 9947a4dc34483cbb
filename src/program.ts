import { Command } from "commander";
import type { Deps } from "./app/deps.js";
import { registerAssign } from "./commands/assign.js";
import { registerBlock } from "./commands/block.js";
import { registerBoard } from "./commands/board.js";
import { registerCheck } from "./commands/check.js";
import { registerClaim } from "./commands/claim.js";
import { registerComment } from "./commands/comment.js";
import { registerDone } from "./commands/done.js";
import { registerEdit } from "./commands/edit.js";
import { registerInit } from "./commands/init.js";
import { registerList } from "./commands/list.js";
import { registerLog } from "./commands/log.js";
import { registerMergeDriver } from "./commands/merge-driver.js";
import { registerNew } from "./commands/new.js";
import { registerRenumber } from "./commands/renumber.js";
import { registerSet } from "./commands/set.js";
import { registerShow } from "./commands/show.js";
import { registerStatus } from "./commands/status.js";
import { registerSync } from "./commands/sync.js";

/** Builds the commander program: global options, the command list, one error and output setup. */

const EPILOG = `
Exit codes:
  0  success (also when nothing matched)
  1  failure (git failed, unreadable repository, internal error)
  2  usage error (unknown option, missing argument, no terminal to ask on)
  3  tasks check found error-level findings
  4  refused by state or conflict (task held by someone else, definition of done not met, git busy)

Examples:
  $ tasks init                         set up .tasks/config.yml and the tasks folder
  $ tasks new "Fix login timeout" --due friday --dod "Test on a throttled network"
  $ tasks claim k7m2q                  take a task (ids resolve by unique prefix: tasks claim k7)
  $ tasks list --mine                  what you hold
  $ tasks done k7m2q --yes             close it, confirming its definition of done
  $ tasks list --json | jq '.tasks[].id'

Docs: https://github.com/git-tasks/git-tasks#readme`;

export function buildProgram(deps: Deps, version: string): Command {
  const { system } = deps;
  const program = new Command("tasks")
    .description("A team's tasks as Markdown files in its own git repository.\nEvery change is one commit; push and pull are the sync.")
    .version(version, "-V, --version", "print the version")
    .option("-C <path>", "run as if tasks was started in <path>")
    .option("--json", "machine output on stdout (versioned JSON)")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .option("-q, --quiet", "no warnings or narration on stderr")
    .helpOption("-h, --help", "show help")
    .addHelpCommand(false)
    .exitOverride()
    .allowExcessArguments(false)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, helpWidth: Math.min(100, system.stdout.columns ?? 100) })
    .configureOutput({
      writeOut: (text) => deps.out(text),
      writeErr: (text) => system.stderr.write(text),
    })
    .addHelpText("after", EPILOG)
    .hook("preAction", (_root, action) => {
      const o = action.optsWithGlobals<{ C?: string; json?: boolean; color?: boolean; quiet?: boolean }>();
      deps.options = { json: o.json === true, color: o.color !== false, quiet: o.quiet === true, cwd: o.C };
    });

  for (const register of [
    registerInit,
    registerNew,
    registerList,
    registerShow,
    registerBoard,
    registerClaim,
    registerAssign,
    registerStatus,
    registerBlock,
    registerDone,
    registerComment,
    registerEdit,
    registerSet,
    registerLog,
    registerCheck,
    registerSync,
    registerRenumber,
    registerMergeDriver,
  ]) {
    register(program, deps);
  }
  program.commands.forEach((command) => command.exitOverride().allowExcessArguments(false));
  return program;
}
