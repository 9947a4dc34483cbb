import { lstat, readFile, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { TasksError } from "../app/errors.js";

/**
 * Finds the working tree and git folder by walking up from the start folder, as git does, without
 * spawning git (read commands stay fast). A `.git` file (worktrees, submodules) is followed.
 */

export interface RepoLocation {
  readonly root: string;
  readonly gitDir: string;
}

async function gitDirAt(dir: string): Promise<string | undefined> {
  const candidate = join(dir, ".git");
  try {
    const stat = await lstat(candidate);
    if (stat.isDirectory()) return candidate;
    if (stat.isFile()) {
      const text = await readFile(candidate, "utf8");
      const match = /^gitdir: (.+)$/m.exec(text);
      if (!match?.[1]) return undefined;
      const target = match[1].trim();
      return isAbsolute(target) ? target : resolve(dir, target);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" && (error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
  }
  return undefined;
}

export async function findRepo(start: string, ceilings: readonly string[] = []): Promise<RepoLocation> {
  let dir: string;
  try {
    dir = await realpath(start);
  } catch {
    throw new TasksError("NOT_A_GIT_REPO", `folder ${start} does not exist`, { hint: "check the path given to -C" });
  }
  const stops = new Set(ceilings.filter(Boolean).map((c) => resolve(c)));
  for (;;) {
    const gitDir = await gitDirAt(dir);
    if (gitDir) return { root: dir, gitDir };
    const parent = dirname(dir);
    if (parent === dir || stops.has(parent)) break;
    dir = parent;
  }
  throw new TasksError("NOT_A_GIT_REPO", `not inside a git repository (looked in ${start} and its parents)`, {
    hint: "cd into your repository, pass -C <path>, or run 'git init' and then 'tasks init'",
  });
}
