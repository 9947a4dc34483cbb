import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { isolatedEnv, TEST_ROOT } from "../helpers/env.js";
import { makeRepo, snapshot, taskFile } from "../helpers/repo.js";

beforeAll(assertBuilt);

describe("tasks init", () => {
  it("sets up config, tasks folder and .gitattributes in one commit, and a second run writes nothing", async () => {
    const repo = makeRepo();
    const first = await repo.tasks(["init", "--timezone", "Europe/Berlin"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(".tasks/config.yml\ntasks/README.md\n.gitattributes\n");
    expect(repo.git(["log", "-1", "--format=%s%n%(trailers:key=Task-Action,valueonly)"]).trim()).toBe("tasks: init\ninit");
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"]).trim().split("\n").sort()).toEqual([".gitattributes", ".tasks/config.yml", "tasks/README.md"]);
    expect(repo.read(".tasks/config.yml")).toMatch(/^timezone: Europe\/Berlin$/m);
    expect(repo.read(".gitattributes")).toBe("/tasks/**/*.md text eol=lf\n/tasks/**/*.md merge=tasks\n");

    const before = snapshot(repo);
    const again = await repo.tasks(["init"]);
    expect(again).toMatchObject({ code: 0, stdout: "" });
    expect(snapshot(repo)).toEqual(before);

    const json = await repo.tasks(["init", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, kind: "init", tasksFolder: "tasks", written: [], commit: null, mergeDriver: "unchanged" });
  });

  it("keeps an existing .gitattributes and adds its line once", async () => {
    const repo = makeRepo();
    repo.write(".gitattributes", "*.png binary");
    repo.commit("attributes");
    expect((await repo.tasks(["init"])).code).toBe(0);
    expect(repo.read(".gitattributes")).toBe("*.png binary\n/tasks/**/*.md text eol=lf\n/tasks/**/*.md merge=tasks\n");
  });

  it("takes over a folder that already holds only task files, with --tasks-folder", async () => {
    const repo = makeRepo();
    repo.write("docs/tasks/ab234-x.md", taskFile({ id: "ab234", title: "Hand-made", status: "todo" }));
    repo.commit("hand-made task");
    const result = await repo.tasks(["init", "--tasks-folder", "docs/tasks/"]);
    expect(result.code).toBe(0);
    expect(repo.read(".tasks/config.yml")).toMatch(/^tasks-folder: docs\/tasks$/m);
    expect((await repo.tasks(["list"])).stdout).toBe("ab234\ttodo\t\t\t\tHand-made\n");
  });

  it("refuses (exit 4) a tasks folder holding files that are not tasks, and writes nothing", async () => {
    const repo = makeRepo();
    repo.write("tasks/budget.xlsx", "binary");
    repo.write("tasks/notes.md", "just notes, no frontmatter\n");
    repo.commit("someone else's tasks folder");
    const before = snapshot(repo);
    const result = await repo.tasks(["init"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "error: tasks/ already holds files that are not tasks: tasks/budget.xlsx, tasks/notes.md [INIT_REFUSED]\nhint: choose another folder: tasks init --tasks-folder <dir>\n",
    );
    expect(snapshot(repo)).toEqual(before);
  });

  it("outside a git repository says to run git init (exit 1); other commands say where they looked", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-nogit-"));
    try {
      const env = isolatedEnv();
      const init = await runCli(["init"], { cwd: dir, env });
      expect(init.code).toBe(1);
      expect(init.stderr).toContain("[NOT_A_GIT_REPO]");
      expect(init.stderr).toContain("hint: run 'git init' first, then 'tasks init'");
      const list = await runCli(["list"], { cwd: dir, env });
      expect(list.code).toBe(1);
      expect(list.stderr).toContain(`error: not inside a git repository (looked in ${dir} and its parents) [NOT_A_GIT_REPO]`);
      const json = await runCli(["list", "--json"], { cwd: dir, env });
      expect(json.stdout).toBe("");
      expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: "NOT_A_GIT_REPO" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--no-commit leaves the scaffold uncommitted; a bad --timezone is a usage error", async () => {
    const repo = makeRepo();
    const head = repo.git(["rev-parse", "HEAD"]);
    const bad = await repo.tasks(["init", "--timezone", "Mars/Olympus"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Mars/Olympus" is not an IANA time zone');
    const result = await repo.tasks(["init", "--no-commit"]);
    expect(result.code).toBe(0);
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.git(["status", "--porcelain", "-uall"])).toBe("?? .gitattributes\n?? .tasks/config.yml\n?? tasks/README.md\n");
  });
});
