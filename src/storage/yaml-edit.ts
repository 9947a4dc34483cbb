import { Document, isMap, isScalar, isSeq, type Pair, type ParsedNode, type Scalar, visit } from "./yaml-library.js";
import { TasksError } from "../app/errors.js";
import { FIELD, FIELD_ORDER, type FieldEdit, type JsonValue } from "../domain/task.js";
import { parseStrictYaml } from "./yaml-strict.js";

/**
 * Surgical frontmatter edits. A change to one field rewrites only that field's text: every other
 * byte (comments, key order, quoting, spacing, line endings) stays as it was. Each edit is checked
 * by parsing the result again; if the text would not read back as intended, the edit is refused
 * rather than written.
 */

export type { FieldEdit };

// Words other YAML 1.1 readers take as booleans: written quoted so every reader sees text.
const YAML11_AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
const BLOCK_LIST_FIELDS = new Set<string>([FIELD.definitionOfDone]);

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

function lineOf(text: string, offset: number): number {
  let count = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/**
 * How to write a pair: `flow` keeps an existing list's style (a new list gets its field's usual
 * style), `quote` keeps the quoting of the value being replaced.
 */
interface PairStyle {
  readonly indentSeq?: boolean;
  readonly flow?: boolean | undefined;
  readonly quote?: Scalar.Type | undefined;
}

function renderPair(key: string, value: JsonValue, eol: string, style: PairStyle = {}): string {
  if (value === null) return `${key}:${eol}`;
  const flow = style.flow ?? !BLOCK_LIST_FIELDS.has(key);
  const doc = new Document({ [key]: value });
  visit(doc, {
    Scalar(k, node) {
      if (k === "key" || typeof node.value !== "string") return;
      // Line breaks would make a plain scalar span lines; double quotes keep it on one.
      if (YAML11_AMBIGUOUS.test(node.value) || LINE_BREAK.test(node.value)) node.type = "QUOTE_DOUBLE";
      else if (style.quote) node.type = style.quote;
    },
    Seq(_k, node) {
      node.flow = flow || node.items.length === 0;
    },
  });
  // No block scalars: a value with line breaks stays on one line, as a double-quoted string.
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: style.indentSeq ?? true, blockQuote: false });
  return eol === "\n" ? out : out.replace(/\n/g, eol);
}

/** The value's text alone (`alice`, `[a, b]`), for replacing a value in place. */
function renderInline(key: string, value: JsonValue, quote?: Scalar.Type): string | undefined {
  const pair = renderPair(key, value, "\n", { flow: true, quote }).replace(/\n$/, "");
  const prefix = `${key}: `;
  if (!pair.startsWith(prefix) || pair.includes("\n")) return undefined;
  return pair.slice(prefix.length);
}

function findPair(yaml: string, key: string): { pair: Pair<ParsedNode, ParsedNode | null> | undefined; keys: string[] } {
  const parsed = parseStrictYaml(yaml);
  if (!parsed.ok) throw new TasksError("INVALID_TASK_FILE", `frontmatter cannot be edited: ${parsed.problem.message}`);
  const contents = parsed.doc.contents;
  if (contents === null) return { pair: undefined, keys: [] };
  if (!isMap(contents)) throw new TasksError("INVALID_TASK_FILE", "frontmatter must be a YAML mapping");
  const items = contents.items as Pair<ParsedNode, ParsedNode | null>[];
  const keys = items.map((p) => (isScalar(p.key) ? String(p.key.value) : ""));
  return { pair: items.find((p) => isScalar(p.key) && p.key.value === key), keys };
}

function pairSpan(yaml: string, pair: Pair<ParsedNode, ParsedNode | null>): [number, number] {
  const keyRange = pair.key.range;
  const end = pair.value?.range[2] ?? keyRange[2];
  return [lineStart(yaml, keyRange[0]), lineEndAfter(yaml, Math.max(end - 1, keyRange[1]))];
}

/**
 * Rewrites only the value's text when it sits on the key's line: `owner: alice  # lead` keeps
 * its spacing and comment. `undefined` when the value has to be rewritten with its key.
 */
function replaceInPlace(yaml: string, pair: Pair<ParsedNode, ParsedNode | null>, key: string, next: JsonValue): string | undefined {
  const value = pair.value;
  if (value === null || lineOf(yaml, value.range[0]) !== lineOf(yaml, pair.key.range[0])) return undefined;
  const source = yaml.slice(value.range[0], value.range[1]);
  if (source.includes("\n") || !(isScalar(value) || (isSeq(value) && value.flow === true))) return undefined;
  if (next === null) return yaml.slice(0, value.range[0]).replace(/[ ]+$/, "") + yaml.slice(value.range[1]);
  if (source === "") {
    // `key:` or `key: # comment`: the value goes after the colon, the comment after the value.
    if (Array.isArray(next) && BLOCK_LIST_FIELDS.has(key)) return undefined;
    const inline = renderInline(key, next);
    if (inline === undefined) return undefined;
    const colon = yaml.indexOf(":", pair.key.range[1]) + 1;
    const lineEnd = colon + yaml.slice(colon).search(/\r?\n|$/);
    const comment = yaml.slice(colon, lineEnd).trim();
    return `${yaml.slice(0, colon)} ${inline}${comment ? ` ${comment}` : ""}${yaml.slice(lineEnd)}`;
  }
  if (Array.isArray(next) !== isSeq(value)) return undefined;
  // A quoted value stays quoted the same way: `title: 'Fix login'` → `title: 'Fix logout'`.
  const quote = isScalar(value) && (value.type === "QUOTE_SINGLE" || value.type === "QUOTE_DOUBLE") ? value.type : undefined;
  const inline = renderInline(key, next, quote);
  return inline === undefined ? undefined : yaml.slice(0, value.range[0]) + inline + yaml.slice(value.range[1]);
}

function applyEdit(yaml: string, edit: FieldEdit, eol: string): string {
  const { pair, keys } = findPair(yaml, edit.key);
  if (!pair) {
    if (edit.value === undefined) return yaml;
    return insertPair(yaml, edit.key, edit.value, keys, eol);
  }
  const [start, end] = pairSpan(yaml, pair);
  if (edit.value === undefined) return yaml.slice(0, start) + yaml.slice(end);
  const inPlace = replaceInPlace(yaml, pair, edit.key, edit.value);
  if (inPlace !== undefined) return inPlace;
  const value = pair.value;
  const keyLineEnd = lineEndAfter(yaml, pair.key.range[0]);
  const blockList = isSeq(value) && !value.flow;
  const indentSeq = blockList ? /^[ ]+-/.test(yaml.slice(keyLineEnd)) : true;
  // A list keeps the style it was written in: flow stays flow, block stays block.
  const flow = isSeq(value) ? value.flow === true : undefined;
  let text = renderPair(edit.key, edit.value, eol, { indentSeq, flow });
  let from = start;
  if (blockList && Array.isArray(edit.value) && edit.value.length > 0) {
    // Only the items change; the key line and its comment stay.
    text = text.slice(text.indexOf("\n") + 1);
    from = keyLineEnd;
  }
  if (end === yaml.length && !yaml.endsWith("\n")) text = text.replace(/\r?\n$/, "");
  return yaml.slice(0, from) + text + yaml.slice(end);
}

function insertPair(yaml: string, key: string, value: JsonValue, keys: readonly string[], eol: string): string {
  const text = renderPair(key, value, eol);
  const order = FIELD_ORDER.indexOf(key);
  // After the nearest field that comes before it in the canonical order, else at the end.
  for (let i = order - 1; order > 0 && i >= 0; i--) {
    const before = FIELD_ORDER[i] as string;
    if (!keys.includes(before)) continue;
    const { pair } = findPair(yaml, before);
    if (!pair) break;
    const [, end] = pairSpan(yaml, pair);
    const prefix = yaml.slice(0, end);
    return (prefix.endsWith("\n") || prefix === "" ? prefix : prefix + eol) + text + yaml.slice(end);
  }
  const prefix = yaml === "" || yaml.endsWith("\n") ? yaml : yaml + eol;
  return prefix + text;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Applies the edits in order; refuses (throws) if the result would not read back as intended. */
export function editFrontmatterYaml(yaml: string, edits: readonly FieldEdit[], eol: "\n" | "\r\n"): string {
  const before = parseStrictYaml(yaml);
  if (!before.ok) throw new TasksError("INVALID_TASK_FILE", `frontmatter cannot be edited: ${before.problem.message}`);
  const expected: Record<string, JsonValue> = { ...before.data };
  let text = yaml;
  for (const edit of edits) {
    if (edit.value === undefined) delete expected[edit.key];
    else expected[edit.key] = edit.value;
    text = applyEdit(text, edit, eol);
  }
  const after = parseStrictYaml(text);
  if (!after.ok || canonical(after.data) !== canonical(expected)) {
    throw new TasksError("INTERNAL", "the frontmatter edit did not read back as intended; nothing was written", {
      hint: "please report this with the task file attached",
    });
  }
  return text;
}

/** A new frontmatter block from fields in the given order, written the way edits write them. */
export function renderFrontmatter(fields: readonly (readonly [string, JsonValue])[], eol: "\n" | "\r\n"): string {
  return fields.map(([key, value]) => renderPair(key, value, eol)).join("");
}

/** The exact text of a field's lines (`owner: alice\n`), or undefined when the key is absent. */
export function pairText(yaml: string, key: string): string | undefined {
  const { pair } = findPair(yaml, key);
  if (!pair) return undefined;
  const [start, end] = pairSpan(yaml, pair);
  return yaml.slice(start, end);
}

/**
 * Replaces fields' lines with the given texts (no re-parse check: the merge uses it to write
 * conflict markers, which are meant to make the file unreadable until someone resolves them).
 * Texts for fields the YAML does not have go at the end.
 */
export function replacePairTexts(yaml: string, replacements: ReadonlyMap<string, string>): string {
  const spans: [number, number, string][] = [];
  let appended = "";
  for (const [key, text] of replacements) {
    const { pair } = findPair(yaml, key);
    if (pair) spans.push([...pairSpan(yaml, pair), text]);
    else appended += text;
  }
  let out = yaml;
  for (const [start, end, text] of spans.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  if (appended === "") return out;
  return (out === "" || out.endsWith("\n") ? out : `${out}\n`) + appended;
}
