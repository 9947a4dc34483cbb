import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type HookLauncher, hookScript, readHookScript } from "../domain/commit-hook.js";
import { hooksFolder } from "../git/commit-hook-git.js";
import { type HookFolderState, readHookFolder, removeHookScript, restoreSavedHook, saveExistingHook, writeHookScript } from "../storage/hook-files.js";
import type { Deps } from "./deps.js";
import { TasksError } from "./errors.js";

/**
 * `tasks hook install|uninstall|status`: our `prepare-commit-msg` in the folder git runs hooks
 * from (`core.hooksPath` respected; a linked worktree shares the main repository's). A hook that
 * is there already is kept under another name and chained (run first), or, with --force, kept
 * and not run; uninstall renames it back. A leftover saved hook or a foreign hook over a saved one
 * is never overwritten: the user decides.
 */

export interface HookOutcome {
  readonly action: "install" | "uninstall" | "status";
  /** installed, updated, unchanged, removed, not-installed. */
  readonly result: "installed" | "updated" | "unchanged" | "removed" | "not-installed";
  readonly changed: boolean;
  readonly hookPath: string;
  readonly installed: boolean;
  /** The hook that was there before, kept beside ours (null when there was none). */
  readonly savedPath: string | null;
  /** Whether that hook still runs (chained) or was replaced (--force). */
  readonly chained: boolean;
  /** What our hook runs: the node and launcher it was installed with. */
  readonly launcher: HookLauncher | null;
  /** The node or launcher of an installed hook are gone: it does nothing until installed again. */
  readonly stale: boolean;
  /** A hook in that place that is not ours (status, uninstall). */
  readonly foreign: boolean;
  /** Uninstall put the kept hook back in its place. */
  readonly restored: boolean;
}

/** The node running now and this install's launcher (bin/tasks.cjs beside dist/). */
export function currentLauncher(): HookLauncher {
  return { node: process.execPath, launcher: fileURLToPath(new URL("../../bin/tasks.cjs", import.meta.url)) };
}

async function folderState(deps: Deps): Promise<HookFolderState> {
  const { root } = await deps.repo();
  return readHookFolder(await hooksFolder(root, deps.settings.env));
}

function outcome(action: HookOutcome["action"], result: HookOutcome["result"], state: HookFolderState): HookOutcome {
  const ours = state.hook.kind === "ours" ? readHookScript(state.hook.text) : null;
  const launcher = ours?.launcher ?? null;
  return {
    action,
    result,
    changed: result === "installed" || result === "updated" || result === "removed",
    hookPath: state.hookPath,
    installed: ours !== null,
    savedPath: state.saved ? state.savedPath : null,
    chained: ours !== null && state.saved && ours.chain,
    launcher,
    stale: launcher !== null && !(existsSync(launcher.node) && existsSync(launcher.launcher)),
    foreign: state.hook.kind === "other",
    restored: false,
  };
}

const refused = (message: string, hint: string): TasksError => new TasksError("HOOK_REFUSED", message, { hint });

export async function installHook(deps: Deps, options: { readonly force: boolean }): Promise<HookOutcome> {
  const state = await folderState(deps);
  const launcher = currentLauncher();
  if (state.hook.kind === "ours") {
    const previous = readHookScript(state.hook.text);
    const text = hookScript(launcher, { chain: state.saved && (options.force ? false : (previous?.chain ?? true)) });
    if (text === state.hook.text) return outcome("install", "unchanged", state);
    await writeHookScript(state, text);
    return outcome("install", "updated", await readHookFolder(state.folder));
  }
  if (state.saved) {
    throw refused(
      `${state.savedPath} is there already (a hook kept by an earlier install), so nothing was installed`,
      state.hook.kind === "none" ? `put it back (mv ${state.savedPath} ${state.hookPath}) or delete it, then install again` : `decide which of ${state.hookPath} and ${state.savedPath} to keep, remove the other, then install again`,
    );
  }
  if (state.hook.kind === "other" && state.hook.what === "not-a-file") {
    throw refused(`${state.hookPath} is not a file; nothing was installed`, "move it away, then install again");
  }
  if (state.hook.kind === "other") await saveExistingHook(state);
  try {
    await writeHookScript(state, hookScript(launcher, { chain: state.hook.kind === "other" && !options.force }));
  } catch (error) {
    if (state.hook.kind === "other") await restoreSavedHook(state).catch(() => undefined);
    throw error;
  }
  return outcome("install", "installed", await readHookFolder(state.folder));
}

export async function uninstallHook(deps: Deps): Promise<HookOutcome> {
  const state = await folderState(deps);
  if (state.hook.kind === "other") return outcome("uninstall", "not-installed", state);
  if (state.hook.kind === "none" && !state.saved) return outcome("uninstall", "not-installed", state);
  // One rename puts the saved hook back over ours; with none saved, ours is deleted.
  if (state.saved) await restoreSavedHook(state);
  else await removeHookScript(state);
  return { ...outcome("uninstall", "removed", await readHookFolder(state.folder)), restored: state.saved };
}

export async function hookStatus(deps: Deps): Promise<HookOutcome> {
  const state = await folderState(deps);
  return outcome("status", state.hook.kind === "ours" ? "installed" : "not-installed", state);
}
