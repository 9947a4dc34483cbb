import { TasksError } from "../app/errors.js";
import type { GitPort } from "./git.js";
import { assertRemoteName } from "./remote-ops.js";

/**
 * Read-only questions sync and claim ask git: the branch and its upstream, how far apart they
 * are, what is dirty or unmerged, which files hold conflict markers, what a tree holds. Output is
 * read NUL-separated; paths come back unquoted (core.quotePath is off).
 */

const HASH = /^[0-9a-f]{40,64}$/;

export interface Upstream {
  readonly branch: string;
  /** The remote's name in this clone's config (`origin`). */
  readonly remote: string;
  /** The branch on the remote (`refs/heads/main`). */
  readonly remoteRef: string;
  /** Where this clone keeps its copy (`refs/remotes/origin/main`). */
  readonly trackingRef: string;
  /** `origin/main`, for messages. */
  readonly label: string;
}

function splitNul(output: string): string[] {
  return output.split("\0").filter((p) => p !== "");
}

/** The checked-out branch, or null on a detached HEAD. */
export async function currentBranch(git: GitPort): Promise<string | null> {
  const name = (await git.raw(["symbolic-ref", "-q", "--short", "HEAD"])).trim();
  if (name === "") return null;
  await git.raw(["check-ref-format", "--branch", name]);
  return name;
}

/** The branch's upstream from git config, or null when it has none (or tracks a local branch). */
export async function upstreamOf(git: GitPort, branch: string): Promise<Upstream | null> {
  const format = "%(upstream)%00%(upstream:remotename)%00%(upstream:remoteref)";
  const line = (await git.raw(["for-each-ref", `--format=${format}`, `refs/heads/${branch}`])).replace(/\n$/, "");
  const [trackingRef = "", remote = "", remoteRef = ""] = line.split("\0");
  if (trackingRef === "" || remote === "" || remote === "." || !trackingRef.startsWith("refs/remotes/")) return null;
  assertRemoteName(remote);
  return { branch, remote, remoteRef, trackingRef, label: trackingRef.replace(/^refs\/remotes\//, "") };
}

/** Commits only in `local`, and only in `upstream`. */
export async function aheadBehind(git: GitPort, local: string, upstream: string): Promise<{ ahead: number; behind: number }> {
  if (!HASH.test(local) || !HASH.test(upstream)) throw new TasksError("INTERNAL", "aheadBehind takes commit ids");
  const [ahead = "0", behind = "0"] = (await git.raw(["rev-list", "--left-right", "--count", `${local}...${upstream}`])).trim().split(/\s+/);
  return { ahead: Number(ahead), behind: Number(behind) };
}

/** A status entry for a file git does not track (`??`). */
export function isUntracked(entry: StatusEntry): boolean {
  return entry.code === "??";
}

export interface StatusEntry {
  /** The two-letter porcelain code (`M `, ` M`, `??`, `UU` …). */
  readonly code: string;
  readonly path: string;
}

/**
 * Everything git would call uncommitted: staged, unstaged, untracked (ignored files excluded);
 * only below `paths` (files or folders, taken literally) when given.
 */
export async function statusEntries(git: GitPort, paths?: readonly string[]): Promise<StatusEntry[]> {
  if (paths?.length === 0) return [];
  const pathspecs = paths ? ["--", ...paths.map((p) => `:(literal)${p}`)] : [];
  const out = await git.raw(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--ignore-submodules=dirty", ...pathspecs]);
  return splitNul(out)
    .filter((entry) => entry.length > 3)
    .map((entry) => ({ code: entry.slice(0, 2), path: entry.slice(3) }));
}

export interface UnmergedEntry {
  readonly stage: number;
  readonly blob: string;
  readonly path: string;
}

/** Index entries git could not merge (stages 1 base, 2 ours, 3 theirs). */
export async function unmergedEntries(git: GitPort): Promise<UnmergedEntry[]> {
  return splitNul(await git.raw(["ls-files", "-u", "-z"])).flatMap((entry) => {
    const match = /^\d{6} ([0-9a-f]{40,64}) (\d)\t(.*)$/s.exec(entry);
    return match ? [{ blob: match[1] as string, stage: Number(match[2]), path: match[3] as string }] : [];
  });
}

/** Tracked files under `dir` with a line that starts like a conflict marker (candidates only). */
export async function filesWithMarkerLines(git: GitPort, dir: string): Promise<string[]> {
  return splitNul(await git.raw(["grep", "-l", "-z", "-I", "--no-color", "-e", "^<<<<<<<", "-e", "^>>>>>>>", "--", `:(literal)${dir}`]));
}

export interface TreeFile {
  readonly path: string;
  readonly blob: string;
}

/** The files under `dir` in commit `rev`. */
export async function treeFiles(git: GitPort, rev: string, dir: string): Promise<TreeFile[]> {
  if (!HASH.test(rev)) throw new TasksError("INTERNAL", "treeFiles takes a commit id");
  return splitNul(await git.raw(["ls-tree", "-r", "-z", "--full-tree", rev, "--", dir])).flatMap((entry) => {
    const match = /^100(?:644|755) blob ([0-9a-f]{40,64})\t(.*)$/s.exec(entry);
    return match ? [{ blob: match[1] as string, path: match[2] as string }] : [];
  });
}

/** Paths that differ between two commits. */
export async function changedBetween(git: GitPort, from: string, to: string): Promise<string[]> {
  if (!HASH.test(from) || !HASH.test(to)) throw new TasksError("INTERNAL", "changedBetween takes commit ids");
  return splitNul(await git.raw(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", from, to]));
}

/** The commit that first added `path` (following no renames) and its committer date; null when none. */
export async function commitAdding(git: GitPort, path: string): Promise<{ commit: string; date: string } | null> {
  const out = (await git.raw(["log", "--diff-filter=A", "--no-renames", "--format=%H %cI", "--", `:(literal)${path}`])).trim().split("\n");
  const [commit = "", date = ""] = (out[out.length - 1] ?? "").split(" ");
  return HASH.test(commit) ? { commit, date } : null;
}

/** A value from git config (any scope), or undefined. */
export async function configValue(git: GitPort, key: string): Promise<string | undefined> {
  const out = (await git.raw(["config", "--get", key])).replace(/\n$/, "");
  return out === "" ? undefined : out;
}
