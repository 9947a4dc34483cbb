import { spawn } from "node:child_process";

/**
 * git with stdin or a private index file, which simple-git cannot give: `hash-object --stdin` and
 * the temporary-index plumbing that builds a claim commit without touching the working tree.
 * Same rules as the simple-git client: the filtered environment, hooks off, arguments that are
 * constants of our code or values git itself produced (hashes, validated ref names).
 */

export interface SpawnResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function spawnGit(root: string, env: Readonly<Record<string, string>>, args: readonly string[], input = ""): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.hooksPath=/dev/null", ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    // Done when its output is closed; if a process it started keeps that open (a signing agent),
    // 50 ms after git itself exited. The timer is cleared either way, so none outlives the call.
    let timer: NodeJS.Timeout | undefined;
    const done = (code: number | null): void => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    };
    child.on("exit", (code) => {
      timer = setTimeout(() => done(code), 50);
    });
    child.on("close", done);
    // A command that reads no stdin may exit before we write: its exit code tells, not EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}
