import { isAscii } from "node:buffer";
import { randomBytes } from "node:crypto";
import { type BigIntStats, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, constants } from "node:fs";
import { join } from "node:path";
import type { JsonValue, Problem } from "../domain/task.js";
import type { ZoneTableStore } from "../domain/zone-tables.js";

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

export function statStamp(stat: BigIntStats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/**
 * One cache file of keyed entries under `.git/tasks-cache/`: `{format, tool, entries}`. A
 * missing, corrupt or foreign file (another format, another version of the tool) opens empty.
 * Keys not asked for or set in a run are dropped when it saves, which writes only on a change.
 */
abstract class KeyedCacheFile<E> {
  protected readonly entries: Map<string, E>;
  protected readonly seen = new Set<string>();
  protected dirty = false;

  protected constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly tool: string,
    private readonly durable: boolean,
  ) {
    const parsed = readCacheFile(dir, name) as { format?: unknown; tool?: unknown; entries?: unknown } | undefined;
    const usable = parsed?.format === FORMAT && parsed.tool === tool && parsed.entries !== null && typeof parsed.entries === "object" && !Array.isArray(parsed.entries);
    this.entries = new Map(Object.entries(usable ? (parsed.entries as Record<string, E>) : {}));
  }

  /** Writes the cache if it changed, dropping entries nobody asked for. Best effort. */
  save(): void {
    for (const key of this.entries.keys()) {
      if (!this.seen.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const body = { format: FORMAT, tool: this.tool, entries: Object.fromEntries(this.entries) };
    if (writeCacheFile(this.dir, this.name, JSON.stringify(body), this.durable)) this.dirty = false;
  }
}

export class ParseCache extends KeyedCacheFile<Entry> {
  /** Opens the cache; a missing, corrupt or foreign cache is an empty one. */
  static open(gitDir: string, tool: string): ParseCache {
    return new ParseCache(join(gitDir, "tasks-cache"), `parse-v${FORMAT}.json`, tool, true);
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
}

/**
 * Writes one cache file atomically (a temp file renamed over it, never through a symbolic link).
 * Best effort: false when it could not, and nothing is left behind.
 */
export function writeCacheFile(dir: string, name: string, text: string, durable: boolean): boolean {
  const temp = join(dir, `.${name}-${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
    try {
      writeSync(fd, text);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(dir, name));
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

/** Reads one cache file as JSON: undefined when it is missing, not a regular file, or damaged. */
export function readCacheFile(dir: string, name: string): unknown {
  try {
    const path = join(dir, name);
    if (!lstatSync(path).isFile()) return undefined;
    const bytes = readFileSync(path);
    // The files are written in ASCII (asciiJson): read as such, they skip UTF-8 decoding.
    return JSON.parse(isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON.stringify in ASCII: every other character as a `\u` escape, which JSON.parse reads back. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The parsed config, keyed by a hash of its bytes (`.git/tasks-cache/config-v1.json`): the YAML
 * library is then not loaded at all on the common path. Best effort in both directions.
 */
export function readCachedYaml(gitDir: string, hash: string): { data: Record<string, JsonValue>; lines: Record<string, number> } | undefined {
  const parsed = readCacheFile(join(gitDir, "tasks-cache"), `config-v${FORMAT}.json`) as { hash?: string; data?: Record<string, JsonValue>; lines?: Record<string, number> } | undefined;
  return parsed?.hash === hash && parsed.data && parsed.lines ? { data: parsed.data, lines: parsed.lines } : undefined;
}

export function writeCachedYaml(gitDir: string, hash: string, value: { data: Record<string, JsonValue>; lines: Record<string, number> }): void {
  writeCacheFile(join(gitDir, "tasks-cache"), `config-v${FORMAT}.json`, JSON.stringify({ hash, ...value }), false);
}

/**
 * Zone tables (domain/zone-tables.ts) kept between runs in `.git/tasks-cache/zones-v1.json`, for
 * the node and time-zone database that worked them out: another version starts afresh.
 */
export function zoneTableFile(gitDir: string): ZoneTableStore {
  const dir = join(gitDir, "tasks-cache");
  const name = `zones-v${FORMAT}.json`;
  const source = `node ${process.version} tz ${process.versions.tz ?? process.versions.icu ?? "?"}`;
  return {
    load() {
      const parsed = readCacheFile(dir, name) as { source?: unknown; zones?: unknown } | undefined;
      return parsed?.source === source ? parsed.zones : undefined;
    },
    save(zones) {
      writeCacheFile(dir, name, JSON.stringify({ source, zones }), false);
    },
  };
}
