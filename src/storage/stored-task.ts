import { FIELD, type FrontmatterData, type JsonValue, type Task } from "../domain/task.js";

/**
 * A task served from the row cache (row-cache.ts TaskRowCache) instead of a parse of its file.
 * Its frontmatter was validated when the file was first parsed, by this version of the tool, so
 * the typed fields are read straight off the row as validateTask made them; the frontmatter
 * record (`data`), the line of each key and the body are made only when someone asks, the body
 * from the file (most commands ask for none of them). One class for every cached task keeps
 * their shape the same, which the filters and sorts that run over every task of the folder
 * profit from.
 */

const REQUIRED = ["id", "title", "status"] as const;
const OPTIONAL_TEXT = ["owner", "due", "priority", "reviewer", "goal", "created"] as const;
const LISTS = ["labels", "dependsOn", "definitionOfDone"] as const;

/** Values start after `[shape, lines]` in a row. */
export const ROW_VALUES = 2;

/**
 * A row's value as the frontmatter had it (row-cache.ts): a dictionary index, a string, or any
 * other value wrapped in a one-element array; undefined for anything else (a damaged row).
 */
export function rowValue(raw: unknown, dict: readonly JsonValue[]): JsonValue | undefined {
  if (typeof raw === "number") return dict[raw];
  if (typeof raw === "string") return raw;
  return Array.isArray(raw) && raw.length === 1 ? (raw[0] as JsonValue) : undefined;
}

/** What validation left a typed field (RowShape.holds): text, text or nothing, a list of texts or nothing. */
const TEXT = 1;
const OPTIONAL = 2;
const LIST = 3;

/** A row's key list and the cache's dictionary, and where each typed field is in the row (-1: missing). */
export class RowShape {
  readonly at: { readonly [K in keyof typeof FIELD]: number };
  /** Per value of a row: TEXT, OPTIONAL, LIST, or 0 for a field that is not typed. */
  readonly #expect: number[];
  readonly #complete: boolean;

  constructor(
    readonly keys: readonly string[],
    readonly dict: readonly JsonValue[],
  ) {
    const at = {} as Record<keyof typeof FIELD, number>;
    for (const [name, key] of Object.entries(FIELD) as [keyof typeof FIELD, string][]) at[name] = keys.indexOf(key);
    this.at = at;
    this.#expect = keys.map(() => 0);
    for (const name of REQUIRED) if (at[name] !== -1) this.#expect[at[name]] = TEXT;
    for (const name of OPTIONAL_TEXT) if (at[name] !== -1) this.#expect[at[name]] = OPTIONAL;
    for (const name of LISTS) if (at[name] !== -1) this.#expect[at[name]] = LIST;
    this.#complete = REQUIRED.every((name) => at[name] !== -1);
  }

  value(row: readonly unknown[], at: number): JsonValue | undefined {
    return at === -1 ? undefined : rowValue(row[ROW_VALUES + at], this.dict);
  }

  /**
   * Whether every value of a row decodes, and its typed fields have the types validation left
   * them (text, nothing, lists of texts): a damaged row is then not taken for a task, though
   * well-formed JSON.
   */
  holds(row: readonly unknown[]): boolean {
    if (!this.#complete) return false;
    const expect = this.#expect;
    for (let i = 0; i < expect.length; i++) {
      const value = rowValue(row[ROW_VALUES + i], this.dict);
      if (value === undefined) return false;
      const kind = expect[i];
      if (kind === 0) continue;
      if (typeof value === "string") {
        if (kind === LIST) return false;
      } else if (value === null) {
        if (kind === TEXT) return false;
      } else if (kind !== LIST || !Array.isArray(value) || !value.every((item) => typeof item === "string")) return false;
    }
    return true;
  }
}

/** Where a cached task's body comes from: its file, read when asked for. */
export interface BodySource {
  bodyOf(path: string): string;
}

export class StoredTask implements Task {
  readonly path: string;
  readonly #row: readonly unknown[];
  readonly #shape: RowShape;
  readonly #files: BodySource;
  #lazy: { data?: FrontmatterData; lines?: Readonly<Record<string, number>>; body?: string } | undefined;

  /** `row`: `[shape, lines, ...values]`, the values in the order of `shape.keys`. */
  constructor(path: string, row: readonly unknown[], shape: RowShape, files: BodySource) {
    this.#row = row;
    this.#shape = shape;
    this.#files = files;
    this.path = path;
  }

  // The typed fields are read off the row when asked for: no slot per field in 100,000 objects.
  get id(): string {
    return this.#shape.value(this.#row, this.#shape.at.id) as string;
  }
  get title(): string {
    return this.#shape.value(this.#row, this.#shape.at.title) as string;
  }
  get status(): string {
    return this.#shape.value(this.#row, this.#shape.at.status) as string;
  }
  get owner(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.owner));
  }
  get due(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.due));
  }
  get priority(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.priority));
  }
  get labels(): readonly string[] {
    return list(this.#shape.value(this.#row, this.#shape.at.labels));
  }
  get dependsOn(): readonly string[] {
    return list(this.#shape.value(this.#row, this.#shape.at.dependsOn));
  }
  get reviewer(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.reviewer));
  }
  get goal(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.goal));
  }
  get created(): string | null {
    return text(this.#shape.value(this.#row, this.#shape.at.created));
  }
  get definitionOfDone(): readonly string[] {
    return list(this.#shape.value(this.#row, this.#shape.at.definitionOfDone));
  }

  get data(): FrontmatterData {
    const lazy = (this.#lazy ??= {});
    if (lazy.data === undefined) {
      const data: Record<string, JsonValue> = {};
      // The keys were a parsed file's, which never holds __proto__ (the readers refuse it).
      this.#shape.keys.forEach((key, i) => (data[key] = this.#shape.value(this.#row, i) as JsonValue));
      lazy.data = data;
    }
    return lazy.data;
  }

  get lines(): Readonly<Record<string, number>> {
    const lazy = (this.#lazy ??= {});
    lazy.lines ??= decodeLines(this.#shape.keys, this.#row[1] as string | Record<string, number>);
    return lazy.lines;
  }

  get body(): string {
    const lazy = (this.#lazy ??= {});
    lazy.body ??= this.#files.bodyOf(this.path);
    return lazy.body;
  }
}

// The data validated: a typed field is text, a list of texts, or missing.
function text(value: JsonValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function list(value: JsonValue | undefined): readonly string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

/**
 * `lines` as a row stores them when it names exactly the keys of the data, in their order: the
 * numbers, comma-separated, or "" for one line per key from line 2. Undefined when it does not
 * (the row keeps the record itself).
 */
export function encodeLines(keys: readonly string[], lines: Readonly<Record<string, number>>): string | undefined {
  const named = Object.keys(lines);
  if (named.length !== keys.length || named.some((key, i) => key !== keys[i])) return undefined;
  const numbers = keys.map((key) => lines[key] as number);
  if (!numbers.every((n) => Number.isInteger(n) && n > 0)) return undefined;
  // The usual case, one line per key from the line after `---`: nothing to store.
  return numbers.every((n, i) => n === i + 2) ? "" : numbers.join(",");
}

function decodeLines(keys: readonly string[], stored: string | Readonly<Record<string, number>>): Record<string, number> {
  if (typeof stored !== "string") return { ...stored };
  const numbers = stored === "" ? undefined : stored.split(",");
  const lines: Record<string, number> = {};
  keys.forEach((key, i) => (lines[key] = numbers === undefined ? i + 2 : Number(numbers[i])));
  return lines;
}
