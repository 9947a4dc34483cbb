import { randomBytes } from "node:crypto";
import { type BigIntStats, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, constants } from "node:fs";
import { join } from "node:path";
import type { JsonValue, Problem } from "../domain/task.js";

/**
 * A parse cache under the git folder (`.git/tasks-cache/parse-v1.json`): never committed, safe to
 * delete, local to this clone. Each entry is keyed by the file's path and its stat stamp (inode,
 * size, modification and change times in nanoseconds). The change time cannot be set by a user
 * or by git, so any write, rename or replacement of a file changes the stamp; entries whose file
 * changed in the last two seconds are not stored at all ("racy" entries, as git calls them), so a
 * second write within one timestamp granule cannot hide behind an old stamp.
 *
 * What is cached is the parsed frontmatter (data and key lines) or the problem; the body is read
 * from the file when someone asks for it.
 */

const FORMAT = 1;
const RACY_NS = 2_000_000_000n;

export type CachedParse = { readonly data: Record<string, JsonValue>; readonly lines: Record<string, number> } | { readonly problem: Problem };

interface Entry {
  readonly s: string;
  readonly v: CachedParse;
}

interface CacheFile {
  readonly format: number;
  readonly tool: string;
  readonly entries: Record<string, Entry>;
}

export function statStamp(stat: BigIntStats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

export class ParseCache {
  private readonly entries: Map<string, Entry>;
  private readonly seen = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly tool: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** Opens the cache; a missing, corrupt or foreign cache is an empty one. */
  static open(gitDir: string, tool: string): ParseCache {
    const path = join(gitDir, "tasks-cache", `parse-v${FORMAT}.json`);
    try {
      const stat = lstatSync(path);
      if (!stat.isFile()) return new ParseCache(path, tool, {});
      const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.tool === tool && parsed.entries && typeof parsed.entries === "object") {
        return new ParseCache(path, tool, parsed.entries);
      }
    } catch {
      // no cache yet, or one we cannot read: start empty
    }
    return new ParseCache(path, tool, {});
  }

  get(relPath: string, stamp: string): CachedParse | undefined {
    this.seen.add(relPath);
    const entry = this.entries.get(relPath);
    return entry !== undefined && entry.s === stamp ? entry.v : undefined;
  }

  set(relPath: string, stat: BigIntStats, value: CachedParse, nowNs: bigint): void {
    this.seen.add(relPath);
    if (nowNs - stat.mtimeNs < RACY_NS || nowNs - stat.ctimeNs < RACY_NS) {
      if (this.entries.delete(relPath)) this.dirty = true;
      return;
    }
    this.entries.set(relPath, { s: statStamp(stat), v: value });
    this.dirty = true;
  }

  /** Writes the cache if it changed, dropping entries for files that no longer exist. Best effort. */
  save(): void {
    for (const key of this.entries.keys()) {
      if (!this.seen.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const dir = join(this.path, "..");
    const temp = join(dir, `.parse-${randomBytes(6).toString("hex")}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      const body: CacheFile = { format: FORMAT, tool: this.tool, entries: Object.fromEntries(this.entries) };
      const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
      try {
        writeSync(fd, JSON.stringify(body));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      this.dirty = false;
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // nothing was written
      }
    }
  }
}

/**
 * The parsed config, keyed by a hash of its bytes (`.git/tasks-cache/config-v1.json`): the YAML
 * library is then not loaded at all on the common path. Best effort in both directions.
 */
export function readCachedYaml(gitDir: string, hash: string): { data: Record<string, JsonValue>; lines: Record<string, number> } | undefined {
  try {
    const path = join(gitDir, "tasks-cache", `config-v${FORMAT}.json`);
    if (!lstatSync(path).isFile()) return undefined;
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { hash?: string; data?: Record<string, JsonValue>; lines?: Record<string, number> };
    return parsed.hash === hash && parsed.data && parsed.lines ? { data: parsed.data, lines: parsed.lines } : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedYaml(gitDir: string, hash: string, value: { data: Record<string, JsonValue>; lines: Record<string, number> }): void {
  const dir = join(gitDir, "tasks-cache");
  const temp = join(dir, `.config-${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
    try {
      writeSync(fd, JSON.stringify({ hash, ...value }));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(dir, `config-v${FORMAT}.json`));
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}
