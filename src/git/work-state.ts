import { TasksError } from "../app/errors.js";
import type { GitPort } from "./git.js";
import { assertRemoteName } from "./remote-ops.js";

/**
 * Read-only questions sync and claim ask git: the branch and its upstream, how far apart they
 * are, what is dirty or unmerged, which files hold conflict markers, what a tree holds. Output is
 * read NUL-separated; paths come back unquoted (core.quotePath is off).
 */

/** A full object id as git prints it (SHA-1 or SHA-256), without a regular expression. */
export function isObjectId(text: string): boolean {
  if (text.length !== 40 && text.length !== 64) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

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
  if (!isObjectId(local) || !isObjectId(upstream)) throw new TasksError("INTERNAL", "aheadBehind takes commit ids");
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
  if (!isObjectId(rev)) throw new TasksError("INTERNAL", "treeFiles takes a commit id");
  return splitNul(await git.raw(["ls-tree", "-r", "-z", "--full-tree", rev, "--", dir])).flatMap((entry) => {
    const match = /^100(?:644|755) blob ([0-9a-f]{40,64})\t(.*)$/s.exec(entry);
    return match ? [{ blob: match[1] as string, path: match[2] as string }] : [];
  });
}

/** Paths that differ between two commits. */
export async function changedBetween(git: GitPort, from: string, to: string): Promise<string[]> {
  if (!isObjectId(from) || !isObjectId(to)) throw new TasksError("INTERNAL", "changedBetween takes commit ids");
  return splitNul(await git.raw(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", from, to]));
}

/** The commit that first added `path` (following no renames) and its committer date; null when none. */
export async function commitAdding(git: GitPort, path: string): Promise<{ commit: string; date: string } | null> {
  const out = (await git.raw(["log", "--diff-filter=A", "--no-renames", "--format=%H %cI", "--", `:(literal)${path}`])).trim().split("\n");
  const [commit = "", date = ""] = (out[out.length - 1] ?? "").split(" ");
  return isObjectId(commit) ? { commit, date } : null;
}

/** A value from git config (any scope), or undefined. */
export async function configValue(git: GitPort, key: string): Promise<string | undefined> {
  const out = (await git.raw(["config", "--get", key])).replace(/\n$/, "");
  return out === "" ? undefined : out;
}

export interface TrackedFile {
  readonly path: string;
  /** `100644`, `100755`, `120000` (a symbolic link), `160000` (a submodule). */
  readonly mode: string;
  /** `H` as usual; `h`, `S`, `s`: git is told not to look at the file (assume-unchanged, skip-worktree). */
  readonly tag: string;
  /** The blob id the index holds for it. */
  readonly blob: string;
}

/** The commit HEAD names (null before the first commit) and what the index and status say below `dir`. */
export interface FolderState {
  readonly head: string | null;
  /** The same entries `statusEntries(git, [dir])` gives. */
  readonly entries: readonly StatusEntry[];
  /** Ignored paths (a folder ends with `/`). */
  readonly ignored: readonly string[];
  /** The index's entries, stage 0 (merged) only (made on first use from `index`). */
  readonly tracked: readonly TrackedFile[];
  /** The same entries as read, without an object per entry (100,000 of them in a big folder). */
  readonly index: IndexScan;
}

/** Kinds of an index entry (IndexScan.kinds), as bits. */
export const INDEX_WATCHED = 1; // tag `H`: git looks at the file (not assume-unchanged or skip-worktree)
export const INDEX_REGULAR = 2; // mode 100644 or 100755
export const INDEX_LINK = 4; // mode 120000
export const INDEX_GITLINK = 8; // mode 160000: a submodule

/**
 * `git ls-files -s -v -z` output, stage-0 entries only, scanned once: each entry's path, its kind
 * (the bits above) and where its blob id is in the text (sliced only when asked for).
 */
export class IndexScan {
  readonly paths: string[] = [];
  readonly kinds: number[] = [];
  readonly #text: string;
  readonly #blobAt: number[] = [];
  readonly #blobEnd: number[] = [];

  constructor(text: string) {
    this.#text = text;
    // `H 100644 <blob> 0\t<path>` per entry, NUL-terminated.
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf("\0", start);
      if (end === -1) end = text.length;
      const tab = text.indexOf("\t", start);
      if (tab !== -1 && tab < end && tab - start > 11 && text.charCodeAt(tab - 1) === 48 && text.charCodeAt(tab - 2) === 32) {
        const mode = text.slice(start + 2, start + 8);
        const kind =
          (text.charCodeAt(start) === 72 ? INDEX_WATCHED : 0) |
          (mode === "100644" || mode === "100755" ? INDEX_REGULAR : mode === "120000" ? INDEX_LINK : mode === "160000" ? INDEX_GITLINK : 0);
        this.paths.push(text.slice(tab + 1, end));
        this.kinds.push(kind);
        this.#blobAt.push(start + 9);
        this.#blobEnd.push(tab - 2);
      }
      start = end + 1;
    }
  }

  blob(i: number): string {
    return this.#text.slice(this.#blobAt[i], this.#blobEnd[i]);
  }

  /** The entry as a TrackedFile. */
  entry(i: number): TrackedFile {
    const start = (this.#blobAt[i] as number) - 9;
    return { tag: this.#text.slice(start, start + 1), mode: this.#text.slice(start + 2, start + 8), blob: this.blob(i), path: this.paths[i] as string };
  }
}

/**
 * `git status --porcelain=v2 --branch` and `git ls-files -s -v` below `dir`, side by side: HEAD's
 * commit id; every staged, unstaged, unmerged and untracked path, with the two-letter codes of
 * the v1 format; the ignored paths; and the index's files. Renames are off, so each entry names
 * one path. `readOnly`: without taking git's optional locks (for commands that change nothing).
 */
export async function folderState(git: GitPort, dir: string, options: { readOnly?: boolean } = {}): Promise<FolderState> {
  // A read never takes the index lock (status refreshes the index when it can): a write running
  // beside it must not find the lock taken.
  const lock = options.readOnly ? ["--no-optional-locks"] : [];
  const [out, index] = await Promise.all([
    git.raw([...lock, "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", "--ignored=matching", "--no-renames", "--ignore-submodules=dirty", "--", `:(literal)${dir}`]),
    git.raw(["ls-files", "-s", "-v", "-z", "--", `:(literal)${dir}`]),
  ]);
  let head: string | null = null;
  const entries: StatusEntry[] = [];
  const ignored: string[] = [];
  for (const record of splitNul(out)) {
    const kind = record[0];
    if (kind === "#") {
      const oid = /^# branch\.oid ([0-9a-f]{40,64})$/.exec(record);
      if (oid) head = oid[1] as string;
    } else if (kind === "?") entries.push({ code: "??", path: record.slice(2) });
    else if (kind === "!") ignored.push(record.slice(2));
    else if (kind === "1" || kind === "u") {
      // `1 XY sub mH mI mW hH hI path`, `u XY sub m1 m2 m3 mW h1 h2 h3 path`: the path is the rest.
      const fields = kind === "1" ? 8 : 10;
      let at = 0;
      for (let i = 0; i < fields && at !== -1; i++) at = record.indexOf(" ", at + 1);
      if (at !== -1) entries.push({ code: record.slice(2, 4).replace(/\./g, " "), path: record.slice(at + 1) });
    }
  }
  const scan = new IndexScan(index);
  let tracked: TrackedFile[] | undefined;
  return {
    head,
    entries,
    ignored,
    index: scan,
    get tracked() {
      tracked ??= scan.paths.map((_, i) => scan.entry(i));
      return tracked;
    },
  };
}

/**
 * Tracked paths below `dir` whose index entry tells git not to look at the file (assume-unchanged
 * or skip-worktree): `git status` calls them clean whatever the file holds.
 */
export function unwatchedPaths(state: FolderState): string[] {
  return state.tracked.filter((t) => t.tag !== "H").map((t) => t.path);
}

/**
 * Paths below `dir` that differ between two commits, those still there in `to` and those gone;
 * null when git cannot tell (a commit gone after a gc, a shallow boundary).
 */
export async function changedBelow(git: GitPort, from: string, to: string, dir: string): Promise<{ present: string[]; gone: string[] } | null> {
  if (!isObjectId(from) || !isObjectId(to)) throw new TasksError("INTERNAL", "changedBelow takes commit ids");
  let out: string;
  try {
    out = await git.raw(["diff-tree", "-r", "-z", "--name-status", "--no-renames", "--no-commit-id", from, to, "--", `:(literal)${dir}`]);
  } catch {
    return null;
  }
  const fields = splitNul(out);
  const present: string[] = [];
  const gone: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) (fields[i] === "D" ? gone : present).push(fields[i + 1] as string);
  return { present, gone };
}
