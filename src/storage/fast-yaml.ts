import type { JsonValue } from "../domain/task.js";
import { MAX_FRONTMATTER_BYTES } from "./frontmatter.js";

/**
 * The fast read path. Task frontmatter is almost always a flat mapping of plain or quoted scalars,
 * flow lists and block lists; this reader takes exactly that subset, line by line, about ten times
 * faster than building a YAML Document. Anything outside the subset (anchors, tags, block scalars,
 * escapes, nested maps, numbers other than plain integers, duplicate keys…) returns `undefined`
 * and the caller falls back to the strict Document parser, so both paths always agree
 * (fast-yaml.test.ts checks it on every fixture and on generated input).
 */

export interface FastParse {
  readonly data: Record<string, JsonValue>;
  readonly lines: Record<string, number>;
}

// Characters whose presence anywhere sends the block to the full parser.
const UNUSUAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\t\\]/;
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_.-]*):(?:[ ]+(.*))?$/;
const ITEM_LINE = /^([ ]*)-(?:[ ]+(.*))?$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const PLAIN_FIRST_FORBIDDEN = new Set([..."-?:,[]{}#&*!|>'\"%@`"]);
const INT = /^[-+]?[0-9]+$/;
// The core schema's other number forms, exactly (yaml's schema/core): these go to the full parser;
// text that merely starts like a number (an id such as `2e6s2`, a version `1.2.3`) stays text.
const OTHER_NUMBER =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const NULLS = new Set(["~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);

const FALLBACK = Symbol("fallback");
type Scalar = string | number | boolean | null;

export function parseFastYaml(text: string): FastParse | undefined {
  if (UNUSUAL.test(text) || /\r(?!\n)/.test(text)) return undefined;
  // Oversized blocks are the strict parser's to refuse (a UTF-16 unit is at most 3 UTF-8 bytes).
  if (text.length * 3 > MAX_FRONTMATTER_BYTES && Buffer.byteLength(text, "utf8") > MAX_FRONTMATTER_BYTES) return undefined;
  const data: Record<string, JsonValue> = {};
  const lines: Record<string, number> = {};
  const rows = text.split("\n");
  let openList: { key: string; items: JsonValue[]; indent: number } | undefined;
  for (let index = 0; index < rows.length; index++) {
    let row = rows[index] as string;
    if (row.endsWith("\r")) row = row.slice(0, -1);
    if (/^[ ]*(#.*)?$/.test(row)) continue;
    const item = ITEM_LINE.exec(row);
    if (item) {
      if (!openList) return undefined;
      const indent = (item[1] as string).length;
      if (openList.items.length === 0) openList.indent = indent;
      else if (indent !== openList.indent) return undefined;
      const value = item[2] === undefined ? null : parseInlineScalar(item[2]);
      if (value === FALLBACK) return undefined;
      openList.items.push(value);
      continue;
    }
    const pair = KEY_LINE.exec(row);
    if (!pair) return undefined;
    const key = pair[1] as string;
    if (FORBIDDEN_KEYS.has(key) || Object.hasOwn(data, key) || resolvePlain(key, false) !== key) return undefined;
    lines[key] = index + 1;
    const raw = pair[2];
    if (raw === undefined || /^[ ]*(#.*)?$/.test(raw)) {
      // `key:` alone is null unless a block list follows.
      data[key] = null;
      openList = { key, items: [], indent: -1 };
      const following = nextContentLine(rows, index + 1);
      if (following !== undefined && ITEM_LINE.test(following)) data[key] = openList.items;
      else openList = undefined;
      continue;
    }
    openList = undefined;
    const value = raw.startsWith("[") ? parseFlowList(raw) : parseInlineScalar(raw);
    if (value === FALLBACK) return undefined;
    data[key] = value;
  }
  return { data, lines };
}

function nextContentLine(rows: readonly string[], from: number): string | undefined {
  for (let i = from; i < rows.length; i++) {
    const row = (rows[i] as string).replace(/\r$/, "");
    if (!/^[ ]*(#.*)?$/.test(row)) return row;
  }
  return undefined;
}

/** A scalar followed by nothing or a comment. */
function parseInlineScalar(raw: string): Scalar | typeof FALLBACK {
  const first = raw[0];
  if (first === '"' || first === "'") {
    const end = closingQuote(raw, 0);
    if (end === -1 || !isTrailingComment(raw.slice(end + 1))) return FALLBACK;
    return unquote(raw.slice(0, end + 1));
  }
  const hash = raw.search(/[ ]#/);
  const plain = (hash === -1 ? raw : raw.slice(0, hash)).replace(/[ ]+$/, "");
  return resolvePlain(plain, false);
}

function resolvePlain(plain: string, inFlow: boolean): Scalar | typeof FALLBACK {
  if (plain === "") return FALLBACK;
  if (PLAIN_FIRST_FORBIDDEN.has(plain[0] as string)) return FALLBACK;
  if (plain.includes(": ") || plain.endsWith(":") || plain.includes(" #")) return FALLBACK;
  if (inFlow && /[[\]{},]/.test(plain)) return FALLBACK;
  if (NULLS.has(plain)) return null;
  if (TRUES.has(plain)) return true;
  if (FALSES.has(plain)) return false;
  if (INT.test(plain)) {
    const number = Number(plain);
    return Number.isSafeInteger(number) ? number : FALLBACK;
  }
  if (OTHER_NUMBER.test(plain)) return FALLBACK;
  return plain;
}

function closingQuote(raw: string, start: number): number {
  const quote = raw[start];
  for (let i = start + 1; i < raw.length; i++) {
    if (raw[i] !== quote) continue;
    if (quote === "'" && raw[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

function unquote(token: string): string {
  const inner = token.slice(1, -1);
  return token[0] === "'" ? inner.replace(/''/g, "'") : inner;
}

function isTrailingComment(rest: string): boolean {
  return rest === "" || /^[ ]+(#.*)?$/.test(rest);
}

function parseFlowList(raw: string): JsonValue[] | typeof FALLBACK {
  const items: JsonValue[] = [];
  let i = 1;
  const skipSpaces = (): void => {
    while (raw[i] === " ") i++;
  };
  skipSpaces();
  if (raw[i] === "]") return isTrailingComment(raw.slice(i + 1)) ? items : FALLBACK;
  for (;;) {
    skipSpaces();
    const ch = raw[i];
    if (ch === undefined) return FALLBACK;
    let value: Scalar | typeof FALLBACK;
    if (ch === '"' || ch === "'") {
      const end = closingQuote(raw, i);
      if (end === -1) return FALLBACK;
      value = unquote(raw.slice(i, end + 1));
      i = end + 1;
    } else {
      const stop = raw.slice(i).search(/[,\]]/);
      if (stop === -1) return FALLBACK;
      value = resolvePlain(raw.slice(i, i + stop).replace(/[ ]+$/, ""), true);
      i += stop;
    }
    if (value === FALLBACK) return FALLBACK;
    items.push(value);
    skipSpaces();
    if (raw[i] === ",") {
      i++;
      skipSpaces();
      if (raw[i] === "]") return FALLBACK;
      continue;
    }
    if (raw[i] === "]") return isTrailingComment(raw.slice(i + 1)) ? items : FALLBACK;
    return FALLBACK;
  }
}
