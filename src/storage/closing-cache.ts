import { join } from "node:path";
import { readCacheFile, writeCacheFile } from "./parse-cache.js";

/**
 * The last answer of `tasks done`'s closing-commit search (`.git/tasks-cache/closing-v1.json`):
 * the `git log --grep` output of the commits saying `Closes:`/`Fixes:` that are reachable from
 * `tip` and committed since `since` (null: the whole history). A commit id names its history for
 * ever, so the next search reads only the commits added since (app/closing-log.ts). A cache
 * written by another version of the tool, or one that does not read back whole and well formed,
 * is not used. Local to the clone, never committed, safe to delete.
 */

export interface ClosingLog {
  readonly tip: string;
  /** ISO date-time the search started from; null for the whole history. */
  readonly since: string | null;
  readonly output: string;
}

const NAME = "closing-v1.json";
const HASH = /^[0-9a-f]{40,64}$/;
/** Beyond this, the answer is not kept (a history with very many closing commits). */
export const MAX_CLOSING_LOG = 8 * 1024 * 1024;

export function readClosingLog(gitDir: string, tool: string): ClosingLog | undefined {
  const parsed = readCacheFile(join(gitDir, "tasks-cache"), NAME) as Record<string, unknown> | undefined;
  if (parsed === undefined || parsed === null || typeof parsed !== "object" || parsed.tool !== tool) return undefined;
  const { tip, since, output } = parsed;
  if (typeof tip !== "string" || !HASH.test(tip) || typeof output !== "string" || output.length > MAX_CLOSING_LOG) return undefined;
  // Every record ends with a NUL (git log -z): a cut-off output is not a complete answer.
  if (output !== "" && !output.endsWith("\0")) return undefined;
  if (since !== null && (typeof since !== "string" || Number.isNaN(Date.parse(since)))) return undefined;
  return { tip, since, output };
}

/** Best effort: a cache that cannot be written is simply not there next time. */
export function writeClosingLog(gitDir: string, tool: string, log: ClosingLog): void {
  if (log.output.length > MAX_CLOSING_LOG) return;
  writeCacheFile(join(gitDir, "tasks-cache"), NAME, JSON.stringify({ tool, ...log }), false);
}
