import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs the built CLI as a user would, in a child process, and never throws on a non-zero exit.
 * Node runs it with code generation from strings disallowed (`eval`, `new Function`): an eval
 * path anywhere in the tool or its dependencies fails the test that reaches it (reliability.md E1).
 */

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(PROJECT_ROOT, "bin", "tasks.cjs");
export const NODE_FLAGS = ["--disallow-code-generation-from-strings"] as const;

/** The argv that runs the CLI: node, its flags, a module to preload (`--import`), the launcher. */
export function cliArgv(args: readonly string[], preload?: string): string[] {
  return [process.execPath, ...NODE_FLAGS, ...(preload ? ["--import", preload] : []), BIN, ...args];
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed at the time limit (the code is then 128). Only present when it happened. */
  readonly timedOut?: true;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly input?: string;
  readonly timeoutMs?: number;
  /** A module node loads before the CLI (`node --import`), e.g. test/helpers/hostile-probe.mjs. */
  readonly preload?: string;
}

export function assertBuilt(): void {
  if (!existsSync(join(PROJECT_ROOT, "dist", "main.js"))) throw new Error("dist/ is missing: run `npm run build` before the e2e tests");
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const [node, ...argv] = cliArgv(args, options.preload) as [string, ...string[]];
  return runProcess(node, argv, options);
}

/** Any program, run as runCli runs the CLI: output collected, killed at the time limit, stdin given or closed. */
export function runProcess(command: string, argv: readonly string[], options: Omit<CliOptions, "preload">): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ...(timedOut ? { timedOut: true as const } : {}) });
    });
    // A child that exits without reading its stdin (most commands) closes the pipe; on a loaded
    // machine the write below can land after that, as EPIPE. The exit code and output say what
    // happened; the pipe error is not a result.
    child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin.end(options.input ?? "");
  });
}
