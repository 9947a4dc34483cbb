import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_PATH, type Config } from "../domain/config.js";
import type { CommitMessage } from "../git/commit-message.js";
import { assertWritable } from "../git/repo-state.js";
import { configFromText } from "../storage/config-store.js";
import { writeFileAtomic } from "../storage/safe-fs.js";
import { withToolLock } from "../storage/tool-lock.js";
import type { Deps } from "./deps.js";
import { TasksError } from "./errors.js";
import { guardInterrupted, withIntent } from "./interrupted-change.js";
import { currentActor } from "./task-transaction.js";
import { afterFailedRollback, afterRollback } from "./write-errors.js";
import { assertOnlyOwnChange, preflightWrite } from "./write-preflight.js";

/**
 * The one way the tool changes `.tasks/config.yml` after `init`: the same preflight, tool lock,
 * intent record and single commit as a task change. The new text is validated by loading it as
 * every command will (holiday calendars included) before anything is written, and the old bytes
 * are put back if the commit fails.
 */

export interface ConfigEdit {
  /** The new text, from the current one; the config as it is now helps decide. */
  readonly edit: (text: string, config: Config) => string;
  readonly message: CommitMessage;
  readonly commit: boolean;
}

export async function changeConfig(deps: Deps, change: ConfigEdit): Promise<{ config: Config; commit: string | null; changed: boolean }> {
  const repo = await deps.repo();
  await assertWritable(repo.gitDir, { committing: false });
  if (change.commit) await currentActor(deps, repo);
  return withToolLock(repo.gitDir, async () => {
    await preflightWrite(deps, repo, { committing: change.commit, commitsToHead: true });
    const path = join(repo.root, CONFIG_PATH);
    let before: string;
    try {
      before = await readFile(path, "utf8");
    } catch {
      throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH} does not exist`, { hint: "run tasks init first" });
    }
    const after = change.edit(before, repo.config);
    if (after === before) return { config: repo.config, commit: null, changed: false };
    await guardInterrupted(deps, repo, [CONFIG_PATH]);
    if (change.commit) await assertOnlyOwnChange(deps, repo, [CONFIG_PATH]);
    let config: Config;
    try {
      // Read as every command will, before anything is written.
      config = (await configFromText(repo.root, after)).config;
    } catch (error) {
      if (error instanceof TasksError && error.code === "INVALID_CONFIG") {
        throw new TasksError("INVALID_VALUE", `the change would make ${error.message}; nothing was written`, error.hint ? { hint: error.hint } : {});
      }
      throw error;
    }
    const label = (): string => CONFIG_PATH;
    const write = async (): Promise<{ config: Config; commit: string | null; changed: boolean }> => {
      await writeFileAtomic(repo.root, path, after, { label });
      try {
        const commit = change.commit ? await (await deps.git()).commitPaths([CONFIG_PATH], change.message, { addNew: false }) : null;
        return { config, commit, changed: true };
      } catch (error) {
        const restored = await writeFileAtomic(repo.root, path, before, { label }).then(
          () => true,
          () => false,
        );
        throw restored ? afterRollback(error) : afterFailedRollback(error, [CONFIG_PATH]);
      }
    };
    return change.commit ? withIntent(repo, [{ path: CONFIG_PATH, text: after }], change.message, write) : write();
  });
}
