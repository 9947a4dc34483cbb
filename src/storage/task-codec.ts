import type { JsonValue, Problem, Task } from "../domain/task.js";
import { validateTask } from "../domain/task-schema.js";
import { parseFastYaml } from "./fast-yaml.js";
import type * as YamlStrict from "./yaml-strict.js";
import { splitErrorMessage, splitFrontmatter, type SplitFile } from "./frontmatter.js";

/**
 * Bytes of a task file → a Task, or a Problem naming the file, the line and how to fix it.
 * The fast reader handles the common shape; anything else goes through the strict Document parser,
 * which is loaded only when a file needs it.
 */

export const MAX_FILE_BYTES = 1024 * 1024;

// `=======` alone is also a Markdown heading underline; a real conflict always has `<<<<<<<` first.
const CONFLICT_MARKER = /^(<{7}|>{7}|\|{7})(?: |\r?$)/m;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type StrictModule = typeof YamlStrict;
let strictModule: Promise<StrictModule> | undefined;
export function loadStrictYaml(): Promise<StrictModule> {
  strictModule ??= import("./yaml-strict.js");
  return strictModule;
}

export type Decoded = { readonly task: Task; readonly text: string } | { readonly problem: Problem };

function problem(path: string, line: number, kind: Problem["kind"], message: string, hint?: string): { problem: Problem } {
  return { problem: { path, line, kind, message, ...(hint ? { hint } : {}) } };
}

export function decodeText(path: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return problem(path, 1, "size", "file is larger than 1 MiB", "split the notes into a linked document");
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return problem(path, 1, "encoding", "file is not valid UTF-8", "save the file as UTF-8");
  }
}

export function findConflictMarker(text: string): number | undefined {
  const match = CONFLICT_MARKER.exec(text);
  if (!match) return undefined;
  return text.slice(0, match.index).split("\n").length;
}

/** The text after `field:` on its (file) line, without a trailing comment: how a plain scalar was written. */
function rawScalar(split: SplitFile, field: string, fileLine: number | undefined): string | undefined {
  if (fileLine === undefined) return undefined;
  const line = split.yaml.split("\n")[fileLine - split.yamlFirstLine];
  if (line === undefined || !line.startsWith(`${field}:`)) return undefined;
  return line.slice(field.length + 1).replace(/\r$/, "").replace(/\s+#.*$/, "").trim();
}

type Parsed = { data: Record<string, JsonValue>; lines: Record<string, number> } | { problem: Problem };

/**
 * Parses a split file's YAML: the fast reader first, the strict parser when given. Returns
 * `undefined` when the fast reader declined and no strict parser was given.
 */
export function parseFrontmatterSync(path: string, split: SplitFile, strict: StrictModule | undefined): Parsed | undefined {
  const offset = split.yamlFirstLine - 1;
  const fast = parseFastYaml(split.yaml);
  let data: Record<string, JsonValue>;
  let lines: Record<string, number>;
  if (fast) {
    ({ data, lines } = fast);
  } else {
    if (!strict) return undefined;
    const parsed = strict.parseStrictYaml(split.yaml);
    if (!parsed.ok) {
      const { line, message, hint, field } = parsed.problem;
      return { problem: { path, line: line + offset, kind: "yaml", message, ...(hint ? { hint } : {}), ...(field ? { field } : {}) } };
    }
    ({ data, lines } = parsed);
  }
  const fileLines: Record<string, number> = {};
  for (const [key, line] of Object.entries(lines)) fileLines[key] = line + offset;
  return { data, lines: fileLines };
}

/** Decodes a task file. Synchronous when `strict` is given or the fast reader suffices. */
export function decodeTaskSync(path: string, bytes: Uint8Array, strict: StrictModule | undefined): Decoded | undefined {
  const decoded = decodeText(path, bytes);
  if ("problem" in decoded) return decoded;
  const { text } = decoded;
  const markerLine = findConflictMarker(text);
  if (markerLine !== undefined) {
    return problem(path, markerLine, "conflict-markers", "file holds git conflict markers", "resolve the conflict, then commit the file");
  }
  const split = splitFrontmatter(text);
  if (!split.ok) {
    const { message, hint } = splitErrorMessage(split.error);
    return problem(path, split.error.line, "frontmatter", message, hint);
  }
  const parsed = parseFrontmatterSync(path, split.file, strict);
  if (parsed === undefined) return undefined;
  if ("problem" in parsed) return parsed;
  const raw = (field: string): string | undefined => rawScalar(split.file, field, parsed.lines[field]);
  const result = validateTask({ path, data: parsed.data, lines: parsed.lines, body: split.file.body, raw });
  if ("kind" in result && !("title" in result)) return { problem: result };
  return { task: result as Task, text };
}

export async function decodeTask(path: string, bytes: Uint8Array): Promise<Decoded> {
  return decodeTaskSync(path, bytes, undefined) ?? (decodeTaskSync(path, bytes, await loadStrictYaml()) as Decoded);
}
