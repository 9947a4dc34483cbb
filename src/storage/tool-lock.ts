import { constants } from "node:fs";
import { open, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { TasksError } from "../app/errors.js";

/**
 * The tool's own lock, `.git/tasks.lock` (never committed), held around read-modify-write-commit
 * so that two `tasks` processes in one clone never lose an update: the second waits its turn.
 * A lock left by a process that died on this host is taken over; git's own locks are never touched.
 */

const WAIT_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function stale(path: string): Promise<boolean> {
  try {
    const [pid, host] = (await readFile(path, "utf8")).split("\n");
    return host === hostname() && Number(pid) > 0 && !alive(Number(pid));
  } catch {
    return false;
  }
}

/** Is a live tasks command holding the lock right now (one that died does not count)? */
export async function toolLockHeld(gitDir: string): Promise<boolean> {
  const path = join(gitDir, "tasks.lock");
  try {
    await readFile(path, "utf8");
  } catch {
    return false;
  }
  return !(await stale(path));
}

export async function withToolLock<T>(gitDir: string, work: () => Promise<T>): Promise<T> {
  const path = join(gitDir, "tasks.lock");
  const started = Date.now();
  let delay = 10;
  for (;;) {
    try {
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await handle.writeFile(`${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await stale(path)) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        throw new TasksError("TOOL_LOCKED", "another tasks command has held .git/tasks.lock for 30 seconds", {
          hint: "wait for it to finish; if no tasks command is running, remove .git/tasks.lock",
        });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 250);
    }
  }
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
