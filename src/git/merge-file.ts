import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";
import type { MergeText, TextMerge } from "../domain/merge-body.js";
import { spawnGit } from "./spawn-git.js";

/**
 * Three-way text merges by git itself: `git merge-file -p`, so a task body (and a file that is
 * not a task) merges exactly as git would merge it without our driver. The three texts go to
 * files in a private temp folder (mode 0700) that is removed afterwards; the labels are fixed
 * (`ours`, `base`, `theirs`), never text from the files. git runs in `cwd` (the repository when
 * there is one), so it reads the repository's `merge.conflictStyle` as its own merges do.
 */

const LABELS = ["-L", "ours", "-L", "base", "-L", "theirs"] as const;
// merge-file exits with the number of conflicts, truncated to 127; anything above is an error.
const MAX_CONFLICT_EXIT = 127;

/**
 * A conflict at the very end of the file ends with a line end, whatever the inputs did, so
 * whatever is appended after it (or the next edit) starts on a line of its own.
 */
export function endConflictLine(text: string): string {
  const lastLine = text.slice(text.lastIndexOf("\n") + 1);
  if (!/^>{7}( |$)/.test(lastLine)) return text;
  return text + (text.includes("\r\n") ? "\r\n" : "\n");
}

export function gitMergeText(cwd: string, env: Readonly<Record<string, string>>): MergeText {
  return async (base, ours, theirs): Promise<TextMerge> => {
    const dir = await mkdtemp(join(tmpdir(), "tasks-merge-"));
    try {
      const [basePath, oursPath, theirsPath] = ["base", "ours", "theirs"].map((name) => join(dir, name)) as [string, string, string];
      const options = { encoding: "utf8", mode: 0o600, flag: "wx" } as const;
      await Promise.all([writeFile(basePath, base, options), writeFile(oursPath, ours, options), writeFile(theirsPath, theirs, options)]);
      const result = await spawnGit(cwd, env, ["merge-file", "-p", ...LABELS, oursPath, basePath, theirsPath]);
      if (result.code < 0 || result.code > MAX_CONFLICT_EXIT) {
        const reason = (result.stderr.trim().split("\n")[0] ?? "").replace(/^(error|fatal): /, "");
        throw new TasksError("GIT_FAILED", `git merge-file failed: ${reason || `exit ${result.code}`}`);
      }
      return { text: result.code > 0 ? endConflictLine(result.stdout) : result.stdout, conflicts: result.code };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
