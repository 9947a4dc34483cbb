import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { isolatedEnv, TEST_ROOT } from "../helpers/env.js";
import { type TestRepo, taskFile } from "../helpers/repo.js";
import { initialisedTeam } from "../helpers/team.js";

beforeAll(assertBuilt);

/**
 * Task bodies merge as git merges text. Each case runs a real `git merge` between two clones
 * with the driver installed and compares the body with what `git merge-file` makes of the same
 * three bodies. Both sides also add a different label, which only the driver can merge, so a
 * result without markers in the frontmatter shows the driver ran.
 */

interface Case {
  readonly name: string;
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
}

const fields = (index: number, labels: string[]): Record<string, string | string[]> => ({ id: `k7m2${index}`, title: "Fix login", status: "todo", labels });
const pathOf = (index: number): string => `tasks/2026-11/k7m2${index}-fix-login.md`;

interface GitAnswer {
  readonly text: string;
  readonly conflicted: boolean;
}

/** What git itself makes of three texts, outside any repository. */
function gitMergeFile(base: string, ours: string, theirs: string, flags: readonly string[] = []): GitAnswer {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-oracle-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of [["base", base], ["ours", ours], ["theirs", theirs]] as const) writeFileSync(join(dir, name), text);
  const result = spawnSync("git", ["merge-file", "-p", ...flags, "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs"], {
    cwd: dir,
    env: isolatedEnv(),
    encoding: "utf8",
  });
  if (result.status === null || result.status > 127) throw new Error(`git merge-file failed: ${result.stderr}`);
  return { text: result.stdout, conflicted: result.status > 0 };
}

/**
 * One task file per case: alice commits theirs, bob commits ours, bob runs `git pull` (a merge,
 * so git runs the driver once per file). Returns bob's files and git's stderr.
 */
async function mergeInClones(cases: readonly Case[], setup: (bob: TestRepo) => void = () => undefined): Promise<{ files: string[]; stderr: string }> {
  const { clones } = await initialisedTeam(2);
  const [alice, bob] = clones as [TestRepo, TestRepo];
  const writeAll = (repo: TestRepo, side: "base" | "ours" | "theirs", labels: string[]): void => {
    cases.forEach((c, i) => repo.write(pathOf(i), taskFile(fields(i, labels), c[side])));
  };
  writeAll(alice, "base", ["auth"]);
  alice.commit("seed the tasks");
  alice.git(["push", "-q"]);
  bob.git(["pull", "-q"]);
  writeAll(alice, "theirs", ["auth", "api"]);
  alice.commit("theirs");
  alice.git(["push", "-q"]);
  writeAll(bob, "ours", ["auth", "ui"]);
  bob.commit("ours");
  setup(bob);
  const pull = spawnSync("git", ["pull", "-q", "--no-rebase", "--no-edit"], { cwd: bob.dir, env: bob.env, encoding: "utf8" });
  expect(pull.status !== 0).toBe(pull.stderr.includes("conflict in body"));
  return { files: cases.map((_c, i) => bob.read(pathOf(i))), stderr: pull.stderr };
}

/** The driver's result: both labels (only the driver merges those) around git's body. */
const expectedFile = (index: number, body: string): string => taskFile(fields(index, ["auth", "ui", "api"]), body);

const LOG = "\n## Log\n- 2026-11-20 09:00 +00:00 alice: created\n";
const entry = (time: string, who: string): string => `- 2026-11-20 ${time} +00:00 ${who}: edited\n`;

describe("a task body merges exactly as git merge-file merges it", () => {
  it("through a real git merge with the driver: conflicts where git has them, clean where git is clean", async () => {
    const cases: [Case, boolean][] = [
      [{ name: "(a) ours appends a paragraph, theirs edits para one and appends another", base: "Para one.\n\nPara two.\n", ours: "Para one.\n\nPara two.\n\nPara three (ours).\n", theirs: "Para one, edited.\n\nPara two.\n\nPara three (theirs).\n" }, true],
      [{ name: "(b) ours edits para one and appends, theirs edits para two", base: "Para one.\n\nPara two.\n\n", ours: "Para one, ours.\n\nPara two.\n\n\nPara three.\n\n", theirs: "Para one.\n\nPara two, theirs.\n\n" }, false],
      [{ name: "edits to different paragraphs", base: "\nPara one.\n\nPara two.\n", ours: "\nPara one, ours.\n\nPara two.\n", theirs: "\nPara one.\n\nPara two, theirs.\n" }, false],
      [{ name: "the same line edited differently", base: "\nPara one.\n", ours: "\nPara one, ours.\n", theirs: "\nPara one, theirs.\n" }, true],
    ];
    const merged = await mergeInClones(cases.map(([c]) => c));
    cases.forEach(([c, conflicted], i) => {
      const expected = gitMergeFile(c.base, c.ours, c.theirs);
      expect(expected.conflicted, c.name).toBe(conflicted);
      expect(merged.files[i], c.name).toBe(expectedFile(i, expected.text));
      expect(merged.stderr.includes(`tasks merge-driver: ${pathOf(i)}: conflict in body; resolve the marked lines`), c.name).toBe(conflicted);
    });
  });

  it("ends a conflict at the very end of a body with a newline; keeps both logs around git's description merge", async () => {
    const description = { base: "\nPara one.\n\nPara two.\n", ours: "\nPara one, ours.\n\nPara two.\n", theirs: "\nPara one.\n\nPara two, theirs.\n" };
    const merged = await mergeInClones([
      { name: "no final newline", base: "Para one.\n\nPara two.", ours: "Para one.\n\nPara two, ours.", theirs: "Para one.\n\nPara two, theirs." },
      { name: "with a log", base: description.base + LOG, ours: description.ours + LOG + entry("10:00", "bob"), theirs: description.theirs + LOG + entry("09:30", "alice") },
    ]);
    expect(merged.files[0]).toBe(expectedFile(0, "Para one.\n\n<<<<<<< ours\nPara two, ours.\n=======\nPara two, theirs.\n>>>>>>> theirs\n"));
    expect(merged.files[0]).toBe(expectedFile(0, gitMergeFile("Para one.\n\nPara two.", "Para one.\n\nPara two, ours.", "Para one.\n\nPara two, theirs.").text));
    const git = gitMergeFile(description.base, description.ours, description.theirs);
    expect(git.conflicted).toBe(false);
    expect(merged.files[1]).toBe(expectedFile(1, git.text + LOG + entry("09:30", "alice") + entry("10:00", "bob")));
  });

  it("honours the repository's merge.conflictStyle in the body, as git's own merges do", async () => {
    const c = { name: "diff3", base: "Para one.\n\nPara two.\n", ours: "Para one, ours.\n\nPara two.\n", theirs: "Para one, theirs.\n\nPara two.\n" };
    const merged = await mergeInClones([c], (bob) => bob.git(["config", "merge.conflictStyle", "diff3"]));
    expect(merged.files[0]).toContain("<<<<<<< ours\nPara one, ours.\n||||||| base\nPara one.\n=======\nPara one, theirs.\n>>>>>>> theirs\n");
    expect(merged.files[0]).toBe(expectedFile(0, gitMergeFile(c.base, c.ours, c.theirs, ["--diff3"]).text));
  });
});
