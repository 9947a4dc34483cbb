import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { TEST_ROOT } from "../helpers/env.js";
import { changedPaths, describeUnsafe, expectInert, PROBE, type ProbeReport, treeDigest } from "../helpers/hostile.js";

/** The hostile suite's own instruments can fail: each notices what it is there to notice. */

function tempDir(): string {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-harness-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function probe(code: string, flags: string[] = ["--disallow-code-generation-from-strings"]): ProbeReport {
  const file = join(tempDir(), "probe.json");
  const run = spawnSync(process.execPath, [...flags, "--import", PROBE, "--input-type=module", "-e", code], { env: { ...process.env, TASKS_PROBE_FILE: file }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(readFileSync(file, "utf8")) as ProbeReport;
}

describe("the probe preloaded into the CLI", () => {
  it("reports code that touched its canaries, and whether eval was off", () => {
    expect(probe("process.exitCode = 3")).toMatchObject({ code: 3, tripped: [], codeGenerationBlocked: true });
    expect(probe("globalThis.PWNED = 1; Object.prototype.polluted = 1; globalThis.__tasksCanary = 'x'").tripped).toEqual(["globalThis.__tasksCanary", "globalThis.PWNED", "Object.prototype.polluted"]);
    expect(probe("0", []).codeGenerationBlocked).toBe(false);
    expect(probe("const big = Buffer.alloc(64 * 1024 * 1024, 1)").maxRssKiB).toBeGreaterThan(64 * 1024);
  });
});

describe("the output checks", () => {
  it.each(["\x1b[2J", "a\rb", "\u202e", "\u200b", "\u009b", "\ud800", "\x07"])("%j is caught", (text) => {
    expect(describeUnsafe(`safe ${text} safe`)).toBeDefined();
    expect(() => expectInert(text, "sample")).toThrow();
  });

  it("ordinary output passes, tabs and newlines included", () => {
    expect(describeUnsafe("id\tstatus\ntitle: Café ☕ \\x1b]0;escaped\\x07 <U+202E>\n")).toBeUndefined();
  });
});

describe("the tree digest", () => {
  it("sees a changed byte and a new file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.md"), "one");
    const before = treeDigest(dir);
    writeFileSync(join(dir, "a.md"), "One");
    writeFileSync(join(dir, "b.md"), "");
    expect(changedPaths(before, treeDigest(dir))).toEqual(["a.md", "b.md"]);
  });
});
