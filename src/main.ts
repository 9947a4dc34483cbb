import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Deps, System } from "./app/deps.js";
import { errorJson, ExitCode, isTasksError, type TasksError } from "./app/errors.js";
import { unmappedEnvironmentError } from "./app/write-errors.js";

/**
 * main(argv, system) → exit code. The one place errors become exit codes and text:
 * `error: <what> [CODE]` and `hint: <how to fix>` on stderr (JSON there with --json), no stack
 * trace unless TASKS_DEBUG=1.
 */

export function packageVersion(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(error: unknown): error is CommanderLikeError & Error {
  return error instanceof Error && error.name === "CommanderError";
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.includes("--json");
}

/** How errors are written: stderr made inert for a GitHub Actions log, JSON and sanitized text. */
interface ErrorWriter {
  (text: string, json?: boolean): void;
  readonly jsonLine: (value: unknown) => string;
  readonly line: (text: string) => string;
}

/** Loaded only when something failed, so the fast paths stay small. */
async function errorWriter(system: System, deps: Deps | undefined): Promise<ErrorWriter> {
  const [{ renderJsonLine }, { sanitizeLine }, { workflowGuard }] = await Promise.all([
    import("./render/json.js"),
    import("./render/sanitize.js"),
    import("./render/workflow-guard.js"),
  ]);
  const ciSafe = deps?.ciSafe ?? workflowGuard((await import("./app/settings.js")).parseSettings(system.env, system.machineZone).githubActions);
  const write = (text: string, json?: boolean): void => void system.stderr.write(ciSafe(text, json));
  return Object.assign(write, { jsonLine: renderJsonLine, line: sanitizeLine });
}

function reportTasksError(error: TasksError, write: ErrorWriter, json: boolean): void {
  if (json) {
    const payload = { error: errorJson(error) };
    write(write.jsonLine(payload), true);
    return;
  }
  write(`error: ${write.line(error.message)} [${error.code}]\n`);
  if (error.hint) write(`hint: ${write.line(error.hint)}\n`);
}

export async function main(argv: readonly string[], system: System): Promise<number> {
  // `--version` and `--help` alone are answered by the launcher (bin/tasks.cjs) before this loads.
  let deps: Deps | undefined;
  try {
    const version = packageVersion();
    const [{ createDeps }, { parseSettings }] = await Promise.all([import("./app/deps.js"), import("./app/settings.js")]);
    deps = createDeps(system, parseSettings(system.env, system.machineZone), version);
    const { buildProgram, helpArgv } = await import("./program.js");
    const args = helpArgv(argv);
    const program = await buildProgram(deps, version, args);
    // Usage errors are reported by handleError in the shape of every other error (text or JSON).
    const quiet = (command: Command): void => {
      command.configureOutput({ outputError: () => undefined });
      command.commands.forEach(quiet);
    };
    quiet(program);
    await program.parseAsync([...args], { from: "user" });
    deps.finish();
    return deps.exitCode;
  } catch (error) {
    return handleError(error, system, deps, argv, await errorWriter(system, deps));
  }
}

function handleError(error: unknown, system: System, deps: Deps | undefined, argv: readonly string[], write: ErrorWriter): number {
  if (isCommanderError(error)) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return ExitCode.ok;
    if (error.code === "commander.executeSubCommandAsync") return ExitCode.failure;
    const hint = "run 'tasks --help' or 'tasks <command> --help' for usage";
    // One line: commander puts its suggestion ("(Did you mean list?)") on a line of its own.
    const message = error.message.replace(/^error: /, "").replace(/\n+/g, " ");
    if (wantsJson(argv)) write(write.jsonLine({ error: { code: "USAGE", message, hint } }), true);
    else write(`error: ${write.line(message)} [USAGE]\nhint: ${hint}\n`);
    return ExitCode.usage;
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === "EPIPE") return ExitCode.ok;
  const json = deps?.options.json ?? wantsJson(argv);
  if (isTasksError(error)) {
    reportTasksError(error, write, json);
    if (deps?.settings.debug && error.cause instanceof Error) write(`${error.cause.stack ?? String(error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // A full disk or a read-only folder met where no writer mapped it: still the user's environment.
  const mapped = unmappedEnvironmentError(error);
  if (mapped) return handleError(mapped, system, deps, argv, write);
  if (json) {
    write(write.jsonLine({ error: { code: "INTERNAL", message, hint: "please report this" } }), true);
  } else {
    write(`error: internal error: ${write.line(message)} [INTERNAL]\n`);
    write("hint: please report this; run with TASKS_DEBUG=1 to see the details\n");
  }
  if (deps?.settings.debug || system.env.TASKS_DEBUG === "1") write(`${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return ExitCode.failure;
}
