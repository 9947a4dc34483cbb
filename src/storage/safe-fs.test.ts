import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { TEST_ROOT } from "../../test/helpers/env.js";
import { ensureDirInside, isInside, removeFile, writeFileAtomic } from "./safe-fs.js";

/** Writes land atomically, inside the tasks folder, never through a symbolic link (W2, W3). */

function tempRepo(): { root: string; tasks: string; outside: string } {
  const root = mkdtempSync(join(TEST_ROOT, "tasks-safe-fs-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const tasks = join(root, "repo", "tasks");
  const outside = join(root, "outside");
  mkdirSync(tasks, { recursive: true });
  mkdirSync(outside);
  return { root, tasks, outside };
}

describe("isInside", () => {
  it.each([
    ["/repo/tasks", "/repo/tasks/a.md", true],
    ["/repo/tasks", "/repo/tasks", true],
    ["/repo/tasks", "/repo/tasks/2026-11/a.md", true],
    ["/repo/tasks", "/repo/tasks/...md", true],
    ["/repo/tasks", "/repo/tasks/..md", true],
    ["/repo/tasks", "/repo/tasks/../x.md", false],
    ["/repo/tasks", "/repo/tasks-evil/a.md", false],
    ["/repo/tasks", "/repo/.git/hooks/pre-commit", false],
    ["/repo/tasks", "/etc/passwd", false],
  ])("%s contains %s: %s", (root, target, inside) => {
    expect(isInside(root.split("/").join(sep), target.split("/").join(sep))).toBe(inside);
  });
});

describe("writeFileAtomic", () => {
  it("creates folders, writes the bytes and leaves no temp file", async () => {
    const { tasks } = tempRepo();
    const target = join(tasks, "2026-11", "k7m2q-fix.md");
    await writeFileAtomic(tasks, target, "---\nid: k7m2q\n---\n", { exclusive: true });
    await writeFileAtomic(tasks, target, "---\nid: k7m2q\ntitle: é\n---\n");
    expect(readFileSync(target, "utf8")).toBe("---\nid: k7m2q\ntitle: é\n---\n");
    expect(readdirSync(join(tasks, "2026-11"))).toEqual(["k7m2q-fix.md"]);
  });

  it("refuses to create over an existing file", async () => {
    const { tasks } = tempRepo();
    writeFileSync(join(tasks, "a.md"), "old");
    await expect(writeFileAtomic(tasks, join(tasks, "a.md"), "new", { exclusive: true })).rejects.toThrow(/already exists/);
    expect(readFileSync(join(tasks, "a.md"), "utf8")).toBe("old");
  });

  it.each([
    ["a path outside the tasks folder", (t: string) => join(t, "..", "evil.md")],
    ["the .git folder", (t: string) => join(t, "..", ".git", "hooks", "pre-commit")],
    ["a sibling folder with the same prefix", (t: string) => `${t}-evil${sep}a.md`],
  ])("refuses %s (W3)", async (_name, target) => {
    const { tasks } = tempRepo();
    await expect(writeFileAtomic(tasks, target(tasks), "x")).rejects.toMatchObject({ code: "UNSAFE_PATH" });
  });

  it("refuses to write through a symlinked task file (W2)", async () => {
    const { tasks, outside } = tempRepo();
    writeFileSync(join(outside, "secret.md"), "secret");
    symlinkSync(join(outside, "secret.md"), join(tasks, "a.md"));
    await expect(writeFileAtomic(tasks, join(tasks, "a.md"), "x")).rejects.toMatchObject({ code: "UNSAFE_PATH" });
    expect(readFileSync(join(outside, "secret.md"), "utf8")).toBe("secret");
  });

  it("refuses to write through a symlinked folder inside the tasks folder (W2)", async () => {
    const { tasks, outside } = tempRepo();
    symlinkSync(outside, join(tasks, "2026-11"));
    await expect(writeFileAtomic(tasks, join(tasks, "2026-11", "a.md"), "x")).rejects.toMatchObject({ code: "UNSAFE_PATH" });
    expect(readdirSync(outside)).toEqual([]);
  });

  it("ensureDirInside refuses a symlinked tasks folder", async () => {
    const { root, outside } = tempRepo();
    const repo = join(root, "repo2");
    mkdirSync(repo);
    symlinkSync(outside, join(repo, "tasks"));
    await expect(ensureDirInside(repo, join(repo, "tasks", "2026-11"))).rejects.toMatchObject({ code: "UNSAFE_PATH" });
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe("removeFile", () => {
  it("removes a task file and refuses one outside or behind a link", async () => {
    const { tasks, outside } = tempRepo();
    writeFileSync(join(tasks, "a.md"), "x");
    await removeFile(tasks, join(tasks, "a.md"));
    expect(existsSync(join(tasks, "a.md"))).toBe(false);
    writeFileSync(join(outside, "keep.md"), "keep");
    symlinkSync(join(outside, "keep.md"), join(tasks, "b.md"));
    await expect(removeFile(tasks, join(tasks, "b.md"))).rejects.toMatchObject({ code: "UNSAFE_PATH" });
    await expect(removeFile(tasks, join(outside, "keep.md"))).rejects.toMatchObject({ code: "UNSAFE_PATH" });
    expect(readFileSync(join(outside, "keep.md"), "utf8")).toBe("keep");
  });
});
