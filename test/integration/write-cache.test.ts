import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Repo } from "../../src/app/deps.js";
import { filesWithMarkers, startAdvance } from "../../src/app/marker-scan.js";
import { DEFAULT_CONFIG } from "../../src/domain/config.js";
import type { GitPort } from "../../src/git/git.js";
import { createGitClient } from "../../src/git/simple-git-client.js";
import { folderState, unmergedEntries } from "../../src/git/work-state.js";
import type { Task } from "../../src/domain/task.js";
import { type LoadedTasks, TaskStore } from "../../src/storage/task-store.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";
import { rng } from "../../scripts/rng.mjs";

/**
 * The write path's shortcuts (the conflict-marker facts cached by commit id, and the folder listed
 * from git's index and status instead of a walk) must give exactly the answers of the long way
 * (one `git grep` of the folder, a walk of every folder), whatever happens in between: tool-like
 * commits, hand edits left uncommitted, staging, untracked and ignored files, checkouts, hard
 * resets, amends, merges that conflict and are committed with their markers or aborted, files
 * git is told not to look at, a gc that drops the cached commit, and a cache file that is
 * truncated, garbled or from another version. The read path too: every task and problem read
 * through git's listing and the blob-keyed parse cache equals the walk and a parse of every file,
 * through renames, symbolic links, broken files committed and not, and a damaged blob cache. Seeded, so a failure replays; a few seconds for
 * CI. TASKS_CACHE_STEPS=<n> runs longer (and TASKS_CACHE_SEEDS=<a,b,…> other seeds).
 */

const STEPS = Number(process.env.TASKS_CACHE_STEPS ?? 45);
const SEEDS = (process.env.TASKS_CACHE_SEEDS ?? "1,2,3").split(",").map(Number);
const TOOL = "test-1";

const MARKED = "<<<<<<< HEAD\nstatus: done\n=======\nstatus: todo\n>>>>>>> other\n";

function taskText(id: string, note: string, marked: boolean, broken = false): string {
  if (broken) return `---\nid: ${id}\ntitle: [unclosed\n---\n${note}\n`;
  return `---\nid: ${id}\ntitle: Task ${id}\nstatus: todo\n---\n${marked ? MARKED : ""}${note}\n`;
}

interface World {
  readonly repo: TestRepo;
  readonly git: GitPort;
  readonly cached: Repo;
  readonly uncached: Repo;
  /** Reads through git's listing and the blob-keyed parse cache, as the CLI's reads do. */
  readonly viewed: TaskStore;
}

async function world(): Promise<World> {
  const repo = makeRepo();
  repo.write(".gitignore", "tasks/**/scratch-*.md\n");
  repo.write("tasks/2026-11/aaaaa-first.md", taskText("aaaaa", "first", false));
  // Files the walk skips: a README, a dot-folder, a note that is not Markdown.
  repo.write("tasks/README.md", "# tasks\n");
  repo.write("tasks/.drafts/bbbbb-draft.md", taskText("bbbbb", "draft", false));
  repo.write("tasks/2026-11/notes.txt", "notes\n");
  repo.commit("tasks: init");
  const gitDir = join(repo.dir, ".git");
  const base = { root: repo.dir, gitDir, config: DEFAULT_CONFIG };
  const git = await createGitClient(repo.dir, repo.env);
  return {
    repo,
    git,
    viewed: new TaskStore(repo.dir, DEFAULT_CONFIG, { gitDir, tool: TOOL, gitView: () => folderState(git, "tasks", { readOnly: true }) }),
    cached: { ...base, store: new TaskStore(repo.dir, DEFAULT_CONFIG, { gitDir, tool: TOOL }) },
    uncached: { ...base, store: new TaskStore(repo.dir, DEFAULT_CONFIG) },
  };
}

/** The task files in the working tree right now (repo-relative). */
function workFiles(repo: TestRepo): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(join(repo.dir, dir))) return;
    for (const entry of readdirSync(join(repo.dir, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) out.push(path);
    }
  };
  walk("tasks");
  return out.sort();
}

function tryGit(repo: TestRepo, args: string[]): boolean {
  try {
    repo.git(args);
    return true;
  } catch {
    return false;
  }
}

/** One random thing a person, the tool or git does to the repository. */
function act(w: World, random: () => number, step: number): string {
  const { repo } = w;
  const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const files = workFiles(repo);
  const id = () => Array.from({ length: 5 }, () => "abcdefghjkmnpqrstuvwxyz"[Math.floor(random() * 23)]).join("");
  const marked = random() < 0.3;
  const r = Math.floor(random() * 18);
  const inProgress = existsSync(join(repo.dir, ".git", "MERGE_HEAD"));
  if (inProgress && r % 2 === 0) {
    // A conflicted merge: committed with its markers (as a careless `git add -A` does) or aborted.
    if (random() < 0.5) return tryGit(repo, ["merge", "--abort"]) ? "merge --abort" : "merge --abort failed";
    repo.git(["add", "-A"]);
    return tryGit(repo, ["commit", "-q", "--no-edit"]) ? "commit the merge, markers and all" : "merge commit failed";
  }
  switch (r) {
    case 0:
    case 1: {
      // The tool's way: write one file, commit only it.
      const path = pick(files) ?? `tasks/2026-11/${id()}-new.md`;
      const taskId = /\/([a-z]{5})-/.exec(path)?.[1] ?? id();
      repo.write(path, taskText(taskId, `tool ${step}`, false, random() < 0.15));
      if (!tryGit(repo, ["add", "--", path])) return "tool add refused";
      return tryGit(repo, ["commit", "-q", "--only", "-m", `tasks: change ${taskId}`, "--", path]) ? `tool commit ${path}` : "tool commit refused";
    }
    case 2:
    case 3: {
      const path = pick(files);
      if (!path) return "no file to edit";
      repo.write(path, taskText("hand0", `hand ${step}`, marked, random() < 0.2));
      return `hand edit ${path}${marked ? " with markers" : ""}`;
    }
    case 4:
      repo.write(`tasks/2026-${10 + Math.floor(random() * 3)}/${id()}-untracked.md`, taskText("untrk", `new ${step}`, marked));
      return "untracked file";
    case 5: {
      const path = pick(files);
      return path && tryGit(repo, ["add", "--", path]) ? `stage ${path}` : "stage failed";
    }
    case 6:
      repo.git(["add", "-A"]);
      return tryGit(repo, ["commit", "-q", "-m", `commit ${step}`]) ? "commit everything" : "nothing to commit";
    case 7: {
      // Another branch: made here, or checked out (forced: the working tree goes with it).
      const branch = pick(["side", "other"]) as string;
      if (tryGit(repo, ["rev-parse", "--verify", "-q", branch])) return tryGit(repo, ["checkout", "-q", "-f", branch]) ? `checkout ${branch}` : "checkout failed";
      return tryGit(repo, ["branch", branch]) ? `branch ${branch}` : "branch failed";
    }
    case 8:
      return tryGit(repo, ["checkout", "-q", "-f", "main"]) ? "checkout main" : "checkout main failed";
    case 9:
      return tryGit(repo, ["reset", "-q", "--hard", random() < 0.5 ? "HEAD~1" : "HEAD"]) ? "reset --hard" : "reset failed";
    case 10: {
      const other = pick(["side", "other", "main"]) as string;
      tryGit(repo, ["merge", "-q", "--no-edit", other]);
      return `merge ${other}`;
    }
    case 11: {
      const path = pick(files);
      if (!path) return "no file";
      if (random() < 0.5) {
        unlinkSync(join(repo.dir, path));
        return `rm ${path}`;
      }
      return tryGit(repo, ["rm", "-q", "--cached", "--", path]) ? `rm --cached ${path}` : "rm --cached failed";
    }
    case 12: {
      // git is told not to look at a file, which is then edited (status calls it clean).
      const path = pick(files);
      if (!path || !tryGit(repo, ["update-index", random() < 0.5 ? "--assume-unchanged" : "--skip-worktree", "--", path])) return "update-index failed";
      repo.write(path, taskText("unwat", `unwatched ${step}`, marked));
      return `unwatched edit ${path}`;
    }
    case 13:
      repo.write(`tasks/2026-11/scratch-${id()}.md`, taskText("scrat", "ignored", marked));
      return "ignored file";
    case 14:
      repo.git(["add", "-A"]);
      return tryGit(repo, ["commit", "-q", "--amend", "-m", `amended ${step}`]) ? "amend" : "amend failed";
    case 15: {
      const cache = join(repo.dir, ".git", "tasks-cache", random() < 0.5 ? "markers-v1.json" : "blobs-v3.json");
      if (!existsSync(cache)) return "no cache to damage";
      const how = Math.floor(random() * 4);
      if (how === 0) truncateSync(cache, Math.floor(random() * 40));
      else if (how === 1) writeFileSync(cache, "{not json");
      else if (how === 2) writeFileSync(cache, JSON.stringify({ tool: "another-version", dir: "tasks", commit: "0".repeat(40), marked: [], unknown: [] }));
      else {
        // Well-formed JSON of the right version with damaged rows: wrong types, short rows, shapes out of range.
        const parsed = JSON.parse(readFileSync(cache, "utf8")) as { rows?: unknown[][]; marked?: unknown };
        if (!Array.isArray(parsed.rows)) return "no rows to damage";
        parsed.rows = parsed.rows.map((row, i) => (i % 3 === 0 ? row.slice(0, 3) : i % 3 === 1 ? [row[0], 99, ...row.slice(2)] : row.map((v, j) => (j >= 2 ? true : v))));
        writeFileSync(cache, JSON.stringify(parsed));
      }
      return "damaged the cache";
    }
    case 16: {
      // A renumber or a move: the same bytes under another name (by git or by hand); or a link.
      const path = pick(files);
      const how = Math.floor(random() * 3);
      if (how === 2) {
        const link = `tasks/2026-11/${id()}-link${random() < 0.5 ? ".md" : ""}`;
        mkdirSync(dirname(join(repo.dir, link)), { recursive: true });
        symlinkSync(path ? join(repo.dir, path) : "missing.md", join(repo.dir, link));
        if (random() < 0.5 && tryGit(repo, ["add", "--", link])) tryGit(repo, ["commit", "-q", "-m", `link ${step}`, "--", link]);
        return `symbolic link ${link}`;
      }
      if (!path) return "no file to move";
      const to = `tasks/2026-12/${id()}-moved.md`;
      mkdirSync(dirname(join(repo.dir, to)), { recursive: true });
      if (how === 0) return tryGit(repo, ["mv", path, to]) && tryGit(repo, ["commit", "-q", "-m", `move ${step}`]) ? `git mv ${path}` : "git mv failed";
      renameSync(join(repo.dir, path), join(repo.dir, to));
      return `mv ${path} by hand`;
    }
    default:
      // The cached commit may be gone: rewrite history, then drop what nothing refers to.
      tryGit(repo, ["commit", "-q", "--amend", "--allow-empty", "-m", `rewritten ${step}`]);
      tryGit(repo, ["reflog", "expire", "--expire=now", "--all"]);
      tryGit(repo, ["gc", "-q", "--prune=now"]);
      return "amend and gc";
  }
}

/** What the run went through, so a run that never reached the interesting states does not pass quietly. */
const seen = { marked: 0, factsWithMarks: 0, problems: 0 };

async function compare(w: World, trail: readonly string[]): Promise<void> {
  const where = `after: ${trail.slice(-6).join(" → ")}`;
  if ((await unmergedEntries(w.git)).length > 0) return; // a write refuses before either question
  // As the preflight does: the facts brought forward to the HEAD the git folder names, beside status.
  const early = startAdvance(w.git, w.cached);
  const state = await folderState(w.git, "tasks");
  const fast = await filesWithMarkers(w.git, w.cached, state, early);
  const slow = await filesWithMarkers(w.git, w.uncached, state);
  expect(fast, where).toEqual(slow);
  if (fast.length > 0) seen.marked++;
  const cacheFile = join(w.repo.dir, ".git", "tasks-cache", "markers-v1.json");
  if (existsSync(cacheFile) && /"marked":\["/.test(readFileSync(cacheFile, "utf8"))) seen.factsWithMarks++;
  const listed = w.cached.store.filesFromGit(state);
  if (listed !== undefined) expect(listed, where).toEqual((await w.uncached.store.listFiles()).files);
  // Twice through the cached read: once filling the blob cache, once served by it.
  const long = readOf(await w.uncached.store.loadAll({ checkNames: true }));
  expect(readOf(await w.viewed.loadAll({ checkNames: true })), where).toEqual(long);
  expect(readOf(await w.viewed.loadAll({ checkNames: true })), where).toEqual(long);
  if (long.problems.length > 0) seen.problems++;
}

function readOf(loaded: LoadedTasks): { tasks: unknown[]; problems: readonly unknown[] } {
  const fields = (t: Task): unknown[] => [t.title, t.status, t.owner, t.due, t.priority, t.labels, t.dependsOn, t.reviewer, t.goal, t.created, t.definitionOfDone];
  return { tasks: loaded.tasks.map((t) => ({ path: t.path, id: t.id, fields: fields(t), data: t.data, lines: t.lines, body: t.body })), problems: loaded.problems };
}

describe("the write path's cache and git listing against the long way", () => {
  afterAll(() => {
    // The runs went where it matters: markers were found, and a commit's cached facts held some.
    expect(seen.marked).toBeGreaterThan(0);
    expect(seen.factsWithMarks).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(0);
  });

  for (const seed of SEEDS) {
    it(
      `seed ${seed}: every answer equals the uncached one`,
      async () => {
        const w = await world();
        const random = rng(seed);
        const trail: string[] = [];
        await compare(w, trail);
        for (let step = 0; step < STEPS; step++) {
          trail.push(act(w, random, step));
          await compare(w, trail);
        }
      },
      60_000,
    );
  }

  it("a tracked folder of task files git reports whole, or a submodule, falls back to the walk", async () => {
    const w = await world();
    mkdirSync(join(w.repo.dir, "tasks", "nested"), { recursive: true });
    w.repo.git(["init", "-q", join(w.repo.dir, "tasks", "nested")]);
    writeFileSync(join(w.repo.dir, "tasks", "nested", "bbbbb-x.md"), taskText("bbbbb", "in a nested repository", false));
    const state = await folderState(w.git, "tasks");
    expect(w.cached.store.filesFromGit(state)).toBeUndefined();
    rmSync(join(w.repo.dir, "tasks", "nested"), { recursive: true, force: true });
    mkdirSync(dirname(join(w.repo.dir, "tasks", "x")), { recursive: true });
    expect(w.cached.store.filesFromGit(await folderState(w.git, "tasks"))).toEqual((await w.uncached.store.listFiles()).files);
  });
});
