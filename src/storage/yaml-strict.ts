import {
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type ParsedNode,
  visit,
} from "./yaml-library.js";
import type { JsonValue } from "../domain/task.js";
import { MAX_FRONTMATTER_BYTES } from "./frontmatter.js";

/**
 * The full, strict YAML path: the `yaml` package's Document API with YAML 1.2 core schema, unique
 * keys, no merge keys, no tags, no aliases. Used for files the fast reader does not take, for
 * config files, and for every edit (yaml-edit.ts).
 */

export { MAX_FRONTMATTER_BYTES };
export const MAX_DEPTH = 64;

export const STRICT_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.2",
  schema: "core",
  merge: false,
  resolveKnownTags: false,
  customTags: [],
  uniqueKeys: true,
  strict: true,
  stringKeys: false,
  prettyErrors: true,
  logLevel: "error",
  keepSourceTokens: false,
};

export interface YamlProblem {
  /** 1-based line within the YAML text. */
  readonly line: number;
  readonly message: string;
  readonly hint?: string;
  readonly field?: string;
}

export type StrictParse =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly data: Record<string, JsonValue>; readonly lines: Record<string, number> }
  | { readonly ok: false; readonly problem: YamlProblem };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * How deeply the text nests: flow brackets plus block levels. Deep nesting exhausts the parser's
 * stack, and after a stack overflow Node can abort outright (reliability.md F11), so the text is
 * measured before the parser sees it.
 */
export function nestingDepth(text: string): number {
  return bracketDepth(text) + blockDepth(text);
}

// `key: |`, `- >-`: the lines indented below it are text, not nodes.
const BLOCK_SCALAR_HEADER = /(?:^|[ ])[|>][0-9+-]*[ ]*(?:#.*)?$/;
const COMPACT_INDICATORS = /^(?:[-?:](?:[ ]+|$))*/;

/** Block levels: one per deeper indentation, plus compact indicators on a line (`- - - x`). */
function blockDepth(text: string): number {
  const open: number[] = [];
  let max = 0;
  let scalarIndent = -1;
  for (const line of text.split("\n")) {
    const indent = line.length - line.replace(/^[ ]+/, "").length;
    const rest = line.slice(indent).replace(/\r$/, "");
    if (rest === "" || rest.startsWith("#")) continue;
    if (scalarIndent >= 0 && indent > scalarIndent) continue;
    scalarIndent = -1;
    while (open.length > 0 && (open[open.length - 1] as number) >= indent) open.pop();
    open.push(indent);
    const indicators = (COMPACT_INDICATORS.exec(rest)?.[0] ?? "").replace(/[ ]/g, "").length;
    max = Math.max(max, open.length + indicators);
    if (BLOCK_SCALAR_HEADER.test(rest)) scalarIndent = indent;
  }
  return max;
}

/** Bracket nesting outside quotes. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
      else if (ch === "\n") quote = "";
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") max = Math.max(max, ++depth);
    else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return max;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The message without yaml's own position and source snippet (we report positions ourselves). */
function cleanMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, "").trim();
}

export function parseStrictYaml(text: string, what = "frontmatter", maxBytes = MAX_FRONTMATTER_BYTES): StrictParse {
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    return { ok: false, problem: { line: 1, message: `${what} is larger than ${Math.round(maxBytes / 1024)} KiB`, hint: what === "frontmatter" ? "move long text into the body" : "shorten it" } };
  }
  if (nestingDepth(text) > MAX_DEPTH) {
    return { ok: false, problem: { line: 1, message: `${what} is nested deeper than ${MAX_DEPTH} levels` } };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, STRICT_OPTIONS);
  } catch (error) {
    return { ok: false, problem: { line: 1, message: `${what} cannot be parsed: ${(error as Error).message.split("\n")[0] ?? ""}` } };
  }
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? 1;
    return { ok: false, problem: { line, message: `invalid YAML: ${cleanMessage(error.message)}` } };
  }
  const refused = findRefusedNode(doc, text);
  if (refused) return { ok: false, problem: refused };
  const contents = doc.contents as ParsedNode | null;
  if (contents !== null && !isMap(contents)) {
    return { ok: false, problem: { line: 1, message: `${what} must be a YAML mapping of fields`, hint: "write one 'key: value' per line" } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 }) ?? {};
  } catch (error) {
    return { ok: false, problem: { line: 1, message: `${what} cannot be read: ${(error as Error).message.split("\n")[0] ?? ""}` } };
  }
  const lines: Record<string, number> = Object.create(null) as Record<string, number>;
  if (contents && isMap(contents)) {
    for (const pair of contents.items) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && pair.key.range) {
        lines[pair.key.value] = lineOfOffset(text, pair.key.range[0]);
      }
    }
  }
  return { ok: true, doc, data: toPlain(data) as Record<string, JsonValue>, lines };
}

function findRefusedNode(doc: Document.Parsed, text: string): YamlProblem | undefined {
  let problem: YamlProblem | undefined;
  const at = (node: { range?: readonly number[] | null | undefined }): number => lineOfOffset(text, node.range?.[0] ?? 0);
  visit(doc, {
    Alias(_key, node) {
      problem = { line: at(node), message: "YAML aliases (*name) are not allowed in task files", hint: "write the value out in full" };
      return visit.BREAK;
    },
    Node(_key, node) {
      if (node.tag) {
        problem = { line: at(node), message: `YAML tags (${node.tag.replace("tag:yaml.org,2002:", "!!")}) are not allowed`, hint: "remove the tag; quote the value if it must stay text" };
        return visit.BREAK;
      }
      return undefined;
    },
    Pair(_key, pair) {
      const key = pair.key;
      if (isAlias(key) || isCollection(key) || (isScalar(key) && typeof key.value !== "string")) {
        problem = { line: at((key ?? {}) as { range?: number[] }), message: "field names must be plain text" };
        return visit.BREAK;
      }
      if (isScalar(key) && FORBIDDEN_KEYS.has(String(key.value))) {
        problem = { line: at(key), message: `the field name "${String(key.value)}" is not allowed`, field: String(key.value) };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return problem;
}

/** Copies parsed data into plain JSON values with null prototypes kept out of the way. */
function toPlain(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of value) out[String(k)] = toPlain(v);
    return out;
  }
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return String(value);
}

/** The line of the deepest key along `path` that the document has (for messages about settings). */
export function lineOfKeyPath(text: string, path: readonly string[]): number | undefined {
  const parsed = parseStrictYaml(text, "file");
  if (!parsed.ok) return undefined;
  let node = parsed.doc.contents as ParsedNode | null;
  let line: number | undefined;
  for (const key of path) {
    // A list item is named by its place, counted from 1 (`labels.2`), as config errors name it.
    if (node && isSeq(node) && /^[1-9]\d*$/.test(key)) {
      const item = node.items[Number(key) - 1] as ParsedNode | undefined;
      if (!item) break;
      line = lineOfOffset(text, item.range?.[0] ?? 0);
      node = item;
      continue;
    }
    if (!node || !isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair || !isScalar(pair.key)) break;
    line = lineOfOffset(text, pair.key.range?.[0] ?? 0);
    node = pair.value as ParsedNode | null;
  }
  return line;
}
