import { constants, type Dirent } from "node:fs";
import { lstat, open, readdir } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { TasksError } from "../app/errors.js";
import type { Config } from "../domain/config.js";
import { resolveId } from "../domain/ids.js";
import type { Problem, Task } from "../domain/task.js";
import { decodeTask, type Decoded, MAX_FILE_BYTES } from "./task-codec.js";
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

const READ_CONCURRENCY = 64;

export class TaskStore {
  readonly tasksRoot: string;

  constructor(
    readonly root: string,
    readonly config: Config,
  ) {
    this.tasksRoot = join(root, ...config.tasksDir.split("/"));
  }

  /** Repo-relative path with forward slashes. */
  relPath(absPath: string): string {
    return relative(this.root, absPath).split(sep).join("/");
  }

  absPath(relPath: string): string {
    return join(this.root, ...relPath.split("/"));
  }

  /** Every `*.md` below the tasks folder (README.md and dot-folders skipped); symlinks become problems. */
  async listFiles(): Promise<{ files: string[]; problems: Problem[] }> {
    const files: string[] = [];
    const problems: Problem[] = [];
    try {
      const stat = await lstat(this.tasksRoot);
      if (stat.isSymbolicLink()) {
        problems.push({ path: this.config.tasksDir, line: 1, kind: "symlink", message: "the tasks folder is a symbolic link; it is not read", hint: "make it a plain folder" });
        return { files, problems };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files, problems };
      throw error;
    }
    const walk = async (dir: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        problems.push({ path: this.relPath(dir), line: 1, kind: "symlink", message: `folder cannot be read: ${(error as Error).message}` });
        return;
      }
      const subdirs: Promise<void>[] = [];
      for (const entry of entries) {
        const name = entry.name;
        if (name.startsWith(".")) continue;
        const full = join(dir, name);
        if (entry.isSymbolicLink()) {
          if (name.endsWith(".md") || !name.includes(".")) {
            problems.push({ path: this.relPath(full), line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read", hint: "replace it with the file itself" });
          }
        } else if (entry.isDirectory()) {
          subdirs.push(walk(full));
        } else if (entry.isFile() && name.endsWith(".md") && name.toLowerCase() !== "readme.md" && !name.endsWith(TEMP_SUFFIX)) {
          files.push(full);
        }
      }
      await Promise.all(subdirs);
    };
    await walk(this.tasksRoot);
    files.sort();
    problems.sort((a, b) => (a.path < b.path ? -1 : 1));
    return { files, problems };
  }

  async readFileBytes(absPath: string): Promise<Uint8Array | Problem> {
    const path = this.relPath(absPath);
    let handle;
    try {
      handle = await open(absPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ELOOP") return { path, line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read" };
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (stat.size > MAX_FILE_BYTES) return { path, line: 1, kind: "size", message: "file is larger than 1 MiB", hint: "split the notes into a linked document" };
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async load(absPath: string): Promise<Decoded> {
    const bytes = await this.readFileBytes(absPath);
    if (!(bytes instanceof Uint8Array)) return { problem: bytes };
    return decodeTask(this.relPath(absPath), bytes);
  }

  async loadFiles(files: readonly string[]): Promise<{ loaded: LoadedTask[]; problems: Problem[] }> {
    const results: (Decoded | undefined)[] = new Array<Decoded | undefined>(files.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const index = next++;
        results[index] = await this.load(files[index] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    const loaded: LoadedTask[] = [];
    const problems: Problem[] = [];
    results.forEach((result, index) => {
      if (!result) return;
      if ("problem" in result) problems.push(result.problem);
      else loaded.push({ task: result.task, text: result.text, absPath: files[index] as string });
    });
    return { loaded, problems };
  }

  async loadAll(): Promise<LoadedTasks> {
    const { files, problems } = await this.listFiles();
    const result = await this.loadFiles(files);
    return { tasks: result.loaded.map((l) => l.task), problems: [...problems, ...result.problems] };
  }

  /**
   * Resolves an id or unique prefix. Tool-made file names start with the id, so only the files
   * whose names match are read; when none match, every file is read (hand-made layouts).
   */
  async resolve(input: string): Promise<LoadedTask> {
    const wanted = input.trim().toLowerCase();
    const { files } = await this.listFiles();
    const named = files.filter((f) => basename(f).toLowerCase().startsWith(wanted));
    const first = await this.loadFiles(named);
    let matches = first.loaded.filter((l) => l.task.id.startsWith(wanted));
    if (matches.length === 0) {
      matches = (await this.loadFiles(files)).loaded.filter((l) => l.task.id.startsWith(wanted));
      // A file named for this id that cannot be read is the likely answer: say what is wrong with it.
      const broken = first.problems[0];
      if (matches.length === 0 && broken) {
        throw new TasksError("TASK_NOT_FOUND", `no task with id ${wanted}: ${broken.path}:${broken.line}: ${broken.message}`, { hint: broken.hint ?? "fix the file, then try again" });
      }
      if (matches.length === 0) throw new TasksError("TASK_NOT_FOUND", `no task with id ${wanted}`, { hint: "'tasks list' shows the ids" });
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
    const { files } = await this.listFiles();
    const names = files.map((f) => basename(f).toLowerCase());
    // Also refuses an id that is the start of an existing file name, so prefixes stay unambiguous.
    return (id: string) => names.some((name) => name.startsWith(id));
  }

  /** Does a task with exactly this id have a file? Judged by tool-made file names (`<id>-….md`). */
  async idExists(): Promise<(id: string) => boolean> {
    const { files } = await this.listFiles();
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
    await ensureDirInside(this.root, this.tasksRoot);
    await writeFileAtomic(this.tasksRoot, absPath, text, options);
  }

  async remove(absPath: string): Promise<void> {
    await removeFile(this.tasksRoot, absPath);
  }
}
