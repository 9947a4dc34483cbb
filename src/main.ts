import { readFileSync } from "node:fs";
import type { Deps, System } from "./app/deps.js";
import { createDeps } from "./app/deps.js";
import { ExitCode, isTasksError, type TasksError } from "./app/errors.js";
import { parseSettings } from "./app/settings.js";
import { sanitizeLine } from "./render/sanitize.js";

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

function reportTasksError(error: TasksError, system: System, json: boolean): void {
  if (json) {
    const payload = { error: { code: error.code, message: error.message, hint: error.hint ?? null, ...(error.details ? { details: error.details } : {}) } };
    system.stderr.write(`${JSON.stringify(payload)}\n`);
    return;
  }
  system.stderr.write(`error: ${sanitizeLine(error.message)} [${error.code}]\n`);
  if (error.hint) system.stderr.write(`hint: ${sanitizeLine(error.hint)}\n`);
}

export async function main(argv: readonly string[], system: System): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    system.stdout.write(`${packageVersion()}\n`);
    return ExitCode.ok;
  }
  let deps: Deps | undefined;
  try {
    const version = packageVersion();
    deps = createDeps(system, parseSettings(system.env, system.machineZone), version);
    const { buildProgram } = await import("./program.js");
    await buildProgram(deps, version).parseAsync([...argv], { from: "user" });
    return deps.exitCode;
  } catch (error) {
    return handleError(error, system, deps, argv);
  }
}

function handleError(error: unknown, system: System, deps: Deps | undefined, argv: readonly string[]): number {
  if (isCommanderError(error)) {
    // commander has printed its own `error: …` line already.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return ExitCode.ok;
    if (error.code === "commander.executeSubCommandAsync") return ExitCode.failure;
    system.stderr.write("hint: run 'tasks --help' or 'tasks <command> --help' for usage\n");
    return ExitCode.usage;
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === "EPIPE") return ExitCode.ok;
  const json = deps?.options.json ?? wantsJson(argv);
  if (isTasksError(error)) {
    reportTasksError(error, system, json);
    if (deps?.settings.debug && error.cause instanceof Error) system.stderr.write(`${error.cause.stack ?? String(error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    system.stderr.write(`${JSON.stringify({ error: { code: "INTERNAL", message, hint: "please report this" } })}\n`);
  } else {
    system.stderr.write(`error: internal error: ${sanitizeLine(message)} [INTERNAL]\n`);
    system.stderr.write("hint: please report this; run with TASKS_DEBUG=1 to see the details\n");
  }
  if (deps?.settings.debug || system.env.TASKS_DEBUG === "1") system.stderr.write(`${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return ExitCode.failure;
}
