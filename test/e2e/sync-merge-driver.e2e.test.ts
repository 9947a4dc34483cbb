import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { isolatedEnv, TEST_ROOT } from "../helpers/env.js";
import { taskFile } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** The three files git would hand the driver, in a folder outside any repository. */
function mergeFiles(base: string, ours: string, theirs: string): { dir: string; run: () => ReturnType<typeof runCli> } {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-merge-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, ".merge_file_O"), base);
  writeFileSync(join(dir, ".merge_file_A"), ours);
  writeFileSync(join(dir, ".merge_file_B"), theirs);
  return { dir, run: () => runCli(["merge-driver", ".merge_file_O", ".merge_file_A", ".merge_file_B", "tasks/2026-11/k7m2q-fix.md"], { cwd: dir, env: isolatedEnv() }) };
}

const fields = { id: "k7m2q", title: "Fix login", status: "todo" };

describe("tasks merge-driver %O %A %B %P (as git runs it)", () => {
  it("writes the field-by-field merge into %A and exits 0", async () => {
    const { dir, run } = mergeFiles(taskFile(fields), taskFile({ ...fields, priority: "high" }), taskFile({ ...fields, labels: ["ui"] }));
    const result = await run();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(readFileSync(join(dir, ".merge_file_A"), "utf8")).toBe(taskFile({ ...fields, priority: "high", labels: ["ui"] }));
  });

  it("leaves standard markers in %A and exits 1 on a real conflict, naming the field", async () => {
    const { dir, run } = mergeFiles(taskFile(fields), taskFile({ ...fields, owner: "alice" }), taskFile({ ...fields, owner: "bob" }));
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tasks/2026-11/k7m2q-fix.md: conflict in owner (ours "alice", theirs "bob")');
    expect(readFileSync(join(dir, ".merge_file_A"), "utf8")).toContain("<<<<<<< ours\nowner: alice\n=======\nowner: bob\n>>>>>>> theirs\n");
  });

  it("merges the body with git merge-file: a body conflict gets git's markers and is named", async () => {
    const { dir, run } = mergeFiles(taskFile(fields, "\nPara one.\n"), taskFile(fields, "\nPara one, ours.\n"), taskFile({ ...fields, priority: "high" }, "\nPara one, theirs.\n"));
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tasks/2026-11/k7m2q-fix.md: conflict in body; resolve the marked lines");
    expect(readFileSync(join(dir, ".merge_file_A"), "utf8")).toBe(taskFile({ ...fields, priority: "high" }, "\n<<<<<<< ours\nPara one, ours.\n=======\nPara one, theirs.\n>>>>>>> theirs\n"));
  });

  it("leaves ours in place, in conflict, when git cannot merge the text (a NUL byte: binary to git)", async () => {
    const ours = taskFile(fields, "\nours\0\n");
    const { dir, run } = mergeFiles(taskFile(fields, "\nbase\0\n"), ours, taskFile(fields, "\ntheirs\0\n"));
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tasks merge-driver: tasks/2026-11/k7m2q-fix.md: git merge-file failed: ");
    expect(result.stderr).toContain("left for you to resolve");
    expect(readFileSync(join(dir, ".merge_file_A"), "utf8")).toBe(ours);
  });

  it("leaves a file that is not UTF-8 untouched for git to report", async () => {
    const latin1 = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]);
    const { dir, run } = mergeFiles(taskFile(fields), taskFile(fields), "");
    writeFileSync(join(dir, ".merge_file_B"), latin1);
    const result = await run();
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, ".merge_file_A"), "utf8")).toBe(taskFile(fields));
  });
});
