import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, cliArgv, runProcess } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * The machine refuses a write (reliability: the user's environment, not a bug): a file-size limit,
 * a full disk, a read-only or immutable tasks folder, git unable to write its objects. Each is one
 * `error:` line naming the file and the cause with a stable code (WRITE_FAILED, exit 1), a hint,
 * and it is true that nothing was changed: the file as it was, no temp file, no commit, no journal.
 * These run for real: ulimit for EFBIG; tmpfs and bind mounts (we run as root in CI and here) for
 * ENOSPC and EROFS; chattr +i for an immutable folder. Where the machine cannot, the test says so.
 */

const FILE = "tasks/2026-11/we222-write-here.md";
const FOLDER = "tasks/2026-11";
// Larger than the 2 KiB file-size limit and than the free space left on the small disks below.
const BODY = `\n${"A long description line that makes the file larger than the limits below.\n".repeat(80)}\n## Log\n`;

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "we222", title: "Write here", status: "todo", created: "2026-11-02T09:00:00+00:00" }, BODY);
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

function root(args: readonly string[]): { ok: boolean; stderr: string } {
  const run = spawnSync(args[0] as string, args.slice(1), { encoding: "utf8" });
  return { ok: run.status === 0, stderr: run.stderr };
}

/** Can this machine mount a tmpfs (root, not in a locked-down container)? Checked once, for real. */
const mountProbe = ((): string | null => {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-mount-probe-"));
  try {
    const mounted = root(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    if (!mounted.ok) return `cannot mount a tmpfs here (${mounted.stderr.trim() || "not root?"})`;
    root(["umount", dir]);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/** Does the file system under TEST_ROOT support the immutable flag (chattr +i)? */
const chattrProbe = ((): string | null => {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-chattr-probe-"));
  try {
    const set = root(["chattr", "+i", dir]);
    if (!set.ok) return `chattr +i is not supported here (${set.stderr.trim() || "no chattr"})`;
    root(["chattr", "-i", dir]);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/** Mounts `what` on `dir` (a folder of the repo) until the test ends; the folder's files are kept. */
function mountOver(dir: string, options: readonly string[]): void {
  const aside = `${dir}.aside`;
  renameSync(dir, aside);
  mkdirSync(dir);
  const mounted = root(["mount", ...options, dir]);
  if (!mounted.ok) throw new Error(`mount failed: ${mounted.stderr}`);
  onTestFinished(() => {
    if (!root(["umount", dir]).ok) root(["umount", "-l", dir]);
  });
  execFileSync("cp", ["-a", `${aside}/.`, `${dir}/`]);
  rmSync(aside, { recursive: true, force: true });
}

/** Fills the file system holding `dir` so that fewer than `pages` 4 KiB pages are left. */
function fill(dir: string, pages: number): void {
  const { bavail, bsize } = statfsSync(dir);
  const bytes = Math.max(0, (bavail - pages) * bsize);
  if (bytes > 0) writeFileSync(join(dir, ".filler"), Buffer.alloc(bytes));
}

/** The state that must not move: the repository's files, HEAD, index, and no temp file or journal record left. */
function untouched(repo: TestRepo): unknown {
  const journal = join(repo.dir, ".git", "tasks-journal");
  let records: string[];
  try {
    records = readdirSync(journal);
  } catch {
    records = [];
  }
  return { ...snapshot(repo), temp: readdirSync(join(repo.dir, FOLDER)).filter((name) => name.endsWith(".tasks-tmp")), records };
}

describe("the machine refuses a write: one clear line, exit 1, nothing changed", () => {
  it("a file-size limit (EFBIG, ulimit -f)", async () => {
    const repo = teamRepo();
    const before = untouched(repo);
    // SIGXFSZ ignored (and inherited through exec), so the write fails with EFBIG instead of killing node.
    const run = await runProcess("bash", ["-c", "trap '' XFSZ; ulimit -f 2; exec \"$@\"", "bash", ...cliArgv(["comment", "we222", "over the limit"])], { cwd: repo.dir, env: repo.env });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `error: could not write ${FILE}: the file would exceed the file-size limit (EFBIG); nothing was changed [WRITE_FAILED]\n` +
        "hint: raise the file-size limit of your shell (ulimit -f unlimited), then run the command again\n",
    });
    expect(untouched(repo)).toEqual(before);
    const json = await runProcess("bash", ["-c", "trap '' XFSZ; ulimit -f 2; exec \"$@\"", "bash", ...cliArgv(["comment", "we222", "again", "--json"])], { cwd: repo.dir, env: repo.env });
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: "WRITE_FAILED", details: { errno: "EFBIG", path: FILE } } });
    expect((await repo.tasks(["comment", "we222", "without the limit"])).code).toBe(0);
  });

  it.skipIf(mountProbe !== null)(`a full disk under the tasks folder (ENOSPC, a small tmpfs)${mountProbe ? `: skipped, ${mountProbe}` : ""}`, async () => {
    const repo = teamRepo();
    mountOver(join(repo.dir, FOLDER), ["-t", "tmpfs", "-o", "size=256k", "tmpfs"]);
    fill(join(repo.dir, FOLDER), 0);
    const before = untouched(repo);
    const run = await repo.tasks(["comment", "we222", "no room"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: could not write ${FILE}: no space left on device (ENOSPC); nothing was changed [WRITE_FAILED]\nhint: free some disk space, then run the command again\n`,
    });
    expect(untouched(repo)).toEqual(before);
  });

  it.skipIf(mountProbe !== null)(`git cannot write its objects: the disk is full during the commit${mountProbe ? `: skipped, ${mountProbe}` : ""}`, async () => {
    const repo = teamRepo();
    const objects = join(repo.dir, ".git", "objects");
    mountOver(objects, ["-t", "tmpfs", "-o", "size=512k", "tmpfs"]);
    fill(objects, 0);
    const before = untouched(repo);
    const run = await repo.tasks(["comment", "we222", "no room for git"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: git commit could not write to the repository: no space left on device \(ENOSPC\); nothing was changed \[WRITE_FAILED\]\nhint: free some disk space, then run the command again\n$/);
    expect(untouched(repo)).toEqual(before);
  });

  it.skipIf(mountProbe !== null)(`a read-only tasks folder (EROFS, a read-only bind mount)${mountProbe ? `: skipped, ${mountProbe}` : ""}`, async () => {
    const repo = teamRepo();
    const folder = join(repo.dir, FOLDER);
    const bound = root(["mount", "--bind", folder, folder]);
    if (!bound.ok) throw new Error(bound.stderr);
    onTestFinished(() => {
      if (!root(["umount", folder]).ok) root(["umount", "-l", folder]);
    });
    expect(root(["mount", "-o", "remount,bind,ro", folder]).ok).toBe(true);
    const before = untouched(repo);
    const run = await repo.tasks(["comment", "we222", "read-only"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: could not write ${FILE}: the file system is read-only (EROFS); nothing was changed [WRITE_FAILED]\nhint: remount it read-write, or work in a clone on a writable disk\n`,
    });
    expect(untouched(repo)).toEqual(before);
    // A report's --out file into the same folder: the same error, naming that file.
    const report = await repo.tasks(["standup", "--out", `${FOLDER}/standup.md`, "--json"]);
    expect(report.code).toBe(1);
    expect(JSON.parse(report.stderr)).toMatchObject({ error: { code: "WRITE_FAILED", details: { errno: "EROFS" } } });
    expect(untouched(repo)).toEqual(before);
  });

  it.skipIf(chattrProbe !== null)(`an immutable tasks folder (EPERM, chattr +i)${chattrProbe ? `: skipped, ${chattrProbe}` : ""}`, async () => {
    const repo = teamRepo();
    const folder = join(repo.dir, FOLDER);
    expect(root(["chattr", "+i", folder]).ok).toBe(true);
    onTestFinished(() => void root(["chattr", "-i", folder]));
    const before = untouched(repo);
    const run = await repo.tasks(["comment", "we222", "immutable"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `error: could not write ${FILE}: operation not permitted (EPERM); nothing was changed [WRITE_FAILED]\n` +
        `hint: the file or its folder may be immutable or owned by someone else: check with lsattr -d ${FOLDER} (chattr -i removes the flag) and ls -ld, then run the command again\n`,
    });
    expect(untouched(repo)).toEqual(before);
    // A new task in a new month's folder: the immutable tasks folder refuses the folder itself.
    expect(root(["chattr", "+i", join(repo.dir, "tasks")]).ok).toBe(true);
    onTestFinished(() => void root(["chattr", "-i", join(repo.dir, "tasks")]));
    const made = await repo.tasks(["new", "Next month", "--json"], { env: { TASKS_NOW: "2026-12-02T09:00:00Z" } });
    expect(made.code).toBe(1);
    expect(JSON.parse(made.stderr)).toMatchObject({ error: { code: "WRITE_FAILED", message: "could not create the folder tasks/2026-12: operation not permitted (EPERM); nothing was changed" } });
  });
});
