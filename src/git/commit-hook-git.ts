import { execFile } from "node:child_process";
import { isAbsolute, resolve } from "node:path";
import { gitEnvironment } from "./simple-git-client.js";

/**
 * The git calls of the commit hook: where the repository's hooks live, and git's own trailer
 * parser and writer for a commit message file. Unlike the rest of the tool these run without
 * `core.hooksPath=/dev/null`: the hooks folder is what is asked for (it follows
 * `core.hooksPath`, and a linked worktree's answer is the main repository's folder). Arguments are
 * constants, an absolute file path (never read as an option) and a trailer built from a
 * validated key and id.
 */

function git(root: string, env: Readonly<Record<string, string | undefined>>, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile("git", [...args], { cwd: root, env: gitEnvironment(env), encoding: "utf8", maxBuffer: 4 * 1024 * 1024, timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`git ${args[0] ?? ""} failed: ${String(stderr).trim() || error.message}`));
      else done(stdout);
    });
  });
}

/** The folder git runs this repository's hooks from (absolute). */
export async function hooksFolder(root: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const out = (await git(root, env, ["rev-parse", "--git-path", "hooks"])).trim();
  if (out === "") throw new Error("git rev-parse --git-path hooks printed nothing");
  return isAbsolute(out) ? out : resolve(root, out);
}

/** The trailers git finds in a message file (`Key: value` per line, comments and the patch after the scissors ignored). */
export function parseMessageTrailers(root: string, env: Readonly<Record<string, string | undefined>>, file: string): Promise<string> {
  return git(root, env, ["interpret-trailers", "--parse", "--", absolute(root, file)]);
}

/** Adds one trailer to a message file in place, where git puts trailers. */
export async function addMessageTrailer(root: string, env: Readonly<Record<string, string | undefined>>, file: string, trailer: string): Promise<void> {
  await git(root, env, ["interpret-trailers", "--in-place", "--trailer", trailer, "--", absolute(root, file)]);
}

function absolute(root: string, file: string): string {
  return isAbsolute(file) ? file : resolve(root, file);
}
