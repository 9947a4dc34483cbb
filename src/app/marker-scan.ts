import type { GitPort } from "../git/git.js";
import { guessHeadCommit } from "../git/repo-state.js";
import { changedBelow, filesWithMarkerLines, type FolderState, unwatchedPaths } from "../git/work-state.js";
import { type MarkerFacts, readMarkerFacts, writeMarkerFacts } from "../storage/marker-cache.js";
import { findConflictMarker } from "../storage/task-codec.js";
import type { Repo } from "./deps.js";

/**
 * Which tracked files below the tasks folder hold conflict markers in the working tree: the
 * answer `git grep -l -I -e '^<<<<<<<' -e '^>>>>>>>'` plus an exact look at each match gives,
 * without reading every file on every write. A file `git status` calls clean holds the bytes of
 * HEAD's commit, and what a commit's files hold is cached by commit id (storage/marker-cache.ts);
 * only the files that differ from HEAD, the ones git is told not to look at, and the ones the
 * cache does not know are read. After a checkout, rebase, reset or commit the cache is brought
 * forward by the paths that changed between the two commits (one `git diff-tree`); when it cannot
 * be (no cache, a commit gone, too many changes), one `git grep` of the folder decides, as
 * without the cache.
 */

const MARKER_START = /^(?:<{7}|>{7})/m;
/** Beyond this many changed files, one `git grep` is quicker than reading them. */
const FULL_SCAN_AFTER = 256;

/** git grep's test (text files only, a line starting like a marker), then the exact one. */
export function holdsMarkers(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8000).includes(0)) return false;
  const text = new TextDecoder().decode(bytes);
  return MARKER_START.test(text) && findConflictMarker(text) !== undefined;
}

function markedOnDisk(repo: Repo, path: string): boolean {
  try {
    const bytes = repo.store.readFileBytes(repo.store.absPath(path));
    return bytes instanceof Uint8Array && holdsMarkers(bytes);
  } catch {
    return false;
  }
}

/** A `git diff-tree` from the cached commit to the HEAD the git folder names, started beside `git status`. */
export interface EarlyAdvance {
  readonly from: string;
  readonly to: string;
  readonly changed: ReturnType<typeof changedBelow>;
}

/**
 * Starts bringing the marker facts forward before `git status` has said which commit HEAD is:
 * from the cached commit to the one the git folder names (guessHeadCommit). filesWithMarkers
 * uses the answer only when status names that same commit. Undefined when there is nothing to
 * bring forward, or HEAD cannot be read without git.
 */
export function startAdvance(git: GitPort, repo: Repo): EarlyAdvance | undefined {
  const cache = repo.store.cache;
  if (cache === undefined) return undefined;
  const kept = readMarkerFacts(cache.gitDir, cache.tool, repo.config.tasksDir);
  const head = guessHeadCommit(repo.gitDir);
  if (kept === undefined || head === undefined || kept.commit === head) return undefined;
  const changed = changedBelow(git, kept.commit, head, repo.config.tasksDir);
  changed.catch(() => undefined);
  return { from: kept.commit, to: head, changed };
}

async function advance(git: GitPort, facts: MarkerFacts, head: string, dir: string, early?: EarlyAdvance): Promise<MarkerFacts | undefined> {
  const changed = early !== undefined && early.from === facts.commit && early.to === head ? await early.changed : await changedBelow(git, facts.commit, head, dir);
  if (changed === null || changed.present.length + changed.gone.length > FULL_SCAN_AFTER) return undefined;
  const touched = new Set([...changed.present, ...changed.gone]);
  const gone = new Set(changed.gone);
  // The facts stay about files of the commit: a file it no longer has is forgotten.
  const unknown = [...new Set([...facts.unknown.filter((p) => !gone.has(p)), ...changed.present])];
  return { commit: head, marked: facts.marked.filter((p) => !touched.has(p)), unknown };
}

/**
 * Called once git has no unmerged file (unmerged paths are refused first), so every status code
 * here is one of a resolved tree. The facts hold only files of HEAD's commit: `marked` those of
 * them with markers, `unknown` those not looked at; every other file of the commit has none.
 */
export async function filesWithMarkers(git: GitPort, repo: Repo, state: FolderState, early?: EarlyAdvance): Promise<string[]> {
  const dir = repo.config.tasksDir;
  const cache = repo.store.cache;
  const head = state.head;
  const unwatched = unwatchedPaths(state);
  // git grep reads a file git is told not to look at from the index, not the disk: with such a
  // file (rare: sparse checkouts, assume-unchanged) the answer is git grep's own.
  if (cache === undefined || head === null || unwatched.length > 0) return (await filesWithMarkerLines(git, dir)).filter((p) => markedOnDisk(repo, p));
  const kept = readMarkerFacts(cache.gitDir, cache.tool, dir);
  // Tracked files whose bytes may not be HEAD's (a staged removal is no longer tracked: X is D).
  const differs = new Set([...state.entries.filter((e) => e.code !== "??" && e.code[0] !== "D").map((e) => e.path), ...unwatched]);
  const uncertain = new Set([...differs, ...state.entries.map((e) => e.path)]);
  // Of those, the ones HEAD's commit has (not added since): what the facts may not know yet.
  const added = new Set(state.entries.filter((e) => e.code === "??" || e.code[0] === "A").map((e) => e.path));
  const inHead = [...unwatched, ...state.entries.map((e) => e.path)].filter((p) => !added.has(p));
  let facts = kept?.commit === head ? kept : kept ? await advance(git, kept, head, dir, early) : undefined;
  if (facts === undefined) {
    const matches = await filesWithMarkerLines(git, dir);
    facts = { commit: head, marked: matches.filter((p) => !uncertain.has(p) && markedOnDisk(repo, p)), unknown: [...new Set(inHead)] };
  }
  const marked = new Set(facts.marked);
  const unknown: string[] = [];
  for (const path of facts.unknown) {
    if (uncertain.has(path)) unknown.push(path);
    // A file of HEAD's commit that git now calls clean holds that commit's bytes.
    else if (markedOnDisk(repo, path)) marked.add(path);
  }
  const next: MarkerFacts = { commit: head, marked: [...marked].sort(), unknown: unknown.sort() };
  if (next !== kept && JSON.stringify(next) !== JSON.stringify(kept)) writeMarkerFacts(cache.gitDir, cache.tool, dir, next);
  const answer = new Set([...marked].filter((p) => !uncertain.has(p)));
  for (const path of differs) if (markedOnDisk(repo, path)) answer.add(path);
  return [...answer].sort();
}
