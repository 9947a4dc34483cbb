import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/domain/config.js";
import type { Task } from "../../src/domain/task.js";
import { createGitClient } from "../../src/git/simple-git-client.js";
import { folderState } from "../../src/git/work-state.js";
import { type LoadedTasks, TaskStore } from "../../src/storage/task-store.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";

/**
 * The row cache (`.git/tasks-cache/blobs-v3.json`) that reads use for files git calls clean: its
 * rows are what is served (proved by marking one), a listing that changed still finds every row,
 * and a damaged or foreign row is read from the file instead. Every answer is compared with a
 * read that uses no cache at all.
 */

function taskText(id: string, title: string, extra = ""): string {
  return `---\nid: ${id}\ntitle: ${title}\nstatus: todo\nowner: alice\nlabels: [auth, ops]\n${extra}---\nBody of ${id}.\n\n## Log\n- created\n`;
}

async function stores(repo: TestRepo, tool = "1.0.0"): Promise<{ cached: TaskStore; uncached: TaskStore; cacheFile: string }> {
  const git = await createGitClient(repo.dir, repo.env);
  const gitDir = join(repo.dir, ".git");
  return {
    cached: new TaskStore(repo.dir, DEFAULT_CONFIG, { gitDir, tool, gitView: () => folderState(git, "tasks", { readOnly: true }) }),
    uncached: new TaskStore(repo.dir, DEFAULT_CONFIG),
    cacheFile: join(gitDir, "tasks-cache", "blobs-v3.json"),
  };
}

function everything(loaded: LoadedTasks): unknown {
  const one = (t: Task): unknown => ({
    path: t.path, id: t.id, title: t.title, status: t.status, owner: t.owner, due: t.due, priority: t.priority, labels: t.labels, dependsOn: t.dependsOn,
    reviewer: t.reviewer, goal: t.goal, created: t.created, definitionOfDone: t.definitionOfDone, data: t.data, lines: t.lines, body: t.body,
  });
  return { tasks: loaded.tasks.map(one), problems: loaded.problems };
}

function committed(count: number): TestRepo {
  const repo = makeRepo();
  for (let i = 0; i < count; i++) {
    const id = `t${String(i).padStart(4, "0")}`;
    repo.write(`tasks/2026-11/${id}-task.md`, taskText(id, `Task ${i}`, i % 2 ? "due: 2026-12-01\ndefinition-of-done:\n  - tests pass\n" : ""));
  }
  repo.write("tasks/2026-11/broken-x.md", "---\nid: broken\ntitle: [unclosed\n---\n");
  repo.write("tasks/2026-11/u0000-task.md", taskText("u0000", "Größe 🚀 naïve \u2028 ok", "owner: zoë\n").replace("owner: alice\n", ""));
  repo.commit("tasks: init");
  return repo;
}

describe("row cache", () => {
  it("serves rows for clean files, and equals an uncached read cold and warm", async () => {
    const repo = committed(6);
    const { cached, uncached, cacheFile } = await stores(repo);
    const truth = everything(await uncached.loadAll());
    expect(everything(await cached.loadAll())).toEqual(truth);
    expect(existsSync(cacheFile)).toBe(true);
    // Written in ASCII (other characters escaped), read back as they were.
    expect(/^[\x00-\x7f]*$/.test(readFileSync(cacheFile, "latin1"))).toBe(true);
    expect(everything(await cached.loadAll())).toEqual(truth);
    expect((await cached.loadAll()).tasks.find((t) => t.id === "u0000")?.title).toBe("Größe 🚀 naïve \u2028 ok");
    // The rows are what a warm read serves: a title marked in the file shows through.
    writeFileSync(cacheFile, readFileSync(cacheFile, "utf8").replace('"Task 3"', '"From the cache"'));
    const marked = await cached.loadAll();
    expect(marked.tasks.map((t) => t.title)).toContain("From the cache");
    // …and the broken file's problem comes from its row too, with its path.
    expect(marked.problems.map((p) => p.path)).toEqual(["tasks/2026-11/broken-x.md"]);
  });

  it("finds every row after files are added, removed and changed, and saves them in listing order", async () => {
    const repo = committed(8);
    const { cached, uncached, cacheFile } = await stores(repo);
    await cached.loadAll();
    repo.git(["rm", "-q", "tasks/2026-11/t0002-task.md"]);
    repo.write("tasks/2026-11/t0003-task.md", taskText("t0003", "Changed"));
    repo.write("tasks/2026-11/t0001a-task.md", taskText("t0001a", "Added in the middle"));
    repo.write("tasks/2026-10/s0000-task.md", taskText("s0000", "Added first"));
    repo.commit("tasks: change");
    const truth = everything(await uncached.loadAll());
    expect(everything(await cached.loadAll())).toEqual(truth);
    const blobs = repo.git(["ls-files", "-s", "--", "tasks"]).trim().split("\n").map((line) => line.split(/\s+/)[1]);
    const saved = JSON.parse(readFileSync(cacheFile, "utf8")) as { width: number; blobs: string; rows: unknown[] };
    expect(saved.rows).toHaveLength(blobs.length);
    expect(saved.blobs).toBe(blobs.join(""));
    // A warm read after that changes nothing: the file is not written again.
    const before = readFileSync(cacheFile, "utf8");
    writeFileSync(cacheFile, before);
    expect(everything(await cached.loadAll())).toEqual(truth);
    expect(readFileSync(cacheFile, "utf8")).toBe(before);
  });

  it("reads a damaged row, a row of another version and a value JSON would change from the file", async () => {
    const repo = committed(4);
    repo.write("tasks/2026-11/inf00-task.md", taskText("inf00", "Infinite", "estimate: .inf\nratio: -0.0\n"));
    repo.commit("tasks: numbers");
    const { cached, uncached, cacheFile } = await stores(repo);
    const truth = everything(await uncached.loadAll());
    expect(everything(await cached.loadAll())).toEqual(truth);
    expect(everything(await cached.loadAll())).toEqual(truth);
    const file = JSON.parse(readFileSync(cacheFile, "utf8")) as { shapes: string[][]; dict: unknown[]; rows: unknown[][] };
    expect(JSON.stringify(file)).not.toContain("Infinite");
    // Values tasks share are stored once: the owner, the label list.
    expect(file.dict).toEqual(expect.arrayContaining(["alice", ["auth", "ops"], "todo"]));
    // Well-formed JSON with wrong types in the typed fields, an index past the dictionary, a
    // shape out of range, a short row.
    const damaged = file.rows.map((row, i) => {
      const keys = file.shapes[row[0] as number] ?? [];
      const at = (key: string): number => 2 + keys.indexOf(key);
      if (i === 0) return row.map((v, j) => (j === at("owner") ? [7] : v));
      if (i === 1) return row.map((v, j) => (j === at("labels") ? "auth" : v));
      if (i === 2) return row.map((v, j) => (j === at("status") ? 10_000 : v));
      if (i === 3) return [99, ...row.slice(1)];
      return row.slice(0, 3);
    });
    writeFileSync(cacheFile, JSON.stringify({ ...file, rows: damaged }));
    expect(everything(await cached.loadAll())).toEqual(truth);
    // Another version's file is not read at all, even when it is well-formed.
    writeFileSync(cacheFile, readFileSync(cacheFile, "utf8").replace('"Task 1"', '"Forged"'));
    const { cached: other } = await stores(repo, "2.0.0");
    expect(everything(await other.loadAll())).toEqual(truth);
  });

  it("reads the body and the lines of a cached task from the file only when asked", async () => {
    const repo = committed(2);
    repo.write("tasks/2026-11/block-task.md", "---\nid: block\ntitle: Block list\nlabels:\n  - auth\n  - ops\nstatus: todo\n---\nBody.\n");
    repo.commit("tasks: block list");
    const { cached, cacheFile } = await stores(repo);
    await cached.loadAll();
    expect((await cached.loadAll()).tasks.find((t) => t.id === "block")?.lines).toEqual({ id: 2, title: 3, labels: 4, status: 7 });
    expect(readFileSync(cacheFile, "utf8")).not.toContain("Body of");
    const warm = await cached.loadAll();
    const task = warm.tasks.find((t) => t.id === "t0001") as Task;
    expect(task.lines).toEqual({ id: 2, title: 3, status: 4, owner: 5, labels: 6, due: 7, "definition-of-done": 8 });
    // Edited after the read, before the body is asked for: the body is the file's as it is now.
    repo.write("tasks/2026-11/t0001-task.md", taskText("t0001", "Task 1").replace("Body of t0001.", "A new body."));
    expect(task.body).toBe("A new body.\n\n## Log\n- created\n");
    // The typed fields are the row's (read when asked for), not the file's as edited since.
    expect([task.id, task.title, task.owner, task.labels, task.due, task.definitionOfDone]).toEqual(["t0001", "Task 1", "alice", ["auth", "ops"], "2026-12-01", ["tests pass"]]);
  });
});
