import { randomBytes } from "node:crypto";
import { type BigIntStats, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, constants } from "node:fs";
import { join } from "node:path";
import type { JsonValue, Problem } from "../domain/task.js";
import type { ZoneTableStore } from "../domain/zone-tables.js";
import { encodeLines, ROW_VALUES, RowShape } from "./stored-task.js";

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
 * The parse cache for files git calls clean (`.git/tasks-cache/blobs-v2.json`): one row per file,
 * keyed by the blob id of its bytes, which names them for ever, so a row never goes stale; only a
 * parser from another version of the tool reads them differently (the file names the tool, and
 * another one's is ignored). Built to be read whole on every command at 100,000 tasks: the key
 * lists ("shapes") are stored once, not in every row; a row is an array, the cheapest thing for
 * JSON.parse to build; and rows come in the order of the last run's listing, which is the order
 * they are asked for in the next, so a lookup is a comparison with the next row rather than a
 * hash-map probe (a map is built only when the listing changed).
 *
 * A row is `[blob, shape, lines, ...values]` for a task (`lines` as encodeLines writes them, or
 * the record itself), `[blob, -1, problem]` for a file that is not a task (the problem without its
 * path, which is the listing's). Rows of blobs not asked for in a run are dropped when it saves.
 */
export type RowHit = { readonly row: readonly unknown[]; readonly shape: RowShape } | { readonly problem: Problem };

type Row = unknown[];

export class TaskRowCache {
  private readonly shapes: (readonly string[])[];
  /** The shapes a row was decoded with, made once each. */
  private readonly made: (RowShape | undefined)[] = [];
  private readonly rows: Row[];
  private next = 0;
  private byBlob: Map<string, number> | undefined;
  /** The rows for this run's listing, in its order (what save writes); a hole for a blob asked for and not found yet. */
  private readonly kept: (Row | undefined)[] = [];
  /** Where in `kept` the row of a blob not found goes when it is set. */
  private readonly holes = new Map<string, number>();
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly tool: string,
  ) {
    const parsed = readCacheFile(dir, NAME) as { format?: unknown; tool?: unknown; shapes?: unknown; rows?: unknown } | undefined;
    const usable = parsed?.format === ROW_FORMAT && parsed.tool === tool && Array.isArray(parsed.shapes) && Array.isArray(parsed.rows) && parsed.shapes.every((k) => Array.isArray(k) && k.every((key) => typeof key === "string"));
    this.shapes = usable ? (parsed.shapes as string[][]) : [];
    this.rows = usable ? (parsed.rows as Row[]) : [];
  }

  static open(gitDir: string, tool: string): TaskRowCache {
    return new TaskRowCache(join(gitDir, "tasks-cache"), tool);
  }

  /** The row for `blob`, taken into this run's listing; undefined when there is none (or it is damaged). */
  get(blob: string, path: string): RowHit | undefined {
    let at = this.next;
    if ((this.rows[at] as Row | undefined)?.[0] !== blob) {
      this.changed = true;
      this.byBlob ??= this.index();
      at = this.byBlob.get(blob) ?? -1;
    }
    const hit = at === -1 ? undefined : this.decode(this.rows[at] as Row, path);
    if (hit === undefined) {
      this.changed = true;
      this.holes.set(blob, this.kept.push(undefined) - 1);
      return undefined;
    }
    this.next = at + 1;
    this.kept.push(this.rows[at]);
    return hit;
  }

  /** Stores a parse of `blob` (in the place it was asked for, if it was). A value JSON would change is not stored. */
  set(blob: string, value: CachedParse): void {
    this.changed = true;
    const row = this.rowOf(blob, value);
    const hole = this.holes.get(blob);
    if (hole === undefined) this.kept.push(row);
    else {
      this.kept[hole] = row;
      this.holes.delete(blob);
    }
  }

  private rowOf(blob: string, value: CachedParse): Row | undefined {
    if ("problem" in value) {
      const { path: _path, ...problem } = value.problem;
      return [blob, -1, problem];
    }
    const keys = Object.keys(value.data);
    if (!keys.every((key) => faithful(value.data[key]))) return undefined;
    let shape = this.shapes.findIndex((known) => known.length === keys.length && known.every((key, i) => key === keys[i]));
    if (shape === -1) shape = this.shapes.push(keys) - 1;
    return [blob, shape, encodeLines(keys, value.lines) ?? { ...value.lines }, ...keys.map((key) => value.data[key])];
  }

  /** Writes the rows of this run's listing if they differ from the file's. Best effort. */
  save(): void {
    if (!this.changed && this.kept.length === this.rows.length) return;
    // Only the shapes the kept rows use, renumbered.
    const used = new Map<number, number>();
    const shapes: (readonly string[])[] = [];
    const rows = this.kept.filter((row) => row !== undefined).map((row) => {
      const shape = row[1] as number;
      if (shape === -1) return row;
      let renumbered = used.get(shape);
      if (renumbered === undefined) {
        renumbered = shapes.push(this.shapes[shape] as readonly string[]) - 1;
        used.set(shape, renumbered);
      }
      return renumbered === shape ? row : [row[0], renumbered, ...row.slice(2)];
    });
    if (writeCacheFile(this.dir, NAME, JSON.stringify({ format: ROW_FORMAT, tool: this.tool, shapes, rows }), false)) {
      // The previous format's file, which no version reading this one uses.
      try {
        unlinkSync(join(this.dir, "blobs-v1.json"));
      } catch {
        // not there
      }
    }
  }

  private index(): Map<string, number> {
    const index = new Map<string, number>();
    this.rows.forEach((row, i) => {
      if (Array.isArray(row) && typeof row[0] === "string" && !index.has(row[0])) index.set(row[0], i);
    });
    return index;
  }

  private decode(row: Row, path: string): RowHit | undefined {
    if (!Array.isArray(row)) return undefined;
    const index = row[1];
    if (index === -1) {
      const problem = row[2] as Omit<Problem, "path"> | null;
      return problem !== null && typeof problem === "object" && typeof problem.message === "string" ? { problem: { ...problem, path } } : undefined;
    }
    if (typeof index !== "number") return undefined;
    const keys = this.shapes[index];
    const lines = row[2];
    if (keys === undefined || row.length !== keys.length + ROW_VALUES || (typeof lines !== "string" && (lines === null || typeof lines !== "object"))) return undefined;
    const shape = (this.made[index] ??= new RowShape(keys));
    return shape.holds(row) ? { row, shape } : undefined;
  }
}

const ROW_FORMAT = 2;
const NAME = `blobs-v${ROW_FORMAT}.json`;

/** A value JSON gives back as it was (not an infinite number, NaN or -0, which it changes). */
function faithful(value: JsonValue | undefined): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(faithful);
  if (value !== null && typeof value === "object") return Object.values(value).every(faithful);
  return true;
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
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
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
