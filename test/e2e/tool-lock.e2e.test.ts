import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

const FILE = "tasks/2026-11/lk222-many-hands.md";
const WRITERS = 8;

/** The pid of a process that has exited (spawnSync returns after it did). */
const deadPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid as number;
const aMinuteAgo = (path: string): void => utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

/** What a command that died leaves at .git/tasks.lock, in each shape the tool may meet. */
const STALE: Record<string, (lock: string) => void> = {
  "a lock file of a dead pid (an earlier version's)": (lock) => writeFileSync(lock, `${deadPid()}\n${hostname()}\n2026-11-20T08:00:00Z\n`),
  "a lock folder whose holder's pid is dead": (lock) => {
    mkdirSync(lock);
    writeFileSync(join(lock, "0123456789abcdef0123456789abcdef"), `${deadPid()}\n${hostname()}\n2026-11-20T08:00:00Z\n`);
  },
  "an empty lock file a minute old": (lock) => {
    writeFileSync(lock, "");
    aMinuteAgo(lock);
  },
  "a lock folder holding a garbled entry a minute old": (lock) => {
    mkdirSync(lock);
    writeFileSync(join(lock, "0123456789abcdef0123456789abcdef"), "\u0000garbage\n");
    aMinuteAgo(join(lock, "0123456789abcdef0123456789abcdef"));
  },
};
const ROUNDS = [...Object.keys(STALE), ...Object.keys(STALE)];

describe("a stale tasks.lock and eight writers at once, round after round", () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = makeRepo({ autoRemove: false });
    writeConfig(repo);
    seedTask(repo, { id: "lk222", title: "Many hands", status: "todo", created: "2026-11-02T09:00:00+00:00" });
    repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
    return repo.remove;
  });

  it.each(ROUNDS.map((kind, round) => [round, kind] as const))("round %i, %s: every command that reports success has its comment in the file and in HEAD", async (round, kind) => {
    const lock = join(repo.dir, ".git", "tasks.lock");
    STALE[kind]?.(lock);
    const before = repo.git(["rev-parse", "HEAD"]).trim();
    const comments = Array.from({ length: WRITERS }, (_, i) => `round ${round} writer ${i}`);
    // A loaded machine may make a writer wait out the lock's 30 seconds: that one must say so and write nothing.
    const results = await Promise.all(comments.map((text) => runCli(["comment", "lk222", text], { cwd: repo.dir, env: repo.env, timeoutMs: 120_000 })));
    const file = repo.read(FILE);
    const head = repo.git(["show", `HEAD:${FILE}`]);
    results.forEach((result, i) => {
      const label = `${comments[i]}: exit ${result.code}, stderr ${result.stderr}`;
      const saved = result.code === 0 ? 1 : 0;
      if (!saved) expect(result.stderr, label).toMatch(/^error: another tasks command has held \.git\/tasks\.lock for 30 seconds \[TOOL_LOCKED\]\n/);
      expect(file.split(`alice: ${comments[i]}\n`).length - 1, label).toBe(saved);
      expect(head.split(`alice: ${comments[i]}\n`).length - 1, label).toBe(saved);
    });
    const successes = results.filter((result) => result.code === 0).length;
    expect(successes, "the stale lock was taken over").toBeGreaterThan(0);
    // One commit per success, and nothing of the lock left behind.
    expect(repo.git(["rev-list", "--count", `${before}..HEAD`]).trim()).toBe(String(successes));
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(join(repo.dir, ".git")).filter((name) => name.startsWith("tasks.lock"))).toEqual([]);
  }, 180_000);
});

describe("a lock that may belong to a live command", () => {
  it("is kept: after 30 seconds the command refuses (exit 4), names the holder, and changes nothing", async () => {
    const entry = "0123456789abcdef0123456789abcdef";
    const plant = (repo: TestRepo, text: string): string => {
      mkdirSync(join(repo.dir, ".git", "tasks.lock"));
      writeFileSync(join(repo.dir, ".git", "tasks.lock", entry), text);
      return text;
    };
    const elsewhere = makeRepo();
    const here = makeRepo();
    const cases = [
      {
        repo: elsewhere,
        text: plant(elsewhere, `${deadPid()}\nbuild-box-7\n2026-11-20T08:00:00.000Z\n`),
        hint: "hint: it was taken on host build-box-7 (pid PID), which this machine cannot check; if no tasks command is running there, remove it yourself (rm -r .git/tasks.lock)\n",
      },
      {
        repo: here,
        text: plant(here, `${process.pid}\n${hostname()}\n2026-11-20T08:00:00.000Z\n`),
        hint: "hint: pid PID holds it and is still running; wait for it to finish; if that is not a tasks command, remove it yourself (rm -r .git/tasks.lock)\n",
      },
    ];
    const results = await Promise.all(cases.map(({ repo }) => runCli(["new", "Blocked"], { cwd: repo.dir, env: repo.env, timeoutMs: 120_000 })));
    results.forEach((result, i) => {
      const { repo, text, hint } = cases[i] as (typeof cases)[number];
      expect(result).toEqual({
        code: 4,
        stdout: "",
        stderr: `error: another tasks command has held .git/tasks.lock for 30 seconds [TOOL_LOCKED]\n${hint.replace("PID", text.split("\n")[0] as string)}`,
      });
      expect(readdirSync(join(repo.dir, ".git", "tasks.lock"))).toEqual([entry]);
      expect(repo.git(["status", "--porcelain", "-uall"])).toBe("");
    });
  }, 120_000);
});
