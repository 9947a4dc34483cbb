import type { Config } from "../domain/config.js";
import type { GitPort } from "../git/git.js";
import { unmergedEntries } from "../git/work-state.js";
import { sanitizeLine } from "../render/sanitize.js";
import { mergeTaskFiles } from "../storage/task-file-merge.js";

/**
 * After git stopped on a conflict: which files, which tasks and which fields. The three versions
 * come from the index (stage 1 base, 2 upstream, 3 yours while rebasing) and go through the same
 * field merge the driver ran, so the fields named are exactly the ones still in conflict.
 */

export interface ConflictedFile {
  readonly path: string;
  readonly id: string | null;
  /** Field names, "body", "text"; or what git could not do ("deleted on one side"). */
  readonly what: readonly string[];
}

const decoder = new TextDecoder();
const ID_LINE = /^id:[ \t]*["']?([a-z0-9][a-z0-9_-]{0,39})["']?[ \t]*$/m;

function describeMissing(stages: ReadonlySet<number>): string {
  if (!stages.has(1)) return "added on both sides";
  return "deleted on one side, changed on the other";
}

export async function describeConflicts(git: GitPort, config: Config): Promise<ConflictedFile[]> {
  const entries = await unmergedEntries(git);
  const byPath = new Map<string, Map<number, string>>();
  for (const entry of entries) {
    const stages = byPath.get(entry.path) ?? new Map<number, string>();
    stages.set(entry.stage, entry.blob);
    byPath.set(entry.path, stages);
  }
  const blobs = await git.readBlobs(entries.map((e) => e.blob));
  const text = (blob: string | undefined): string => (blob ? decoder.decode(blobs.get(blob) ?? new Uint8Array()) : "");
  const files: ConflictedFile[] = [];
  for (const [path, stages] of byPath) {
    const inTasks = path.startsWith(`${config.tasksDir}/`) && path.endsWith(".md");
    const [base, ours, theirs] = [text(stages.get(1)), text(stages.get(2)), text(stages.get(3))];
    const id = ID_LINE.exec(ours)?.[1] ?? ID_LINE.exec(theirs)?.[1] ?? null;
    if (!inTasks) {
      files.push({ path, id: null, what: ["not a task file"] });
    } else if (!stages.has(2) || !stages.has(3)) {
      files.push({ path, id, what: [describeMissing(new Set(stages.keys()))] });
    } else {
      const what = await mergeTaskFiles(base, ours, theirs, config, git.mergeText).then(
        (merged) => (merged.conflicts.length > 0 ? merged.conflicts : ["text"]),
        // git could not merge it as text (binary to git): the whole file is the conflict.
        () => ["text"],
      );
      files.push({ path, id, what });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** `k7m2q: owner (tasks/2026-11/k7m2q-fix.md); src/app.ts: not a task file` */
export function conflictSummary(files: readonly ConflictedFile[]): string {
  return files
    .slice(0, 8)
    .map((f) => (f.id ? `${f.id}: ${f.what.join(", ")} (${sanitizeLine(f.path)})` : `${sanitizeLine(f.path)}: ${f.what.join(", ")}`))
    .concat(files.length > 8 ? [`and ${files.length - 8} more`] : [])
    .join("; ");
}
