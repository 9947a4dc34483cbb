import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, cliArgv } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, seedTask, type TestRepo, taskFile, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** Good tasks with three broken files beside them: bad YAML, conflict markers, a symlink. Read-only. */
let repo: TestRepo;
beforeAll(() => {
  repo = makeRepo({ autoRemove: false });
  writeConfig(repo);
  seedTask(repo, { id: "gd222", title: "Good one", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "gd333", title: "Good two", status: "in-progress", owner: "bob", created: "2026-11-02T09:00:00+00:00" });
  repo.write("tasks/2026-11/bd444-bad-yaml.md", "---\nid: bd444\ntitle: [oops\nstatus: todo\n---\nbody\n");
  repo.write(
    "tasks/2026-11/cf555-conflict.md",
    "---\nid: cf555\ntitle: Fix login\n<<<<<<< HEAD\nstatus: blocked\n=======\nstatus: done\n>>>>>>> e056012 (A: done)\n---\nNotes\n",
  );
  symlinkSync("/etc/hostname", join(repo.dir, "tasks/2026-11/ln666-link.md"));
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo.remove;
});

const WARNINGS = [
  "warning: tasks/2026-11/ln666-link.md:1: symbolic link in the tasks folder; it is not read; replace it with the file itself (skipped)",
  "warning: tasks/2026-11/bd444-bad-yaml.md:4: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (skipped)",
  "warning: tasks/2026-11/cf555-conflict.md:4: file holds git conflict markers; resolve the conflict, then commit the file (skipped)",
];

describe("a broken file beside good ones", () => {
  it("list skips each broken file with exactly one warning line naming file and line, and lists the good tasks", async () => {
    const result = await repo.tasks(["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("gd222\ttodo\t\t\t\tGood one\ngd333\tin-progress\tbob\t\t\tGood two\n");
    expect(result.stderr.split("\n").filter(Boolean).sort()).toEqual([...WARNINGS].sort());
  });

  it("board does the same; --json carries the problems too; -q silences the warnings", async () => {
    const board = await repo.tasks(["board"]);
    expect(board.code).toBe(0);
    expect(board.stdout).toBe("category\tstatus\tid\towner\tdue\ttitle\nopen\ttodo\tgd222\t\t\tGood one\nactive\tin-progress\tgd333\tbob\t\tGood two\n");
    expect(board.stderr.split("\n").filter(Boolean).sort()).toEqual([...WARNINGS].sort());
    const json = await repo.tasks(["list", "--json"]);
    const parsed = JSON.parse(json.stdout) as { count: number; problems: { path: string; line: number; kind: string }[] };
    expect(parsed.count).toBe(2);
    expect(parsed.problems.map((p) => [p.path, p.line, p.kind]).sort()).toEqual([
      ["tasks/2026-11/bd444-bad-yaml.md", 4, "yaml"],
      ["tasks/2026-11/cf555-conflict.md", 4, "conflict-markers"],
      ["tasks/2026-11/ln666-link.md", 1, "symlink"],
    ]);
    const quiet = await repo.tasks(["list", "-q"]);
    expect(quiet).toMatchObject({ code: 0, stderr: "" });
  });

  it("show prints a good task as usual, and asking for a broken one names the file, line and problem", async () => {
    const good = await repo.tasks(["show", "gd333"]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^gd333 {2}Good two\n/);
    const bad = await repo.tasks(["show", "bd444"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(
      "error: no task with id bd444: tasks/2026-11/bd444-bad-yaml.md:4: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [TASK_NOT_FOUND]\n" +
        "hint: fix the file, then try again\n",
    );
  });

  it("a change to a good task is not stopped by a broken neighbour", async () => {
    const local = makeRepo();
    seedTask(local, { id: "gd222", title: "Good one", status: "todo" });
    local.write("tasks/2026-11/bd444-bad-yaml.md", "---\nid: bd444\ntitle: [oops\n---\n");
    local.commit("seed");
    expect(await local.tasks(["claim", "gd2"])).toEqual({ code: 0, stdout: "gd222\n", stderr: "" });
  });
});

describe("ids", () => {
  it("an ambiguous prefix is exit 1 listing the candidates (also in JSON)", async () => {
    const result = await repo.tasks(["show", "gd"]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: "error: id prefix gd matches 2 tasks: gd222, gd333 [AMBIGUOUS_ID]\nhint: type more characters of the id\n" });
    const json = await repo.tasks(["show", "gd", "--json"]);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: "AMBIGUOUS_ID", details: { candidates: ["gd222", "gd333"] } } });
  });

  it("two files with one id are a conflict naming both, never a silent pick", async () => {
    const local = makeRepo();
    seedTask(local, { id: "dp222", title: "First copy", status: "todo" });
    local.write("tasks/2026-12/dp222-second-copy.md", taskFile({ id: "dp222", title: "Second copy", status: "todo" }));
    local.commit("merge of two clones");
    const result = await local.tasks(["show", "dp222"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      "error: 2 files carry the id dp222: tasks/2026-11/dp222-first-copy.md, tasks/2026-12/dp222-second-copy.md [CONFLICT]\nhint: give one of them a new id with 'tasks renumber dp222'\n",
    );
  });
});

describe("pipes and folders", () => {
  it("`tasks list | head -1` with many tasks exits 0 quietly (no EPIPE trace), plain and JSON", async () => {
    const local = makeRepo();
    const alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    for (let i = 0; i < 400; i++) {
      const id = `p${alphabet[Math.floor(i / 31) % 31]}${alphabet[i % 31]}zz`;
      local.write(`tasks/2026-11/${id}-t.md`, taskFile({ id, title: `Task ${i} ${"long title ".repeat(25)}`, status: "todo" }));
    }
    for (const mode of ["", " --json"]) {
      const run = spawnSync("bash", ["-c", `${cliArgv(["list"]).map((a) => `"${a}"`).join(" ")}${mode} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: local.dir, env: local.env, encoding: "utf8" });
      expect(run.stdout.split("\n")).toHaveLength(2);
      expect(run.stderr).toBe("exit=0\n");
    }
  });

  it("-C <path> runs as if started there, from any folder; a missing folder says so", async () => {
    const elsewhere = mkdtempSync(join(TEST_ROOT, "tasks-elsewhere-"));
    try {
      const fromOutside = await repo.tasks(["-C", repo.dir, "list", "-q"], { cwd: elsewhere });
      expect(fromOutside).toEqual({ code: 0, stdout: "gd222\ttodo\t\t\t\tGood one\ngd333\tin-progress\tbob\t\t\tGood two\n", stderr: "" });
      const fromSubfolder = await repo.tasks(["-C", "tasks/2026-11", "show", "gd222", "--json"]);
      expect(JSON.parse(fromSubfolder.stdout)).toMatchObject({ task: { id: "gd222", path: "tasks/2026-11/gd222-good-one.md" } });
      const missing = await repo.tasks(["-C", join(elsewhere, "nope"), "list"], { cwd: elsewhere });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^error: folder .*nope does not exist \[NOT_A_GIT_REPO\]\nhint: .+\n$/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
