import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_ROOT } from "../../test/helpers/env.js";
import { gitMerge } from "../../test/helpers/merge-text.js";
import { type MergeText, mergeChangedText } from "../domain/merge-body.js";
import { endConflictLine, gitMergeText } from "./merge-file.js";
import { gitEnvironment } from "./simple-git-client.js";

describe("endConflictLine", () => {
  it.each([
    ["a conflict that ends the file without a newline gets one", "a\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs", "a\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n"],
    ["a CRLF file gets CRLF", "<<<<<<< ours\r\nb\r\n=======\r\nc\r\n>>>>>>> theirs", "<<<<<<< ours\r\nb\r\n=======\r\nc\r\n>>>>>>> theirs\r\n"],
    ["a conflict that already ends with a newline is left alone", "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n", "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n"],
    ["a last text line without a newline is the file's own", "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\nlast", "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\nlast"],
  ])("%s", (_name, text, expected) => {
    expect(endConflictLine(text)).toBe(expected);
  });
});

describe("gitMergeText: git merge-file", () => {
  it.each([
    ["only ours changed", "a\nb\nc\n", "a\nB\nc\n", "a\nb\nc\n", "a\nB\nc\n", 0],
    ["different lines on each side", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", 0],
    ["the same line changed differently", "a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n", "a\n<<<<<<< ours\nB1\n=======\nB2\n>>>>>>> theirs\nc\n", 1],
    ["conflicts three lines apart are one, as git makes them", "a\nb\nc\nd\ne\n", "A1\nb\nc\nd\nE1\n", "A2\nb\nc\nd\nE2\n", "<<<<<<< ours\nA1\nb\nc\nd\nE1\n=======\nA2\nb\nc\nd\nE2\n>>>>>>> theirs\n", 1],
    ["two conflicts are counted", "a\nb\nc\nd\ne\nf\ng\n", "A1\nb\nc\nd\ne\nf\nG1\n", "A2\nb\nc\nd\ne\nf\nG2\n", "<<<<<<< ours\nA1\n=======\nA2\n>>>>>>> theirs\nb\nc\nd\ne\nf\n<<<<<<< ours\nG1\n=======\nG2\n>>>>>>> theirs\n", 2],
    ["CRLF markers in a CRLF file", "a\r\nb\r\n", "a\r\nB1\r\n", "a\r\nB2\r\n", "a\r\n<<<<<<< ours\r\nB1\r\n=======\r\nB2\r\n>>>>>>> theirs\r\n", 1],
    ["a conflict at the end of files without a final newline ends with one", "a\nb", "a\nB1", "a\nB2", "a\n<<<<<<< ours\nB1\n=======\nB2\n>>>>>>> theirs\n", 1],
    ["an empty base (both created the file)", "", "same\n", "same\n", "same\n", 0],
  ])("%s", async (_name, base, ours, theirs, expected, conflicts) => {
    expect(await gitMerge(base, ours, theirs)).toEqual({ text: expected, conflicts });
  });

  it("keeps text that is not ASCII byte for byte", async () => {
    const merged = await gitMerge("é\nb\nü\n", "É\nb\nü\n", "é\nb\nÜ — ✓\n");
    expect(merged).toEqual({ text: "É\nb\nÜ — ✓\n", conflicts: 0 });
  });

  it("fails with GIT_FAILED where git cannot merge text (a NUL byte makes it binary to git)", async () => {
    await expect(gitMerge("a\0b\n", "a\0c\n", "a\0d\n")).rejects.toMatchObject({ code: "GIT_FAILED", message: expect.stringContaining("git merge-file failed") });
  });

  it("leaves nothing behind in the temp folder, after a merge and after a failure", async () => {
    const tmp = mkdtempSync(join(TEST_ROOT, "tasks-tmpdir-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const merge = gitMergeText(TEST_ROOT, gitEnvironment({ PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: TEST_ROOT }));
      await merge("a\n", "b\n", "c\n");
      await merge("a\0\n", "b\0\n", "c\0\n").catch(() => undefined);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("runs git only when both sides changed the text, and differently", async () => {
    let calls = 0;
    const counting: MergeText = (base, ours, theirs) => {
      calls++;
      return gitMerge(base, ours, theirs);
    };
    expect(await mergeChangedText(counting, "a\n", "a\n", "b\n")).toEqual({ text: "b\n", conflicts: 0 });
    expect(await mergeChangedText(counting, "a\n", "b\n", "a\n")).toEqual({ text: "b\n", conflicts: 0 });
    expect(await mergeChangedText(counting, "a\n", "b\n", "b\n")).toEqual({ text: "b\n", conflicts: 0 });
    expect(calls).toBe(0);
    expect((await mergeChangedText(counting, "a\n", "b\n", "c\n")).conflicts).toBe(1);
    expect(calls).toBe(1);
  });
});
