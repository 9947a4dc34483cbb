import { isTasksError } from "../app/errors.js";
import type { Config } from "../domain/config.js";
import { type FieldConflict, mergeTaskVersions, type ResolvedField, type TaskMerge, type TaskVersion } from "../domain/merge.js";
import { type MergeText, mergeChangedText } from "../domain/merge-body.js";
import type { JsonValue } from "../domain/task.js";
import { joinFrontmatter, type SplitFile, splitFrontmatter } from "./frontmatter.js";
import { findConflictMarker } from "./task-codec.js";
import { editFrontmatterYaml, pairText, renderFrontmatter, replacePairTexts } from "./yaml-edit.js";
import { parseStrictYaml } from "./yaml-strict.js";

/**
 * Three versions of a task file's text → the merged text. The frontmatter merges field by field
 * (src/domain/merge.ts) and is written onto our version with the surgical editor, so the result
 * keeps our formatting and changes only the lines the other side's changes need. A field in
 * conflict gets git's standard markers around both versions of its lines. The body, and a file
 * that is not a readable task on every side (README.md, a broken file), merge as text with
 * `mergeText`: git's own three-way merge (src/git/merge-file.ts), handed in by the caller.
 */

export interface FileMerge {
  readonly text: string;
  /** What stayed in conflict: field names, "body", or "text" for a plain-text merge. */
  readonly conflicts: readonly string[];
  /** The field conflicts with both values, for messages. */
  readonly fieldConflicts: readonly FieldConflict[];
  readonly resolved: readonly ResolvedField[];
  /** True when the file merged as plain text (not readable as a task on every side). */
  readonly asText: boolean;
}

interface Side {
  readonly split: SplitFile;
  readonly version: TaskVersion;
}

const EMPTY: TaskVersion = { data: {}, body: "" };

function readSide(text: string): Side | undefined {
  if (findConflictMarker(text) !== undefined) return undefined;
  const split = splitFrontmatter(text);
  if (!split.ok) return undefined;
  const parsed = parseStrictYaml(split.file.yaml);
  if (!parsed.ok) return undefined;
  return { split: split.file, version: { data: parsed.data, body: split.file.body } };
}

async function asText(base: string, ours: string, theirs: string, mergeText: MergeText): Promise<FileMerge> {
  const merged = await mergeChangedText(mergeText, base, ours, theirs);
  return { text: merged.text, conflicts: merged.conflicts > 0 ? ["text"] : [], fieldConflicts: [], resolved: [], asText: true };
}

function withNewline(text: string, eol: string): string {
  return text === "" || text.endsWith("\n") ? text : text + eol;
}

function markerBlock(key: string, ours: Side, theirs: Side, theirsValue: JsonValue | undefined, eol: "\n" | "\r\n"): string {
  const oursText = pairText(ours.split.yaml, key) ?? "";
  const theirsText = pairText(theirs.split.yaml, key) ?? (theirsValue === undefined ? "" : renderFrontmatter([[key, theirsValue]], eol));
  return `<<<<<<< ours${eol}${withNewline(oursText, eol)}=======${eol}${withNewline(theirsText, eol)}>>>>>>> theirs${eol}`;
}

export async function mergeTaskFiles(base: string, ours: string, theirs: string, config: Config, mergeText: MergeText): Promise<FileMerge> {
  const o = readSide(ours);
  const t = readSide(theirs);
  // An empty base is an add/add: both sides created the file; every differing field is a clash.
  const b = base === "" ? { version: EMPTY } : readSide(base);
  if (!o || !t || !b) return asText(base, ours, theirs, mergeText);
  try {
    return applyMerge(await mergeTaskVersions(b.version, o.version, t.version, config, mergeText), o, t);
  } catch (error) {
    // git itself failing would fail the text merge too: that is the caller's to report.
    if (isTasksError(error) && error.code === "GIT_FAILED") throw error;
    // Whatever the field merge cannot do (an edit that would not read back, say), git's way can.
    return asText(base, ours, theirs, mergeText);
  }
}

function applyMerge(merge: TaskMerge, o: Side, t: Side): FileMerge {
  const eol = o.split.eol;
  let yaml = merge.edits.length > 0 ? editFrontmatterYaml(o.split.yaml, merge.edits, eol) : o.split.yaml;
  if (merge.conflicts.length > 0) {
    const blocks = new Map(merge.conflicts.map((c) => [c.key, markerBlock(c.key, o, t, c.theirs, eol)] as const));
    yaml = replacePairTexts(yaml, blocks);
  }
  const conflicts = [...merge.conflicts.map((c) => c.key), ...(merge.bodyConflicted ? ["body"] : [])];
  return { text: joinFrontmatter(o.split, yaml, merge.body), conflicts, fieldConflicts: merge.conflicts, resolved: merge.resolved, asText: false };
}
