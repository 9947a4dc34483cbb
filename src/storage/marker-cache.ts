import { join } from "node:path";
import { readCacheFile, writeCacheFile } from "./parse-cache.js";

/**
 * What the conflict-marker guard of a write knows about one commit (`.git/tasks-cache/
 * markers-v1.json`): which files below the tasks folder hold conflict markers in that commit, and
 * which it does not know about yet. A commit id names its files' bytes for ever, so the facts
 * never go stale; a cache written for another commit, folder or version of the tool, or one that
 * does not read back whole and well formed, is not used. Local to the clone, never committed,
 * safe to delete.
 */

export interface MarkerFacts {
  readonly commit: string;
  /** Files below the folder that hold conflict markers in the commit. */
  readonly marked: readonly string[];
  /** Files below the folder whose content in the commit was not looked at. */
  readonly unknown: readonly string[];
}

const NAME = "markers-v1.json";
const HASH = /^[0-9a-f]{40,64}$/;

function paths(value: unknown, dir: string): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  // Paths as git writes them: inside the folder, no empty, `.` or `..` part, no NUL or backslash.
  const inside = (p: unknown): boolean => typeof p === "string" && p.startsWith(`${dir}/`) && !/[\0\\]/.test(p) && p.split("/").every((part) => part !== "" && part !== "." && part !== "..");
  return value.every(inside) ? (value as string[]) : undefined;
}

export function readMarkerFacts(gitDir: string, tool: string, dir: string): MarkerFacts | undefined {
  const parsed = readCacheFile(join(gitDir, "tasks-cache"), NAME) as Record<string, unknown> | undefined;
  if (parsed === undefined || parsed === null || typeof parsed !== "object") return undefined;
  if (parsed.tool !== tool || parsed.dir !== dir || typeof parsed.commit !== "string" || !HASH.test(parsed.commit)) return undefined;
  const marked = paths(parsed.marked, dir);
  const unknown = paths(parsed.unknown, dir);
  return marked && unknown ? { commit: parsed.commit, marked, unknown } : undefined;
}

/** Best effort: a cache that cannot be written is simply not there next time. */
export function writeMarkerFacts(gitDir: string, tool: string, dir: string, facts: MarkerFacts): void {
  writeCacheFile(join(gitDir, "tasks-cache"), NAME, JSON.stringify({ tool, dir, ...facts }), false);
}
