import { lstat, readdir, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

/**
 * What is at `.git/tasks.lock`, and whether each thing there may still belong to a live command.
 * See tool-lock.ts for the protocol; this module only looks and judges, it never changes a file.
 */

/** An empty or garbled holder is stale once it is this old: a hand-made or half-written leftover. */
export const GARBLED_AFTER_MS = 10_000;
/** A holder's entry is named by its token: 32 hex digits from crypto, never reused. */
export const TOKEN = /^[0-9a-f]{32}$/;
const PID = /^[1-9][0-9]{0,9}$/;
const MAX_BYTES = 4096;

export interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** One thing that keeps the lock taken: a holder's entry in the lock folder, or a lock file. */
export interface LockEntry {
  /** What to remove to take it away (the entry's own unique name, or the lock file). */
  readonly path: string;
  readonly folder: boolean;
  /** Undefined when the content is empty or garbled (no pid and host to check). */
  readonly holder: Holder | undefined;
  readonly stale: boolean;
}

export type LockState =
  | { readonly kind: "free" }
  /** A lock folder with nothing in it: nobody holds it (a holder's folder is never empty). */
  | { readonly kind: "empty" }
  | { readonly kind: "taken"; readonly entries: readonly LockEntry[] };

export function holderText(pid: number, since: Date): string {
  return `${pid}\n${hostname()}\n${since.toISOString()}\n`;
}

export function parseHolder(text: string): Holder | undefined {
  const [pid = "", host = "", since = ""] = text.split("\n");
  if (!PID.test(pid) || host.trim() === "") return undefined;
  return { pid: Number(pid), host, since };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A holder is stale when it is a process on this host that is gone. One on another host cannot be
 * checked and never is. Without a parsable holder only age tells: a lock file an earlier version
 * has just created with O_EXCL is empty until its content is written, so a young one is not stale.
 */
export function isStale(holder: Holder | undefined, modifiedMs: number, now: number): boolean {
  if (!holder) return now - modifiedMs > GARBLED_AFTER_MS;
  return holder.host === hostname() && !alive(holder.pid);
}

async function readSmall(path: string, size: number): Promise<string> {
  if (size > MAX_BYTES) return "";
  return readFile(path, "utf8").catch(() => "");
}

/** Each entry of a lock folder; a name that is not a token, or a non-file, counts as garbled. */
async function folderEntries(path: string, now: number): Promise<LockEntry[]> {
  const entries: LockEntry[] = [];
  for (const name of await readdir(path).catch(() => [] as string[])) {
    const entryPath = join(path, name);
    const stat = await lstat(entryPath).catch(() => undefined);
    if (!stat) continue;
    const holder = stat.isFile() && TOKEN.test(name) ? parseHolder(await readSmall(entryPath, stat.size)) : undefined;
    entries.push({ path: entryPath, folder: stat.isDirectory(), holder, stale: isStale(holder, stat.mtimeMs, now) });
  }
  return entries;
}

export async function inspectLock(path: string, now: number): Promise<LockState> {
  const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stat) return { kind: "free" };
  if (stat.isDirectory()) {
    const entries = await folderEntries(path, now);
    return entries.length === 0 ? { kind: "empty" } : { kind: "taken", entries };
  }
  // A lock file: left by an earlier version (pid, host, time), or a stray file or link.
  const holder = stat.isFile() ? parseHolder(await readSmall(path, stat.size)) : undefined;
  return { kind: "taken", entries: [{ path, folder: false, holder, stale: isStale(holder, stat.mtimeMs, now) }] };
}

/** A holder that may still be running (the first one, for the error's hint), if any. */
export function liveHolder(state: LockState): LockEntry | undefined {
  return state.kind === "taken" ? state.entries.find((entry) => !entry.stale) : undefined;
}
