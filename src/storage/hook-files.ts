import { chmod, lstat, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HOOK_NAME, isOurHook, SAVED_HOOK_NAME } from "../domain/commit-hook.js";

/**
 * The hook files in a hooks folder: ours, the one it replaced (kept under another name) and
 * nothing else. The replaced hook is only ever renamed, never read or rewritten, so uninstall puts
 * it back exactly: content, mode, a symbolic link stays a link.
 */

export type HookFile =
  | { readonly kind: "none" }
  | { readonly kind: "ours"; readonly text: string }
  | { readonly kind: "other"; readonly what: "file" | "symlink" | "not-a-file" };

export interface HookFolderState {
  readonly folder: string;
  readonly hookPath: string;
  readonly savedPath: string;
  readonly hook: HookFile;
  /** A file is kept under the saved name. */
  readonly saved: boolean;
}

const MAX_HOOK_BYTES = 256 * 1024;

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

async function readHookFile(path: string): Promise<HookFile> {
  let stat;
  try {
    stat = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    throw error;
  }
  if (stat.isSymbolicLink()) return { kind: "other", what: "symlink" };
  if (!stat.isFile()) return { kind: "other", what: "not-a-file" };
  if (stat.size > MAX_HOOK_BYTES) return { kind: "other", what: "file" };
  const text = await readFile(path, "utf8");
  return isOurHook(text) ? { kind: "ours", text } : { kind: "other", what: "file" };
}

export async function readHookFolder(folder: string): Promise<HookFolderState> {
  const hookPath = join(folder, HOOK_NAME);
  const savedPath = join(folder, SAVED_HOOK_NAME);
  const [hook, saved] = await Promise.all([readHookFile(hookPath), exists(savedPath)]);
  return { folder, hookPath, savedPath, hook, saved };
}

/** Writes our script: a temp file beside it, executable, then renamed over (never half a hook). */
export async function writeHookScript(state: HookFolderState, text: string): Promise<void> {
  await mkdir(state.folder, { recursive: true });
  const temp = `${state.hookPath}.tasks-tmp-${process.pid}`;
  await writeFile(temp, text, { mode: 0o755, flag: "w" });
  try {
    await chmod(temp, 0o755);
    await rename(temp, state.hookPath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The hook that is there moves to the saved name (it must not exist: checked by the caller). */
export async function saveExistingHook(state: HookFolderState): Promise<void> {
  if (await exists(state.savedPath)) throw new Error(`${state.savedPath} exists`);
  await rename(state.hookPath, state.savedPath);
}

/** The saved hook goes back to its own name (over ours, in one rename). */
export async function restoreSavedHook(state: HookFolderState): Promise<void> {
  await rename(state.savedPath, state.hookPath);
}

export async function removeHookScript(state: HookFolderState): Promise<void> {
  await unlink(state.hookPath);
}
