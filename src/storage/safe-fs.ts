import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open, realpath, rename, unlink } from "node:fs/promises";
import { platform } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { TasksError } from "../app/errors.js";
import { writeError } from "../app/write-errors.js";

/**
 * The only code that writes task files. A write lands atomically (temp file in the same folder,
 * fsync, rename, fsync of the folder), never through a symbolic link, and never outside the tasks
 * folder: the real path of the target's folder must sit inside the real path of the tasks folder.
 * When the machine refuses the write (full disk, size limit, read-only or immutable folder), the
 * error is WRITE_FAILED naming the file (app/write-errors.ts), and the target is left as it was.
 */

export const TEMP_SUFFIX = ".tasks-tmp";

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || !(rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** Creates missing folders below `base` one at a time, refusing any that is a symbolic link. */
export async function ensureDirInside(base: string, dir: string, label: (path: string) => string = (path) => path): Promise<void> {
  const rel = relative(base, dir);
  if (rel === "") return;
  let current = base;
  let created = false;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    try {
      const stat = await lstat(current);
      if (stat.isSymbolicLink() || !stat.isDirectory()) {
        throw new TasksError("UNSAFE_PATH", `${current} is not a plain folder; refusing to write through it`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      try {
        await mkdir(current);
      } catch (mkdirError) {
        throw writeError(mkdirError, label(current), { unchanged: !created, verb: "create the folder" }) ?? mkdirError;
      }
      created = true;
    }
  }
}

async function assertContained(tasksRoot: string, target: string): Promise<void> {
  const realRoot = await realpath(tasksRoot);
  const realDir = await realpath(dirname(target));
  if (!isInside(realRoot, realDir)) {
    throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it resolves outside the tasks folder`);
  }
  try {
    const stat = await lstat(target);
    if (stat.isSymbolicLink()) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it is a symbolic link`);
    if (!stat.isFile()) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it is not a regular file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

export interface WriteOptions {
  /** Fail if the target exists (creating a task). */
  readonly exclusive?: boolean;
  /** How messages name a path (repo-relative); the absolute path when absent. */
  readonly label?: (path: string) => string;
}

/**
 * Writes `data` to `target` (absolute, inside `tasksRoot`, which must already exist inside the
 * repository) so that readers see the old bytes or the new bytes, never a mix.
 */
export async function writeFileAtomic(tasksRoot: string, target: string, data: string, options: WriteOptions = {}): Promise<void> {
  if (!isInside(tasksRoot, target)) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: outside the tasks folder`);
  const label = options.label ?? ((path: string) => path);
  await ensureDirInside(tasksRoot, dirname(target), label);
  await assertContained(tasksRoot, target);
  if (options.exclusive) {
    try {
      await lstat(target);
      throw new TasksError("INTERNAL", `${target} already exists`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  await replaceFile(target, data, label(target));
}

/**
 * Temp file in the target's folder (exclusive, no-follow), fsync, rename over the target, fsync
 * the folder. Until the rename the target is untouched, and a failure removes the temp file.
 */
async function replaceFile(target: string, data: string, label: string): Promise<void> {
  const temp = join(dirname(target), `.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
  const refused = (error: unknown, unchanged = true): unknown => writeError(error, label, { unchanged }) ?? error;
  let handle;
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (error) {
    throw refused(error);
  }
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw refused(error);
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw refused(error);
  }
  // The new bytes are in place: a failure from here on is not "nothing was changed".
  await syncDir(dirname(target)).catch((error: unknown) => {
    throw refused(error, false);
  });
}

/**
 * Writes a file the user named on the command line (`--out notes/standup.md`): atomically, into
 * an existing folder, and never through a symbolic link or over something that is not a file.
 */
export async function writeOutputFile(target: string, data: string): Promise<void> {
  try {
    const stat = await lstat(target);
    if (stat.isSymbolicLink()) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it is a symbolic link`, { hint: "name the file itself, or remove the link" });
    if (stat.isDirectory()) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it is a folder`, { hint: "name a file, e.g. a file inside that folder" });
    if (!stat.isFile()) throw new TasksError("UNSAFE_PATH", `refusing to write ${target}: it is not a regular file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await replaceFile(target, data, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new TasksError("UNSAFE_PATH", `cannot write ${target}: its folder does not exist`, { hint: "create the folder first" });
    throw error;
  }
}

async function syncDir(dir: string): Promise<void> {
  if (platform() === "win32") return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removeFile(tasksRoot: string, target: string, label: (path: string) => string = (path) => path): Promise<void> {
  if (!isInside(tasksRoot, target)) throw new TasksError("UNSAFE_PATH", `refusing to remove ${target}: outside the tasks folder`);
  await assertContained(tasksRoot, target);
  try {
    await unlink(target);
  } catch (error) {
    throw writeError(error, label(target), { unchanged: true, verb: "remove" }) ?? error;
  }
  await syncDir(dirname(target)).catch((error: unknown) => {
    throw writeError(error, label(target), { unchanged: false, verb: "remove" }) ?? error;
  });
}
