import { type BigIntStats, closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { TasksError } from "../app/errors.js";
import type { Config } from "../domain/config.js";
import { fileNameProblems } from "../domain/file-names.js";
import { resolveId } from "../domain/ids.js";
import type { Problem, Task } from "../domain/task.js";
import { validateTask } from "../domain/task-schema.js";
import { splitFrontmatter } from "./frontmatter.js";
import { ParseCache, statStamp } from "./parse-cache.js";
import { TaskRowCache } from "./row-cache.js";
import { StoredTask } from "./stored-task.js";
import { type GitFolderView, type GitListing, listingFromGit } from "./git-listing.js";
import { decodeTask, type Decoded, decodeTaskSync, decodeText, loadStrictYaml, MAX_FILE_BYTES } from "./task-codec.js";
import { ensureDirInside, removeFile, TEMP_SUFFIX, writeFileAtomic } from "./safe-fs.js";

/**
 * The task folder on disk: finding task files (any depth, any layout), reading them with bounded
 * parallelism, resolving ids, and writing through safe-fs. A broken file never stops the others:
 * it becomes a Problem next to the tasks that loaded.
 */

export interface LoadedTasks {
  readonly tasks: readonly Task[];
  readonly problems: readonly Problem[];
}

export interface LoadedTask {
  readonly task: Task;
  /** The file's text as read, for edits and for noticing concurrent changes. */
  readonly text: string;
  readonly absPath: string;
}

export type { GitFolderView } from "./git-listing.js";

export interface CacheOptions {
  readonly gitDir: string;
  /** The tool's version: a cache written by another version is ignored. */
  readonly tool: string;
  /** Wall-clock milliseconds, for the racy window (tests move it forward instead of sleeping). */
  readonly clock?: () => number;
  /**
   * What git says about the tasks folder, for reads: the listing and the blob id of every file
   * git calls clean, so a clean file's parse is looked up by its blob id without a stat of it.
   * Undefined, or a view that cannot stand in for the walk: the folder is walked and stat-stamped.
   */
  readonly gitView?: () => Promise<GitFolderView | undefined>;
}

function aliasesOf(task: Task): string[] {
  const value = task.data["aliases"];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map((v) => v.toLowerCase()) : [];
}

/**
 * `basename(file).toLowerCase().startsWith(lower)` for an absolute path of the listing, without
 * building either string (it runs for every file of the folder). `lower` is lower-case.
 */
function nameStartsWith(file: string, lower: string): boolean {
  const start = Math.max(file.lastIndexOf("/"), file.lastIndexOf(sep)) + 1;
  for (let i = 0; i < lower.length; i++) {
    let c = file.charCodeAt(start + i);
    // Past a non-ASCII letter, lower-casing can change lengths (and a final sigma its context).
    if (c >= 128) return basename(file).toLowerCase().startsWith(lower);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

export class TaskStore {
  readonly tasksRoot: string;
  /** A listing taken under the tool lock (pinListing), used until it is unpinned. */
  private pinned: string[] | undefined;

  constructor(
    readonly root: string,
    readonly config: Config,
    /** Undefined: no cache is read or written (TASKS_NO_CACHE=1). */
    readonly cache?: CacheOptions,
  ) {
    this.tasksRoot = join(root, ...config.tasksDir.split("/"));
  }

  /** Repo-relative path with forward slashes. */
  relPath(absPath: string): string {
    const prefix = this.root + sep;
    const rel = absPath.startsWith(prefix) ? absPath.slice(prefix.length) : relative(this.root, absPath);
    return sep === "/" ? rel : rel.split(sep).join("/");
  }

  absPath(relPath: string): string {
    return join(this.root, ...relPath.split("/"));
  }

  /** Every `*.md` below the tasks folder (README.md and dot-folders skipped); symlinks become problems. */
  async listFiles(): Promise<{ files: string[]; problems: Problem[] }> {
    const files: string[] = [];
    const problems: Problem[] = [];
    try {
      const stat = lstatSync(this.tasksRoot);
      if (stat.isSymbolicLink()) {
        problems.push({ path: this.config.tasksDir, line: 1, kind: "symlink", message: "the tasks folder is a symbolic link; it is not read", hint: "make it a plain folder" });
        return { files, problems };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files, problems };
      throw error;
    }
    const walk = (dir: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        problems.push({ path: this.relPath(dir), line: 1, kind: "symlink", message: `folder cannot be read: ${(error as Error).message}` });
        return;
      }
      for (const entry of entries) {
        const name = entry.name;
        if (name.startsWith(".")) continue;
        // dir is normalized and a name holds no separator: appending is joining, without its cost.
        const full = `${dir}${sep}${name}`;
        if (entry.isSymbolicLink()) {
          if (name.endsWith(".md") || !name.includes(".")) {
            problems.push({ path: this.relPath(full), line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read", hint: "replace it with the file itself" });
          }
        } else if (entry.isDirectory()) {
          walk(full);
        } else if (entry.isFile() && name.endsWith(".md") && name.toLowerCase() !== "readme.md" && !name.endsWith(TEMP_SUFFIX)) {
          files.push(full);
        }
      }
    };
    walk(this.tasksRoot);
    files.sort();
    problems.sort((a, b) => (a.path < b.path ? -1 : 1));
    return { files, problems };
  }

  /**
   * The files `listFiles` finds, from what git said about the folder instead of reading every
   * folder in it: the index's regular files that status calls unchanged, plus every path status
   * names (changed, untracked, ignored) that is a regular file now. Undefined when git's view
   * cannot stand in for the walk: the folder is missing or not a plain folder, it holds a
   * submodule or a folder git reports whole (ignored or another repository), or, on macOS, a name
   * git and the file system may spell differently.
   */
  filesFromGit(view: GitFolderView): string[] | undefined {
    // A change needs the names only: no blob ids are collected.
    return listingFromGit(view, this, false)?.files;
  }

  /** Until unpinned, id resolution and id checks use this listing (taken under the tool lock). */
  pinListing(files: string[] | undefined): void {
    this.pinned = files;
  }

  private async fileList(): Promise<string[]> {
    return this.pinned ?? (await this.listFiles()).files;
  }

  /**
   * Reads a file without following a symbolic link and without reading more than the size cap.
   * Synchronous on purpose: for thousands of small files, blocking reads are several times faster
   * than the promise API, and a CLI has nothing else to do meanwhile.
   */
  readFileBytes(absPath: string): Uint8Array | Problem {
    const path = this.relPath(absPath);
    let fd: number;
    try {
      fd = openSync(absPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ELOOP") return { path, line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read" };
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) return { path, line: 1, kind: "size", message: "file is larger than 1 MiB", hint: "split the notes into a linked document" };
      const buffer = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }

  async load(absPath: string): Promise<Decoded> {
    const bytes = this.readFileBytes(absPath);
    if (!(bytes instanceof Uint8Array)) return { problem: bytes };
    return decodeTask(this.relPath(absPath), bytes);
  }

  async loadFiles(files: readonly string[]): Promise<{ loaded: LoadedTask[]; problems: Problem[] }> {
    const loaded: LoadedTask[] = [];
    const problems: Problem[] = [];
    const deferred: { absPath: string; bytes: Uint8Array }[] = [];
    const take = (absPath: string, result: Decoded): void => {
      if ("problem" in result) problems.push(result.problem);
      else loaded.push({ task: result.task, text: result.text, absPath });
    };
    for (const absPath of files) {
      const bytes = this.readFileBytes(absPath);
      if (!(bytes instanceof Uint8Array)) {
        problems.push(bytes);
        continue;
      }
      const result = decodeTaskSync(this.relPath(absPath), bytes, undefined);
      if (result) take(absPath, result);
      else deferred.push({ absPath, bytes });
    }
    // Files outside the fast reader's subset: the strict parser is loaded once, only if needed.
    if (deferred.length > 0) {
      const strict = await loadStrictYaml();
      for (const { absPath, bytes } of deferred) take(absPath, decodeTaskSync(this.relPath(absPath), bytes, strict) as Decoded);
    }
    const order = new Map(files.map((f, i) => [f, i]));
    loaded.sort((a, b) => (order.get(a.absPath) ?? 0) - (order.get(b.absPath) ?? 0));
    return { loaded, problems };
  }

  /** Every task and every unusable file; `checkNames` also reports bad file names (for `check`). */
  async loadAll(options: { checkNames?: boolean } = {}): Promise<LoadedTasks> {
    const viewing = this.gitListing();
    // The row cache is read (a JSON.parse of every row) while git answers, not after.
    let rows: TaskRowCache | undefined;
    if (this.cache?.gitView !== undefined) {
      await new Promise((resolve) => setImmediate(resolve));
      rows = TaskRowCache.open(this.cache.gitDir, this.cache.tool);
    }
    const listing = await viewing;
    let loaded: LoadedTasks;
    let paths: () => readonly string[];
    if (rows && listing) {
      loaded = await this.loadAllByBlob(listing, rows);
      paths = () => listing.paths;
    } else {
      const { files, problems } = listing ?? (await this.listFiles());
      if (this.cache) loaded = await this.loadAllCached(files, problems, this.cache);
      else {
        const result = await this.loadFiles(files);
        loaded = { tasks: result.loaded.map((l) => l.task), problems: [...problems, ...result.problems] };
      }
      paths = () => files.map((f) => this.relPath(f));
    }
    // One order whichever way the files were read: the strict parser's problems are found after
    // the fast reader's, and which files the cache serves depends on timing (a file changed within
    // the stamp's resolution is read again). Listing problems (not files) first, then file order.
    let inOrder = loaded.problems;
    if (inOrder.length > 1) {
      const order = new Map(paths().map((path, i) => [path, i]));
      inOrder = [...inOrder].sort((a, b) => (order.get(a.path) ?? -1) - (order.get(b.path) ?? -1));
    }
    if (!options.checkNames) return { tasks: loaded.tasks, problems: inOrder };
    return { tasks: loaded.tasks, problems: [...inOrder, ...fileNameProblems(paths(), loaded.tasks)] };
  }

  /** The listing from git's view of the folder; undefined when there is none or it cannot stand in for the walk. */
  private async gitListing(): Promise<GitListing | undefined> {
    if (this.cache?.gitView === undefined) return undefined;
    let view: GitFolderView | undefined;
    try {
      view = await this.cache.gitView();
    } catch {
      return undefined;
    }
    return view && listingFromGit(view, this);
  }

  /**
   * loadAll from git's listing: a file git calls clean is looked up by its blob id and not read
   * at all (its body only if someone asks for it); every other file is read and parsed.
   */
  private async loadAllByBlob(listing: GitListing, cache: TaskRowCache): Promise<LoadedTasks> {
    const problems: Problem[] = [...listing.problems];
    const { paths, blobs } = listing;
    // One slot per listed file, in listing order; the files to parse are remembered by path.
    const slots: (Task | undefined)[] = [];
    const missAt = new Map<string, number>();
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as string;
      const blob = blobs[i];
      const hit = blob === undefined ? undefined : cache.get(blob, path);
      if (hit === undefined) missAt.set(path, i);
      else if ("problem" in hit) problems.push(hit.problem);
      else slots[i] = new StoredTask(path, hit.row, hit.shape, this);
    }
    if (missAt.size === 0) {
      cache.save();
      // No holes unless a file is a cached problem.
      return { tasks: problems.length === listing.problems.length ? (slots as Task[]) : slots.filter((task): task is Task => task !== undefined), problems };
    }
    const { loaded, problems: missProblems } = await this.loadFiles([...missAt.keys()].map((path) => this.absPath(path)));
    for (const { task } of loaded) {
      const at = missAt.get(task.path) as number;
      slots[at] = task;
      const blob = blobs[at];
      if (blob !== undefined) cache.set(blob, { data: { ...task.data }, lines: { ...task.lines } });
    }
    for (const problem of missProblems) {
      problems.push(problem);
      const blob = blobs[missAt.get(problem.path) as number];
      if (blob !== undefined) cache.set(blob, { problem });
    }
    cache.save();
    return { tasks: slots.filter((task): task is Task => task !== undefined), problems };
  }

  /** The body of a task file read now (a cached task's, asked for the first time); empty when it cannot be read. */
  bodyOf(path: string, absPath = this.absPath(path)): string {
    const bytes = this.readFileBytes(absPath);
    const decoded = bytes instanceof Uint8Array ? decodeText(path, bytes) : undefined;
    const split = decoded && "text" in decoded ? splitFrontmatter(decoded.text) : undefined;
    return split?.ok ? split.file.body : "";
  }

  /**
   * loadAll through the parse cache: a file whose stat stamp matches its entry is not read at all;
   * its body is read only if someone asks for it.
   */
  private async loadAllCached(files: readonly string[], listProblems: readonly Problem[], options: CacheOptions): Promise<LoadedTasks> {
    const cache = ParseCache.open(options.gitDir, options.tool);
    const tasks: Task[] = [];
    const problems: Problem[] = [...listProblems];
    const misses: { absPath: string; stat: BigIntStats }[] = [];
    for (const absPath of files) {
      const stat = lstatSync(absPath, { bigint: true });
      const path = this.relPath(absPath);
      const hit = stat.isFile() ? cache.get(path, statStamp(stat)) : undefined;
      if (hit === undefined) misses.push({ absPath, stat });
      else if ("problem" in hit) problems.push(hit.problem);
      else tasks.push(this.withLazyBody(validateTask({ path, data: hit.data, lines: hit.lines, body: "" }), absPath));
    }
    if (misses.length > 0) {
      const { loaded, problems: missProblems } = await this.loadFiles(misses.map((m) => m.absPath));
      const nowNs = BigInt(Math.floor((options.clock ?? Date.now)())) * 1_000_000n;
      const byPath = new Map(misses.map((m) => [m.absPath, m.stat]));
      for (const { task, absPath } of loaded) {
        tasks.push(task);
        const stat = byPath.get(absPath);
        if (stat) cache.set(task.path, stat, { data: { ...task.data }, lines: { ...task.lines } }, nowNs);
      }
      for (const problem of missProblems) {
        problems.push(problem);
        const stat = byPath.get(this.absPath(problem.path));
        if (stat?.isFile()) cache.set(problem.path, stat, { problem }, nowNs);
      }
    }
    cache.save();
    const order = new Map(files.map((f, i) => [this.relPath(f), i]));
    tasks.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    return { tasks, problems };
  }

  private withLazyBody(result: Task | Problem, absPath: string): Task {
    const task = result as Task;
    let body: string | undefined;
    Object.defineProperty(task, "body", {
      enumerable: true,
      configurable: true,
      get: () => {
        body ??= this.bodyOf(task.path, absPath);
        return body;
      },
    });
    return task;
  }

  /**
   * Resolves an id or unique prefix. Tool-made file names start with the id, so only the files
   * whose names match are read; when none match, every file is read (hand-made layouts).
   */
  async resolve(input: string): Promise<LoadedTask> {
    const wanted = input.trim().toLowerCase();
    const files = await this.fileList();
    const named = files.filter((f) => nameStartsWith(f, wanted));
    const first = await this.loadFiles(named);
    let matches = first.loaded.filter((l) => l.task.id.startsWith(wanted));
    if (matches.length === 0) {
      const all = await this.loadFiles(files);
      matches = all.loaded.filter((l) => l.task.id.startsWith(wanted));
      // A file named for this id that cannot be read is the likely answer: say what is wrong with it.
      const broken = first.problems[0];
      if (matches.length === 0 && broken) {
        throw new TasksError("TASK_NOT_FOUND", `no task with id ${wanted}: ${broken.path}:${broken.line}: ${broken.message}`, { hint: broken.hint ?? "fix the file, then try again" });
      }
      // An imported task keeps its old id (`task-12`) in `aliases`; an exact alias resolves to it.
      if (matches.length === 0) matches = all.loaded.filter((l) => aliasesOf(l.task).includes(wanted));
      if (matches.length === 1) return matches[0] as LoadedTask;
      if (matches.length === 0) throw new TasksError("TASK_NOT_FOUND", `no task with id ${wanted}`, { hint: "'tasks list' shows the ids" });
    }
    if (matches.every((m) => !m.task.id.startsWith(wanted))) {
      throw new TasksError("AMBIGUOUS_ID", `${wanted} is an alias of ${matches.length} tasks: ${matches.map((m) => m.task.id).join(", ")}`, { hint: "use the task's own id" });
    }
    const id = resolveId(wanted, matches.map((m) => m.task.id));
    const holders = matches.filter((m) => m.task.id === id);
    if (holders.length > 1) {
      throw new TasksError("CONFLICT", `${holders.length} files carry the id ${id}: ${holders.map((h) => h.task.path).join(", ")}`, {
        hint: `give one of them a new id with 'tasks renumber ${id}'`,
      });
    }
    return holders[0] as LoadedTask;
  }

  /** Is an id in use? Checked against file names (cheap) before a new task takes it. */
  async idTaken(): Promise<(id: string) => boolean> {
    const files = await this.fileList();
    const names = files.map((f) => basename(f).toLowerCase());
    // Also refuses an id that is the start of an existing file name, so prefixes stay unambiguous.
    return (id: string) => names.some((name) => name.startsWith(id));
  }

  /** Does a task with exactly this id have a file? Judged by tool-made file names (`<id>-….md`). */
  async idExists(): Promise<(id: string) => boolean> {
    const files = await this.fileList();
    const names = new Set<string>();
    for (const file of files) {
      const name = basename(file).toLowerCase();
      names.add(name.replace(/\.md$/, ""));
      const dash = name.indexOf("-");
      if (dash > 0) names.add(name.slice(0, dash));
    }
    return (id: string) => names.has(id);
  }

  async write(absPath: string, text: string, options: { exclusive?: boolean } = {}): Promise<void> {
    const label = (path: string): string => this.relPath(path);
    await ensureDirInside(this.root, this.tasksRoot, label);
    await writeFileAtomic(this.tasksRoot, absPath, text, { ...options, label });
  }

  async remove(absPath: string): Promise<void> {
    await removeFile(this.tasksRoot, absPath, (path) => this.relPath(path));
  }
}
