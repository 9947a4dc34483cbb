import { unlinkSync } from "node:fs";
import { join } from "node:path";
import type { JsonValue, Problem } from "../domain/task.js";
import { asciiJson, type CachedParse, readCacheFile, writeCacheFile } from "./parse-cache.js";
import { encodeLines, ROW_VALUES, RowShape, rowValue } from "./stored-task.js";

/**
 * The parse cache for files git calls clean (`.git/tasks-cache/blobs-v3.json`): one row per file,
 * keyed by the blob id of its bytes, which names them for ever, so a row never goes stale; only a
 * parser from another version of the tool reads them differently (the file names the tool, and
 * another one's is ignored).
 *
 * It is read whole by every command that reads the tasks, so it is built for JSON.parse at
 * 100,000 tasks, where every string it makes costs an allocation and later a garbage collection:
 * - each list of keys ("shape") is stored once, and a row holds only the values;
 * - values that repeat (statuses, owners, dates, priorities, label lists) are stored once in a
 *   dictionary, and a row holds their index there, a small integer JSON.parse makes for free;
 * - the blob ids are one string (`width` characters each, in row order), not a string per row;
 * - rows come in the order of the last run's listing, which is the order the next run asks for
 *   them, so a lookup compares the next blob id in place instead of probing a hash map (a map is
 *   built only when the listing changed).
 *
 * A task's row is `[shape, lines, ...values]` (`lines` as encodeLines writes them, or the record
 * itself), a value being a dictionary index (a whole number), a string, or any other JSON value
 * wrapped in a one-element array; a file that is not a task is `[-1, problem]` (without its path,
 * which the listing gives). Rows of blobs not asked for in a run are dropped when it saves.
 */

const FORMAT = 3;
const NAME = `blobs-v${FORMAT}.json`;
/** Files of earlier formats, which no version reading this one uses: removed when this one is written. */
const EARLIER = ["blobs-v1.json", "blobs-v2.json"];

export type Row = readonly unknown[];
export type RowHit = { readonly row: Row; readonly shape: RowShape } | { readonly problem: Problem };

/** A value worth a dictionary entry: one that tasks share (not an id, a title, a timestamp). */
function shareable(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value.length <= 40 ? `s${value}` : undefined;
  if (Array.isArray(value) && value.length <= 8 && value.every((v) => typeof v === "string" && v.length <= 80)) return `l${JSON.stringify(value)}`;
  return undefined;
}

export class TaskRowCache {
  private readonly shapes: (readonly string[])[];
  private readonly dict: JsonValue[];
  private readonly width: number;
  private readonly blobs: string;
  private readonly rows: Row[];
  private next = 0;
  private byBlob: Map<string, number> | undefined;
  /** This run's listing, in its order (what save writes): an old row's index, or -1 - i for added[i]. */
  private readonly kept: number[] = [];
  private readonly added: { blob: string; row: Row | undefined }[] = [];
  /** Where in `added` the row of a blob asked for and not found goes when it is set. */
  private readonly holes = new Map<string, number>();
  private changed = false;
  /** The shapes a row was decoded with, made once each. */
  private readonly made: (RowShape | undefined)[] = [];

  private constructor(
    private readonly dir: string,
    private readonly tool: string,
  ) {
    const parsed = readCacheFile(dir, NAME) as { format?: unknown; tool?: unknown; shapes?: unknown; dict?: unknown; width?: unknown; blobs?: unknown; rows?: unknown } | undefined;
    const usable =
      parsed?.format === FORMAT &&
      parsed.tool === tool &&
      (parsed.width === 40 || parsed.width === 64) &&
      typeof parsed.blobs === "string" &&
      Array.isArray(parsed.rows) &&
      parsed.blobs.length === parsed.width * parsed.rows.length &&
      Array.isArray(parsed.shapes) &&
      parsed.shapes.every((keys) => Array.isArray(keys) && keys.every((key) => typeof key === "string")) &&
      Array.isArray(parsed.dict) &&
      parsed.dict.every((v) => typeof v === "string" || (Array.isArray(v) && v.every((item) => typeof item === "string")));
    this.shapes = usable ? (parsed.shapes as string[][]) : [];
    // Shared by every task that has the value: never to be changed in place.
    this.dict = usable ? (parsed.dict as JsonValue[]).map((v) => (Array.isArray(v) ? (Object.freeze(v) as JsonValue) : v)) : [];
    this.width = usable ? (parsed.width as number) : 40;
    this.blobs = usable ? (parsed.blobs as string) : "";
    this.rows = usable ? (parsed.rows as Row[]) : [];
  }

  static open(gitDir: string, tool: string): TaskRowCache {
    return new TaskRowCache(join(gitDir, "tasks-cache"), tool);
  }

  /** The row for `blob`, taken into this run's listing; undefined when there is none (or it is damaged). */
  get(blob: string, path: string): RowHit | undefined {
    let at = this.next;
    if (blob.length !== this.width || at >= this.rows.length || !this.blobs.startsWith(blob, at * this.width)) {
      this.changed = true;
      this.byBlob ??= this.index();
      at = this.byBlob.get(blob) ?? -1;
    }
    const hit = at === -1 ? undefined : this.decode(this.rows[at] as Row, path);
    if (hit === undefined) {
      this.changed = true;
      this.holes.set(blob, this.added.push({ blob, row: undefined }) - 1);
      this.kept.push(-this.added.length);
      return undefined;
    }
    this.next = at + 1;
    this.kept.push(at);
    return hit;
  }

  /** Stores a parse of `blob` (in the place it was asked for, if it was). A value JSON would change is not stored. */
  set(blob: string, value: CachedParse): void {
    this.changed = true;
    const row = this.rowOf(value);
    const hole = this.holes.get(blob);
    if (hole === undefined) {
      this.added.push({ blob, row });
      this.kept.push(-this.added.length);
    } else {
      (this.added[hole] as { row: Row | undefined }).row = row;
      this.holes.delete(blob);
    }
  }

  /** Writes the rows of this run's listing if they differ from the file's. Best effort. */
  save(): void {
    if (!this.changed && this.kept.length === this.rows.length) return;
    const width = this.rows.length > 0 ? this.width : (this.added.find((a) => a.row !== undefined)?.blob.length ?? 40);
    const blobs: string[] = [];
    // Rows with their values as the frontmatter has them (new ones), or as this file encodes them (old ones).
    const rows: { row: Row; plain: boolean }[] = [];
    for (const k of this.kept) {
      if (k >= 0) {
        blobs.push(this.blobs.slice(k * this.width, (k + 1) * this.width));
        rows.push({ row: this.rows[k] as Row, plain: false });
      } else {
        const { blob, row } = this.added[-k - 1] as { blob: string; row: Row | undefined };
        if (row === undefined || blob.length !== width) continue;
        blobs.push(blob);
        rows.push({ row, plain: true });
      }
    }
    const plainCount = rows.reduce((n, r) => n + (r.plain ? 1 : 0), 0);
    // Many new rows (a first run, a big change): the dictionary is made afresh from what repeats.
    // A few: they use the dictionary as it is, and add the shareable values it lacks.
    const fresh = plainCount > rows.length / 4;
    const dict: JsonValue[] = fresh ? [] : [...this.dict];
    const at = new Map<string, number>();
    if (fresh) {
      const counts = new Map<string, { value: JsonValue; count: number }>();
      for (const { row, plain } of rows) {
        if (row[0] === -1) continue;
        for (let i = ROW_VALUES; i < row.length; i++) {
          const value = plain ? (row[i] as JsonValue) : (rowValue(row[i], this.dict) as JsonValue);
          const key = shareable(value);
          if (key === undefined) continue;
          const seen = counts.get(key);
          if (seen) seen.count++;
          else counts.set(key, { value, count: 1 });
        }
      }
      for (const [key, { value, count }] of counts) if (count > 1) at.set(key, dict.push(value) - 1);
    } else {
      dict.forEach((value, i) => {
        const key = shareable(value);
        if (key !== undefined && !at.has(key)) at.set(key, i);
      });
    }
    const encode = (value: JsonValue): unknown => {
      const key = shareable(value);
      if (key !== undefined) {
        let i = at.get(key);
        if (i === undefined && !fresh) at.set(key, (i = dict.push(value) - 1));
        if (i !== undefined) return i;
      }
      return typeof value === "string" ? value : [value];
    };
    // Only the shapes the rows use, renumbered.
    const used = new Map<number, number>();
    const shapes: (readonly string[])[] = [];
    const out = rows.map(({ row, plain }) => {
      const shape = row[0] as number;
      if (shape === -1) return row;
      let to = used.get(shape);
      if (to === undefined) {
        to = shapes.push(this.shapes[shape] as readonly string[]) - 1;
        used.set(shape, to);
      }
      if (!plain && !fresh && to === shape) return row;
      const values = row.slice(ROW_VALUES).map((raw) => encode(plain ? (raw as JsonValue) : (rowValue(raw, this.dict) as JsonValue)));
      return [to, row[1], ...values];
    });
    const text = asciiJson({ format: FORMAT, tool: this.tool, shapes, dict, width, blobs: blobs.join(""), rows: out });
    if (writeCacheFile(this.dir, NAME, text, false)) {
      for (const name of EARLIER) {
        try {
          unlinkSync(join(this.dir, name));
        } catch {
          // not there
        }
      }
    }
  }

  /** A new row, its values as the frontmatter has them (save encodes them). */
  private rowOf(value: CachedParse): Row | undefined {
    if ("problem" in value) {
      const { path: _path, ...problem } = value.problem;
      return [-1, problem];
    }
    const keys = Object.keys(value.data);
    if (!keys.every((key) => faithful(value.data[key]))) return undefined;
    let shape = this.shapes.findIndex((known) => known.length === keys.length && known.every((key, i) => key === keys[i]));
    if (shape === -1) shape = this.shapes.push(keys) - 1;
    return [shape, encodeLines(keys, value.lines) ?? { ...value.lines }, ...keys.map((key) => value.data[key])];
  }

  private index(): Map<string, number> {
    const index = new Map<string, number>();
    for (let i = 0; i < this.rows.length; i++) {
      const blob = this.blobs.slice(i * this.width, (i + 1) * this.width);
      if (!index.has(blob)) index.set(blob, i);
    }
    return index;
  }

  private decode(row: Row, path: string): RowHit | undefined {
    if (!Array.isArray(row)) return undefined;
    const index = row[0];
    if (index === -1) {
      const problem = row[1] as Omit<Problem, "path"> | null;
      return problem !== null && typeof problem === "object" && typeof problem.message === "string" ? { problem: { ...problem, path } } : undefined;
    }
    if (typeof index !== "number") return undefined;
    const keys = this.shapes[index];
    const lines = row[1];
    if (keys === undefined || row.length !== keys.length + ROW_VALUES || (typeof lines !== "string" && (lines === null || typeof lines !== "object"))) return undefined;
    const shape = (this.made[index] ??= new RowShape(keys, this.dict));
    return shape.holds(row) ? { row, shape } : undefined;
  }
}

/** A value JSON gives back as it was (not an infinite number, NaN or -0, which it changes). */
function faithful(value: JsonValue | undefined): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(faithful);
  if (value !== null && typeof value === "object") return Object.values(value).every(faithful);
  return true;
}
