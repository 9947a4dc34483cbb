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

const PATH = "tasks/2026-11/k7m2q-fix-login.md";
const FIELDS = { id: "k7m2q", title: "Fix login", status: "todo" };

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

/** alice commits theirs, bob commits ours, bob runs `git pull` (a merge): bob's file and whether git stopped. */
async function mergeInClones(base: string, ours: string, theirs: string, setup: (bob: TestRepo) => void = () => undefined): Promise<{ file: string; stopped: boolean; stderr: string }> {
  const { clones } = await initialisedTeam(2);
  const [alice, bob] = clones as [TestRepo, TestRepo];
  alice.write(PATH, taskFile({ ...FIELDS, labels: ["auth"] }, base));
  alice.commit("seed the task");
  alice.git(["push", "-q"]);
  bob.git(["pull", "-q"]);
  alice.write(PATH, taskFile({ ...FIELDS, labels: ["auth", "api"] }, theirs));
  alice.commit("theirs");
  alice.git(["push", "-q"]);
  bob.write(PATH, taskFile({ ...FIELDS, labels: ["auth", "ui"] }, ours));
  bob.commit("ours");
  setup(bob);
  const pull = spawnSync("git", ["pull", "-q", "--no-rebase", "--no-edit"], { cwd: bob.dir, env: bob.env, encoding: "utf8" });
  return { file: bob.read(PATH), stopped: pull.status !== 0, stderr: pull.stderr };
}

const MERGED_FIELDS = { ...FIELDS, labels: ["auth", "ui", "api"] };

describe("a task body merges exactly as git merge-file merges it", () => {
  it.each([
    [
      "(a) ours appends a paragraph, theirs edits para one and appends another: a conflict, as in git",
      "Para one.\n\nPara two.\n",
      "Para one.\n\nPara two.\n\nPara three (ours).\n",
      "Para one, edited.\n\nPara two.\n\nPara three (theirs).\n",
      true,
    ],
    [
      "(b) ours edits para one and appends, theirs edits para two: clean, as in git",
      "Para one.\n\nPara two.\n\n",
      "Para one, ours.\n\nPara two.\n\n\nPara three.\n\n",
      "Para one.\n\nPara two, theirs.\n\n",
      false,
    ],
    ["edits to different paragraphs: clean", "\nPara one.\n\nPara two.\n", "\nPara one, ours.\n\nPara two.\n", "\nPara one.\n\nPara two, theirs.\n", false],
  ])("%s", async (_name, base, ours, theirs, conflicted) => {
    const expected = gitMergeFile(base, ours, theirs);
    expect(expected.conflicted).toBe(conflicted);
    const merged = await mergeInClones(base, ours, theirs);
    expect(merged.stopped, merged.stderr).toBe(conflicted);
    expect(merged.file).toBe(taskFile(MERGED_FIELDS, expected.text));
    if (conflicted) expect(merged.stderr).toContain(`tasks merge-driver: ${PATH}: conflict in body; resolve the marked lines`);
  });

  it("a conflict at the very end of a body without a final newline still ends with one", async () => {
    const base = "Para one.\n\nPara two.";
    const ours = "Para one.\n\nPara two, ours.";
    const theirs = "Para one.\n\nPara two, theirs.";
    const merged = await mergeInClones(base, ours, theirs);
    expect(merged.stopped).toBe(true);
    expect(merged.file).toBe(taskFile(MERGED_FIELDS, "Para one.\n\n<<<<<<< ours\nPara two, ours.\n=======\nPara two, theirs.\n>>>>>>> theirs\n"));
    expect(merged.file).toBe(taskFile(MERGED_FIELDS, gitMergeFile(base, ours, theirs).text));
  });

  it("honours the repository's merge.conflictStyle in the body, as git's own merges do", async () => {
    const base = "Para one.\n\nPara two.\n";
    const ours = "Para one, ours.\n\nPara two.\n";
    const theirs = "Para one, theirs.\n\nPara two.\n";
    const merged = await mergeInClones(base, ours, theirs, (bob) => bob.git(["config", "merge.conflictStyle", "diff3"]));
    expect(merged.stopped).toBe(true);
    expect(merged.file).toContain("<<<<<<< ours\nPara one, ours.\n||||||| base\nPara one.\n=======\nPara one, theirs.\n>>>>>>> theirs\n");
    expect(merged.file).toBe(taskFile(MERGED_FIELDS, gitMergeFile(base, ours, theirs, ["--diff3"]).text));
  });

  it("keeps the log's entries from both sides while the description merges as git merges it", async () => {
    const log = "\n## Log\n- 2026-11-20 09:00 +00:00 alice: created\n";
    const entry = (time: string, who: string): string => `- 2026-11-20 ${time} +00:00 ${who}: edited\n`;
    const base = "\nPara one.\n\nPara two.\n";
    const ours = "\nPara one, ours.\n\nPara two.\n";
    const theirs = "\nPara one.\n\nPara two, theirs.\n";
    const merged = await mergeInClones(base + log, ours + log + entry("10:00", "bob"), theirs + log + entry("09:30", "alice"));
    expect(merged.stopped, merged.stderr).toBe(false);
    expect(merged.file).toBe(taskFile(MERGED_FIELDS, gitMergeFile(base, ours, theirs).text + log + entry("09:30", "alice") + entry("10:00", "bob")));
  });
});
