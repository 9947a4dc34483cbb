import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliArgv } from "./cli.js";

/**
 * Runs the built CLI under a pseudo-terminal (python3's stdlib `pty` machinery, see pty-run.py),
 * so a test sees what a person at a terminal sees: prompts, the human table, the checklist.
 * `steps` answer prompts: when `expect` has appeared, `send` is typed (`\r` is Enter).
 */

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), "pty-run.py");

export const KEY = { enter: "\r", space: " ", down: "\x1b[B", up: "\x1b[A", ctrlC: "\x03" } as const;

export interface PtyStep {
  readonly expect: string;
  readonly send: string;
}

export interface PtyOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly steps?: readonly PtyStep[];
  readonly columns?: number;
  readonly rows?: number;
  /** Seconds before the command is killed (the result then says timedOut). */
  readonly timeout?: number;
  /** stderr to a pipe (default) or to the terminal like stdout. */
  readonly splitStderr?: boolean;
  /** A module node loads before the CLI (`node --import`). */
  readonly preload?: string;
}

export interface PtyResult {
  readonly code: number;
  /** What the terminal showed, raw (escape codes kept), with `\r\n` turned into `\n`. */
  readonly output: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Expectations that never appeared. */
  readonly pending: readonly string[];
}

/** Escape sequences removed: the text a person reads. */
export function visibleText(output: string): string {
  return output.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, "");
}

export function runPty(args: readonly string[], options: PtyOptions): Promise<PtyResult> {
  const request = {
    argv: cliArgv(args, options.preload),
    cwd: options.cwd,
    env: options.env,
    steps: options.steps ?? [],
    columns: options.columns ?? 100,
    rows: options.rows ?? 30,
    timeout: options.timeout ?? 20,
    splitStderr: options.splitStderr ?? true,
  };
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [DRIVER], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`pty driver failed (${String(code)}): ${stderr}`));
      const report = JSON.parse(stdout) as PtyResult;
      resolve({ ...report, output: report.output.replace(/\r\n/g, "\n") });
    });
    child.stdin.end(JSON.stringify(request));
  });
}
