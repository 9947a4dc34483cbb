import type { GitPort } from "./git.js";

/**
 * Read-only questions `check` asks git about revisions and the working tree. A revision comes
 * from the command line, so it is refused when it could be read as an option and resolved with
 * `--end-of-options`; paths come back NUL-separated and unquoted (core.quotePath is off).
 */

const HASH = /^[0-9a-f]{40,64}$/;

/** The commit a revision names, or undefined when it names none. */
export async function resolveCommit(git: GitPort, rev: string): Promise<string | undefined> {
  if (rev === "" || rev.startsWith("-") || /[\u0000-\u001f\u007f]/.test(rev)) return undefined;
  const out = (await git.raw(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])).trim();
  return HASH.test(out) ? out : undefined;
}

/** Where HEAD's line of work left `commit` (what a pull request compares against); `commit` itself when unrelated. */
export async function forkPoint(git: GitPort, commit: string): Promise<string> {
  const out = (await git.raw(["merge-base", commit, "HEAD"]).catch(() => "")).trim();
  return HASH.test(out) ? out : commit;
}

function splitNul(output: string): string[] {
  return output.split("\0").filter((p) => p !== "");
}

/** Files under `dir` that differ between `base` and the working tree (staged or not). */
export async function changedPathsSince(git: GitPort, base: string, dir: string): Promise<string[]> {
  if (!HASH.test(base)) throw new Error(`not a commit id: ${base}`);
  return splitNul(await git.raw(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", base, "--", `:(literal)${dir}`]));
}

/** Files under `dir` with uncommitted changes, or never committed. */
export async function uncommittedPaths(git: GitPort, dir: string): Promise<string[]> {
  const out = await git.raw(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", `:(literal)${dir}`]);
  return splitNul(out)
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}
