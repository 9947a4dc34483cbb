import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { TEST_ROOT } from "../../test/helpers/env.js";
import { toolLockHeld, withToolLock } from "./tool-lock.js";

vi.setConfig({ testTimeout: 30_000 });

/** The tool lock on real files in a temp `.git` folder: stale holders taken over, live ones kept. */

const TOKEN = "0123456789abcdef0123456789abcdef";
const OTHER_TOKEN = "fedcba9876543210fedcba9876543210";

function gitDir(): string {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-lock-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that has exited (spawnSync returns after it did), found once: spawning node is slow. */
let dead = 0;
beforeAll(() => {
  dead = spawnSync(process.execPath, ["-e", ""]).pid as number;
});
const deadPid = (): number => dead;
const holder = (pid: number, host = hostname()): string => `${pid}\n${host}\n2026-11-20T08:00:00.000Z\n`;
const age = (path: string, seconds: number): void => utimesSync(path, new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));

function lockFolder(dir: string, entries: Record<string, string>): string {
  const lock = join(dir, "tasks.lock");
  mkdirSync(lock);
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(lock, name), text);
  return lock;
}

/** Runs work under the lock and says whether it ran; afterwards nothing of the lock is left. */
async function takes(dir: string): Promise<boolean> {
  let ran = false;
  await withToolLock(dir, async () => {
    ran = true;
    expect(await toolLockHeld(dir)).toBe(true);
  });
  expect(readdirSync(dir).filter((name) => name.startsWith("tasks.lock"))).toEqual([]);
  return ran;
}

describe("a lock left behind is judged stale, and taken over", () => {
  it.each([
    ["a lock file of a dead pid (an earlier version's)", (dir: string) => writeFileSync(join(dir, "tasks.lock"), holder(deadPid()))],
    ["a lock folder whose holder's pid is dead", (dir: string) => lockFolder(dir, { [TOKEN]: holder(deadPid()) })],
    ["an empty lock file 11 seconds old", (dir: string) => (writeFileSync(join(dir, "tasks.lock"), ""), age(join(dir, "tasks.lock"), 11))],
    ["a garbled lock file 11 seconds old", (dir: string) => (writeFileSync(join(dir, "tasks.lock"), "\u0000\u00ff not a pid\n"), age(join(dir, "tasks.lock"), 11))],
    ["a lock file with a pid but no host, 11 seconds old", (dir: string) => (writeFileSync(join(dir, "tasks.lock"), "12345\n"), age(join(dir, "tasks.lock"), 11))],
    ["a lock folder holding a garbled entry 11 seconds old", (dir: string) => age(join(lockFolder(dir, { [TOKEN]: "garbage" }), TOKEN), 11)],
    ["a lock folder holding a stray name 11 seconds old", (dir: string) => age(join(lockFolder(dir, { "notes.txt": holder(process.pid) }), "notes.txt"), 11)],
    ["an empty lock folder", (dir: string) => lockFolder(dir, {})],
  ])("%s", async (_, plant) => {
    const dir = gitDir();
    plant(dir);
    expect(await toolLockHeld(dir)).toBe(false);
    expect(await takes(dir)).toBe(true);
  });
});

describe("a lock that may belong to a live command is kept", () => {
  it.each([
    ["a brand-new empty lock file (its writer has not written it yet)", (dir: string) => writeFileSync(join(dir, "tasks.lock"), "")],
    ["a garbled lock file 5 seconds old", (dir: string) => (writeFileSync(join(dir, "tasks.lock"), "garbage"), age(join(dir, "tasks.lock"), 5))],
    ["a lock file of a live pid", (dir: string) => writeFileSync(join(dir, "tasks.lock"), holder(process.pid))],
    ["a lock folder of a live pid, hours old", (dir: string) => age(join(lockFolder(dir, { [TOKEN]: holder(process.pid) }), TOKEN), 3600)],
    ["a lock folder of a dead pid on another host (it cannot be checked)", (dir: string) => lockFolder(dir, { [TOKEN]: holder(deadPid(), `not-${hostname()}`) })],
  ])("%s", async (_, plant) => {
    const dir = gitDir();
    plant(dir);
    const before = readdirSync(dir, { recursive: true }).sort();
    expect(await toolLockHeld(dir)).toBe(true);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });
});

describe("release", () => {
  it("never removes another holder's lock folder that replaced ours meanwhile", async () => {
    const dir = gitDir();
    const lock = join(dir, "tasks.lock");
    await withToolLock(dir, async () => {
      rmSync(lock, { recursive: true });
      lockFolder(dir, { [OTHER_TOKEN]: holder(process.pid) });
    });
    expect(readdirSync(lock)).toEqual([OTHER_TOKEN]);
  });

  it("never removes another holder's lock file that replaced ours meanwhile", async () => {
    const dir = gitDir();
    const lock = join(dir, "tasks.lock");
    await withToolLock(dir, async () => {
      rmSync(lock, { recursive: true });
      writeFileSync(lock, holder(process.pid));
    });
    expect(readFileSync(lock, "utf8")).toBe(holder(process.pid));
  });

  it("also when the work fails", async () => {
    const dir = gitDir();
    await expect(withToolLock(dir, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(join(dir, "tasks.lock"))).toBe(false);
    expect(await takes(dir)).toBe(true);
  });
});

// In-process waiters interleave less than processes do: the old race shows in test/e2e/tool-lock.e2e.test.ts.
describe("many waiters on one stale lock", () => {
  it("only one holds the lock at a time, round after round", async () => {
    const dir = gitDir();
    for (let round = 0; round < 6; round++) {
      writeFileSync(join(dir, "tasks.lock"), holder(deadPid()));
      let inside = 0;
      let most = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: 8 }, () =>
          withToolLock(dir, async () => {
            most = Math.max(most, ++inside);
            await sleep(2);
            inside--;
            done++;
          }),
        ),
      );
      expect({ round, most, done }).toEqual({ round, most: 1, done: 8 });
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe("what else is in .git", () => {
  it("git's own locks are never touched; only the staging folders of waiters that died are swept", async () => {
    const dir = gitDir();
    writeFileSync(join(dir, "index.lock"), "");
    age(join(dir, "index.lock"), 3600);
    mkdirSync(join(dir, "refs"));
    writeFileSync(join(dir, "refs", "main.lock"), holder(deadPid()));
    const staging = (token: string, text: string): void => {
      mkdirSync(join(dir, `tasks.lock.new-${token}`));
      writeFileSync(join(dir, `tasks.lock.new-${token}`, token), text);
    };
    staging(TOKEN, holder(deadPid()));
    staging(OTHER_TOKEN, holder(process.pid));
    staging("a".repeat(32), holder(deadPid(), `not-${hostname()}`));
    writeFileSync(join(dir, "tasks.lock.new-notes"), holder(deadPid()));
    // Killed between making its folder and writing its entry: swept once old; a fresh one may be a live waiter's.
    mkdirSync(join(dir, `tasks.lock.new-${"b".repeat(32)}`));
    age(join(dir, `tasks.lock.new-${"b".repeat(32)}`), 11);
    mkdirSync(join(dir, `tasks.lock.new-${"c".repeat(32)}`));
    await withToolLock(dir, () => Promise.resolve());
    expect(readdirSync(dir).sort()).toEqual(["index.lock", "refs", `tasks.lock.new-${"a".repeat(32)}`, `tasks.lock.new-${"c".repeat(32)}`, `tasks.lock.new-${OTHER_TOKEN}`, "tasks.lock.new-notes"]);
    expect(readdirSync(join(dir, "refs"))).toEqual(["main.lock"]);
  });
});
