import { Command } from "commander";
import type { Deps } from "./app/deps.js";

/**
 * Builds the commander program: global options, the commands, one error and output setup.
 *
 * Each command's module is loaded only when it is the one being run (a module graph per command,
 * not the whole tool, is parsed at start-up); `--help`, an unknown command or no command at all
 * load them all, so help lists every command and commander can suggest the closest name.
 */

type Register = (program: Command, deps: Deps) => void;

const COMMANDS: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ["init"], load: async () => (await import("./commands/init.js")).registerInit },
  { names: ["new"], load: async () => (await import("./commands/new.js")).registerNew },
  { names: ["list", "ls"], load: async () => (await import("./commands/list.js")).registerList },
  { names: ["show"], load: async () => (await import("./commands/show.js")).registerShow },
  { names: ["next"], load: async () => (await import("./commands/next.js")).registerNext },
  { names: ["board"], load: async () => (await import("./commands/board.js")).registerBoard },
  { names: ["claim"], load: async () => (await import("./commands/claim.js")).registerClaim },
  { names: ["renew"], load: async () => (await import("./commands/claim.js")).registerRenew },
  { names: ["assign", "unassign"], load: async () => (await import("./commands/assign.js")).registerAssign },
  { names: ["start", "reopen", "drop", "status"], load: async () => (await import("./commands/status.js")).registerStatus },
  { names: ["review", "approve", "request-changes"], load: async () => (await import("./commands/review.js")).registerReview },
  { names: ["block", "unblock"], load: async () => (await import("./commands/block.js")).registerBlock },
  { names: ["done"], load: async () => (await import("./commands/done.js")).registerDone },
  { names: ["comment"], load: async () => (await import("./commands/comment.js")).registerComment },
  { names: ["edit"], load: async () => (await import("./commands/edit.js")).registerEdit },
  { names: ["set"], load: async () => (await import("./commands/set.js")).registerSet },
  { names: ["link"], load: async () => (await import("./commands/link.js")).registerLink },
  { names: ["log"], load: async () => (await import("./commands/log.js")).registerLog },
  { names: ["standup"], load: async () => (await import("./commands/standup.js")).registerStandup },
  { names: ["handoff"], load: async () => (await import("./commands/handoff.js")).registerHandoff },
  { names: ["dod"], load: async () => (await import("./commands/dod.js")).registerDod },
  { names: ["report"], load: async () => (await import("./commands/report.js")).registerReport },
  { names: ["dashboard"], load: async () => (await import("./commands/dashboard.js")).registerDashboard },
  { names: ["team"], load: async () => (await import("./commands/team.js")).registerTeam },
  { names: ["check"], load: async () => (await import("./commands/check.js")).registerCheck },
  { names: ["schedule"], load: async () => (await import("./commands/schedule.js")).registerSchedule },
  { names: ["sync"], load: async () => (await import("./commands/sync.js")).registerSync },
  { names: ["renumber"], load: async () => (await import("./commands/renumber.js")).registerRenumber },
  { names: ["import"], load: async () => (await import("./commands/import.js")).registerImport },
  { names: ["hook"], load: async () => (await import("./commands/hook.js")).registerHook },
  { names: ["export"], load: async () => (await import("./commands/export.js")).registerExport },
  { names: ["resume"], load: async () => (await import("./commands/resume.js")).registerResume },
  { names: ["mcp"], load: async () => (await import("./commands/mcp.js")).registerMcp },
  { names: ["completion"], load: async () => (await import("./commands/completion.js")).registerCompletion },
  { names: ["merge-driver"], load: async () => (await import("./commands/merge-driver.js")).registerMergeDriver },
];

/** The command word in argv: the first argument that is not a global option or its value. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-C") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

export function commandNames(): string[] {
  return COMMANDS.flatMap((c) => c.names);
}

/**
 * `tasks help [command…]` is `tasks [command…] --help`, as in git and npm. An unknown name is
 * passed on without --help, so that it fails as `tasks <name>` does: a usage error with the
 * closest command suggested.
 */
export function helpArgv(argv: readonly string[]): readonly string[] {
  const at = argv.findIndex((arg, i) => !arg.startsWith("-") && argv[i - 1] !== "-C");
  if (at < 0 || argv[at] !== "help") return argv;
  const before = argv.slice(0, at);
  const rest = argv.slice(at + 1);
  const name = rest[0];
  if (name === "help") return [...before, "--help"];
  if (name !== undefined && !name.startsWith("-") && !commandNames().includes(name)) return [...before, ...rest];
  return [...before, ...rest, "--help"];
}

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

export async function buildProgram(deps: Deps, version: string, argv: readonly string[] = []): Promise<Command> {
  const { system } = deps;
  const program = new Command("tasks")
    .description("A team's tasks as Markdown files in its own git repository.\nEvery change is one commit; push and pull are the sync.")
    .version(version, "-V, --version", "print the version")
    .option("-C <path>", "run as if tasks was started in <path>")
    .option("--json", "machine output on stdout (versioned JSON)")
    .option("--no-color", "no colour (also NO_COLOR=1)")
    .option("-q, --quiet", "no warnings or narration on stderr")
    .helpOption("-h, --help", "show help")
    .helpCommand("help [command]", "show help for a command (the same as tasks <command> --help)")
    .exitOverride()
    .allowExcessArguments(false)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, helpWidth: Math.min(80, system.stdout.columns ?? 80) })
    .configureOutput({
      writeOut: (text) => deps.out(text),
      writeErr: (text) => system.stderr.write(deps.ciSafe(text)),
    })
    .addHelpText("after", EPILOG)
    .hook("preAction", (_root, action) => {
      const o = action.optsWithGlobals<{ C?: string; json?: boolean; color?: boolean; quiet?: boolean }>();
      deps.options = { json: o.json === true, color: o.color !== false, quiet: o.quiet === true, cwd: o.C };
    });

  const word = commandWord(argv);
  const wanted = COMMANDS.filter((c) => word !== undefined && c.names.includes(word));
  for (const register of await Promise.all((wanted.length > 0 ? wanted : COMMANDS).map((c) => c.load()))) {
    register(program, deps);
  }
  program.commands.forEach((command) => command.exitOverride().allowExcessArguments(false));
  return program;
}
