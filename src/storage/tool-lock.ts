import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { TasksError } from "../app/errors.js";
import { GARBLED_AFTER_MS, holderText, inspectLock, type LockEntry, type LockState, liveHolder, TOKEN } from "./tool-lock-state.js";

/**
 * The tool's own lock, `.git/tasks.lock` (never committed), held around read-modify-write-commit
 * so that two `tasks` processes in one clone never lose an update: the second waits its turn.
 * A lock left by a process that died on this host is taken over; git's own locks are never touched.
 *
 * The lock is a folder holding one entry, named by its holder's random token, whose content says
 * who holds it (pid, host, start time). Why two commands can never both hold it:
 *
 * 1. A command takes the lock only by rename(staging, tasks.lock), where staging is its own folder
 *    that already holds its entry. A folder cannot be renamed onto a folder that is not empty, nor
 *    onto a file or link; onto nothing or an empty folder it is renamed atomically. So the lock
 *    gains an entry only when it has none: while an entry is there nobody else takes the lock.
 * 2. An entry leaves only by unlink of its own name: by its holder on release, or by a waiter that
 *    judged that very entry stale (a pid gone from this host, or garbled and old). A token is 128
 *    random bits, never reused, so the name a waiter judged only ever means that one holder: if it
 *    is gone already the unlink fails (ENOENT), and a fresh holder, under another name, is never
 *    touched. (The old lock file was removed by path, which by then could be a live command's
 *    fresh lock: two waiters both judged it stale, and the second deleted the first one's lock.)
 *    Two waiters that judge one dead holder both unlink its name, one of them in vain; then both
 *    rename, and only one finds the folder empty (1).
 * 3. rmdir removes only an empty folder, which by (1) nobody holds; if a waiter renamed its folder
 *    in meanwhile, that one is not empty and rmdir fails.
 * 4. A lock file (an earlier version's, or a stray one) is removed with unlink, which fails on a
 *    folder: removing a stale lock file never removes a folder lock taken meanwhile.
 * Release unlinks our own entry, by our token, so it never removes another command's lock.
 */

const LOCK = "tasks.lock";
const STAGING = `${LOCK}.new-`;
const WAIT_MS = 30_000;
/** rename's refusals when the lock is there: a folder that is not empty, a file, or (Windows) any folder. */
const TAKEN = new Set(["ENOTEMPTY", "EEXIST", "ENOTDIR", "EISDIR", "EPERM", "EACCES"]);

interface HeldLock {
  readonly path: string;
  readonly token: string;
}

/** Is a live tasks command holding the lock right now (one that died does not count)? */
export async function toolLockHeld(gitDir: string): Promise<boolean> {
  return liveHolder(await inspectLock(join(gitDir, LOCK), Date.now())) !== undefined;
}

export async function withToolLock<T>(gitDir: string, work: () => Promise<T>): Promise<T> {
  const held = await acquire(gitDir);
  try {
    return await work();
  } finally {
    await unlink(join(held.path, held.token)).catch(() => undefined);
    await rmdir(held.path).catch(() => undefined);
  }
}

async function acquire(gitDir: string): Promise<HeldLock> {
  const path = join(gitDir, LOCK);
  const token = randomBytes(16).toString("hex");
  const staging = join(gitDir, `${STAGING}${token}`);
  await mkdir(staging);
  try {
    await writeFile(join(staging, token), holderText(process.pid, new Date()), { flag: "wx" });
    await take(path, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await sweepStaging(gitDir);
  return { path, token };
}

async function take(path: string, staging: string): Promise<void> {
  const started = Date.now();
  let delay = 10;
  for (;;) {
    let refusal: unknown;
    try {
      await rename(staging, path);
      return;
    } catch (error) {
      if (!TAKEN.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      refusal = error;
    }
    const state = await inspectLock(path, Date.now());
    const moved = await clearWhatIsFree(path, state);
    if (Date.now() - started > WAIT_MS) {
      if (state.kind !== "taken") throw refusal;
      throw lockedError(liveHolder(state));
    }
    if (moved) continue;
    await sleep(delay);
    delay = Math.min(delay * 2, 250);
  }
}

/** Removes an empty lock folder and every stale entry; true when the next rename may succeed. */
async function clearWhatIsFree(path: string, state: LockState): Promise<boolean> {
  if (state.kind === "free") return true;
  if (state.kind === "empty") return rmdir(path).then(() => true, () => true);
  let removed = false;
  for (const entry of state.entries.filter((e) => e.stale)) {
    removed = (await removeEntry(entry)) || removed;
  }
  return removed;
}

function removeEntry(entry: LockEntry): Promise<boolean> {
  const removal = entry.folder ? rm(entry.path, { recursive: true }) : unlink(entry.path);
  return removal.then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code === "ENOENT",
  );
}

/** Staging folders of waiters that were killed before they got the lock (their pid is gone). */
async function sweepStaging(gitDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(gitDir).catch(() => [] as string[])) {
    const token = name.slice(STAGING.length);
    if (!name.startsWith(STAGING) || !TOKEN.test(token)) continue;
    const folder = join(gitDir, name);
    const state = await inspectLock(folder, now).catch(() => undefined);
    if (state?.kind === "taken" && state.entries.every((entry) => entry.stale)) await rm(folder, { recursive: true, force: true });
    // Killed between making the folder and writing its entry; rmdir fails if the entry came meanwhile.
    else if (state?.kind === "empty" && (await isOld(folder, now))) await rmdir(folder).catch(() => undefined);
  }
}

async function isOld(path: string, now: number): Promise<boolean> {
  const stat = await lstat(path).catch(() => undefined);
  return stat !== undefined && now - stat.mtimeMs > GARBLED_AFTER_MS;
}

function lockedError(entry: LockEntry | undefined): TasksError {
  const holder = entry?.holder;
  const remove = "remove it yourself (rm -r .git/tasks.lock)";
  let hint = `wait for it to finish; if no tasks command is running, ${remove}`;
  if (holder && holder.host !== hostname()) {
    hint = `it was taken on host ${holder.host.slice(0, 100)} (pid ${holder.pid}), which this machine cannot check; if no tasks command is running there, ${remove}`;
  } else if (holder) {
    hint = `pid ${holder.pid} holds it and is still running; wait for it to finish; if that is not a tasks command, ${remove}`;
  }
  return new TasksError("TOOL_LOCKED", "another tasks command has held .git/tasks.lock for 30 seconds", { hint });
}
