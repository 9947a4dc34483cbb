import { resolve } from "node:path";
import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { isTasksError } from "../app/errors.js";
import { type Config, DEFAULT_CONFIG } from "../domain/config.js";
import { gitMergeText } from "../git/merge-file.js";
import { gitEnvironment } from "../git/simple-git-client.js";
import { readMergeInput, writeMergeResult } from "../storage/merge-files.js";
import { mergeTaskFiles } from "../storage/task-file-merge.js";

/**
 * `tasks merge-driver %O %A %B %P`: the git merge driver `tasks init` registers for the tasks
 * folder. git runs it whenever both sides changed a task file (pull, merge, rebase, tasks sync).
 * It writes the merged text into %A and exits 0, or leaves standard conflict markers there and
 * exits 1 so git stops as it always does. Text (the body, a file that is not a task) is merged by
 * `git merge-file` in the folder git runs the driver in (the repository's top level), so it reads
 * that repository's merge.conflictStyle. Not meant to be run by hand.
 */

export interface MergeDriverOptions {
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
  readonly path: string | undefined;
}

export function registerMergeDriver(program: Command, deps: Deps): void {
  program
    .command("merge-driver", { hidden: true })
    .argument("<base>", "git's %O: the common ancestor's version")
    .argument("<ours>", "git's %A: our version; the result is written here")
    .argument("<theirs>", "git's %B: their version")
    .argument("[path]", "git's %P: the file's path, for messages")
    .description("the git merge driver that tasks init registers (%O %A %B %P); not run by hand")
    .action(async (base: string, ours: string, theirs: string, path: string | undefined) => {
      deps.exitCode = await runMergeDriver({ base, ours, theirs, path }, deps);
    });
}

async function configOrDefault(deps: Deps): Promise<Config> {
  try {
    return (await deps.repo()).config;
  } catch {
    // A broken or conflicted config must not stop a merge: the defaults still merge field by field.
    return DEFAULT_CONFIG;
  }
}

/** Returns the exit code git reads: 0 merged, 1 conflicts left in the file. */
export async function runMergeDriver(options: MergeDriverOptions, deps: Deps): Promise<number> {
  const at = (file: string): string => resolve(deps.cwd(), file);
  const [base, ours, theirs] = await Promise.all([readMergeInput(at(options.base)), readMergeInput(at(options.ours)), readMergeInput(at(options.theirs))]);
  const name = options.path ?? options.ours;
  if (base === undefined || ours === undefined || theirs === undefined) {
    deps.warn(`tasks merge-driver: ${name} is not UTF-8 text; left for you to resolve`);
    return 1;
  }
  const mergeText = gitMergeText(deps.cwd(), gitEnvironment(deps.settings.env));
  let merged: Awaited<ReturnType<typeof mergeTaskFiles>>;
  try {
    merged = await mergeTaskFiles(base, ours, theirs, await configOrDefault(deps), mergeText);
  } catch (error) {
    // git could not merge it as text either (a NUL byte makes it binary to git): ours stays, as git does.
    if (!isTasksError(error) || error.code !== "GIT_FAILED") throw error;
    deps.warn(`tasks merge-driver: ${name}: ${error.message}; left for you to resolve`);
    return 1;
  }
  await writeMergeResult(at(options.ours), merged.text);
  if (merged.conflicts.length === 0) return 0;
  const fields = merged.fieldConflicts.map((c) => `${c.key} (ours ${JSON.stringify(c.ours ?? null)}, theirs ${JSON.stringify(c.theirs ?? null)})`);
  const what = [...fields, ...merged.conflicts.filter((c) => c === "body" || c === "text")].join(", ");
  deps.warn(`tasks merge-driver: ${name}: conflict in ${what}; resolve the marked lines`);
  return 1;
}
