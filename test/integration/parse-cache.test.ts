import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/domain/config.js";
import { zoneTableFile } from "../../src/storage/parse-cache.js";
import { TaskStore } from "../../src/storage/task-store.js";

/**
 * The parse cache must never serve a stale task: every kind of change to a file invalidates its
 * entry. The cache's clock is moved ten seconds ahead so fresh files are outside its racy window
 * (entries changed within two seconds are never stored), except in the test of that window.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function task(id: string, title: string, status = "todo"): string {
  return `---\nid: ${id}\ntitle: ${title}\nstatus: ${status}\n---\nBody of ${id}.\n`;
}

function setup(): { root: string; gitDir: string; write: (name: string, text: string) => string; store: (tool?: string, ahead?: number) => TaskStore } {
  const root = mkdtempSync(join(tmpdir(), "tasks-cache-"));
  dirs.push(root);
  const gitDir = join(root, ".git");
  mkdirSync(gitDir);
  mkdirSync(join(root, "tasks", "2026-11"), { recursive: true });
  const write = (name: string, text: string): string => {
    const path = join(root, "tasks", "2026-11", name);
    writeFileSync(path, text);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    return path;
  };
  return { root, gitDir, write, store: (tool = "1.0.0", ahead = 10_000) => new TaskStore(root, DEFAULT_CONFIG, { gitDir, tool, clock: () => Date.now() + ahead }) };
}

async function titles(store: TaskStore): Promise<string[]> {
  const { tasks, problems } = await store.loadAll();
  return [...tasks.map((t) => `${t.id}:${t.title}:${t.status}`), ...problems.map((p) => `problem:${p.path}`)].sort();
}

describe("parse cache invalidation", () => {
  it("serves cached entries and notices every kind of change", async () => {
    const { gitDir, write, store } = setup();
    const a = write("aaaaa-a.md", task("aaaaa", "Alpha"));
    const b = write("bbbbb-b.md", task("bbbbb", "Beta"));
    write("ccccc-c.md", task("ccccc", "Gamma"));
    expect(await titles(store())).toEqual(["aaaaa:Alpha:todo", "bbbbb:Beta:todo", "ccccc:Gamma:todo"]);
    const cacheFile = join(gitDir, "tasks-cache", "parse-v1.json");
    // Prove entries are served from the cache: a marked entry shows through while files are unchanged.
    writeFileSync(cacheFile, readFileSync(cacheFile, "utf8").replaceAll('"title":"Alpha"', '"title":"From cache"'));
    expect(await titles(store())).toEqual(["aaaaa:From cache:todo", "bbbbb:Beta:todo", "ccccc:Gamma:todo"]);

    // Same size, mtime put back to its old value: ctime still changes.
    const before = statSync(a);
    writeFileSync(a, task("aaaaa", "Alphb"));
    utimesSync(a, before.atime, before.mtime);
    // Rename onto another name, replace a file by a different one (new inode), delete one, add one.
    renameSync(b, join(b, "..", "bbbbb-renamed.md"));
    unlinkSync(join(b, "..", "ccccc-c.md"));
    write("ccccc-c.md", task("ccccc", "Gamma", "done"));
    write("ddddd-d.md", task("ddddd", "Delta"));
    expect(await titles(store())).toEqual(["aaaaa:Alphb:todo", "bbbbb:Beta:todo", "ccccc:Gamma:done", "ddddd:Delta:todo"]);

    // A file that becomes broken, and one that becomes a symbolic link.
    write("ddddd-d.md", "---\nid: ddddd\ntitle: [broken\n---\n");
    unlinkSync(a);
    symlinkSync("/etc/hostname", a);
    const after = await titles(store());
    expect(after).toContain("problem:tasks/2026-11/ddddd-d.md");
    expect(after).toContain("problem:tasks/2026-11/aaaaa-a.md");
    expect(after.some((t) => t.startsWith("aaaaa:"))).toBe(false);
  });

  it("ignores a cache from another version or a corrupt one, and bodies come from the file", async () => {
    const { gitDir, write, store } = setup();
    write("aaaaa-a.md", task("aaaaa", "Alpha"));
    await store("1.0.0").loadAll();
    const cacheFile = join(gitDir, "tasks-cache", "parse-v1.json");
    const forged = readFileSync(cacheFile, "utf8").replace("Alpha", "Forged");
    writeFileSync(cacheFile, forged);
    expect(await titles(store("2.0.0"))).toEqual(["aaaaa:Alpha:todo"]);
    writeFileSync(cacheFile, "{not json");
    const { tasks } = await store("2.0.0").loadAll();
    expect(tasks[0]?.title).toBe("Alpha");
    expect(tasks[0]?.body).toBe("Body of aaaaa.\n");
  });

  it("does not store entries written inside the racy window", async () => {
    const { gitDir, root, store } = setup();
    const path = join(root, "tasks", "2026-11", "aaaaa-a.md");
    writeFileSync(path, task("aaaaa", "Alpha"));
    await store("1.0.0", 0).loadAll();
    const cacheFile = join(gitDir, "tasks-cache", "parse-v1.json");
    const cached = (() => {
      try {
        return readFileSync(cacheFile, "utf8");
      } catch {
        return "";
      }
    })();
    expect(cached).not.toContain("Alpha");
    writeFileSync(path, task("aaaaa", "Alphb"));
    expect(await titles(store("1.0.0", 0))).toEqual(["aaaaa:Alphb:todo"]);
  });
});

describe("kept zone tables (.git/tasks-cache/zones-v1.json)", () => {
  it("round-trips, and a missing, damaged or foreign file is nothing kept", () => {
    const { gitDir } = setup();
    const file = zoneTableFile(gitDir);
    expect(file.load()).toBeUndefined();
    const zones = { "Europe/Berlin|2026": { initial: 60, transitions: [[Date.UTC(2026, 2, 29, 1), 120]] as [number, number][] } };
    file.save(zones);
    expect(file.load()).toEqual(zones);
    const path = join(gitDir, "tasks-cache", "zones-v1.json");
    const saved = JSON.parse(readFileSync(path, "utf8")) as { source: string };
    expect(saved.source).toBe(`node ${process.version} tz ${process.versions.tz ?? process.versions.icu}`);
    // Worked out by another node or time-zone database: not used.
    writeFileSync(path, JSON.stringify({ ...saved, source: "node v0 tz 1970a" }));
    expect(file.load()).toBeUndefined();
    writeFileSync(path, "{ not json");
    expect(file.load()).toBeUndefined();
    // Never read through a symbolic link.
    unlinkSync(path);
    const elsewhere = join(gitDir, "elsewhere.json");
    writeFileSync(elsewhere, JSON.stringify({ source: saved.source, zones }));
    symlinkSync(elsewhere, path);
    expect(file.load()).toBeUndefined();
  });
});

describe("parse cache and the order of problems", () => {
  it("lists unreadable files in file order whichever of them the cache served", async () => {
    const { root, write, store } = setup();
    write("aaaaa-a.md", "no frontmatter\n");
    write("bbbbb-b.md", task("bbbbb", "Fine"));
    write("ccccc-c.md", "---\nid: ccccc\ntitle: [unclosed\n---\n");
    write("ddddd-d.md", "---\ntitle: no id\n---\n");
    const paths = async (s: TaskStore): Promise<string[]> => (await s.loadAll()).problems.map((p) => p.path.replace(/^tasks\/2026-11\//, ""));
    const expected = ["aaaaa-a.md", "ccccc-c.md", "ddddd-d.md"];
    expect(await paths(store())).toEqual(expected);
    // The first file changes (a miss, read after the hits); the answer's order must not.
    write("aaaaa-a.md", "still no frontmatter\n");
    expect(await paths(store())).toEqual(expected);
    expect(await paths(new TaskStore(root, DEFAULT_CONFIG))).toEqual(expected);
  });
});
