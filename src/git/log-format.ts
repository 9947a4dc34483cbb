import type { CommitHeader } from "../domain/code-links.js";
/**
 * Our own `git log -z --raw` format and its parser. Fields are NUL-separated (git refuses NUL in
 * commit messages, so a subject cannot shift fields), and the raw section gives the blob ids of
 * every changed file, so file contents come from one `cat-file --batch` afterwards.
 */

export const LOG_FORMAT = [
  "%H",
  "%P",
  "%an",
  "%ae",
  "%aI",
  "%cI",
  "%s",
  "%(trailers:key=Task-Id,valueonly,separator=%x2C)",
  "%(trailers:key=Task-Action,valueonly,separator=%x2C)",
  // `tasks done --force` writes these two; both keys in one field, `Key: value` each, 0x1F apart.
  "%(trailers:key=Task-Override,key=Task-Review-Override,unfold,separator=%x1F)",
].join("%x00");

/**
 * The same, plus ref names (`%D`) and the message body (`%b`), for readers that look for commits
 * mentioning a task (handoff notes). Bodies can hold anything but NUL, so they stay one field.
 */
export const LOG_FORMAT_DETAILED = `${LOG_FORMAT}%x00%D%x00%b`;

const HEADER_FIELDS = 10;
const DETAILED_FIELDS = 12;
const META = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([A-Z])\d*$/;
const HASH = /^[0-9a-f]{40,64}$/;
const ZERO = /^0+$/;

export interface RawChange {
  /** A added, M modified, D deleted, T type changed. */
  readonly status: string;
  readonly path: string;
  /** Blob ids; `null` where the file did not exist (before an add, after a delete). */
  readonly oldBlob: string | null;
  readonly newBlob: string | null;
  readonly newMode: string;
}

export interface RawCommit extends CommitHeader {
  /** From the tool-written `Task-Id:` trailers only; never from the subject. */
  readonly taskIds: readonly string[];
  readonly actions: readonly string[];
  /** The `Task-Override:` trailer (and `Task-Review-Override:`) of a forced `done`; null without one. */
  readonly override: CommitOverride | null;
  readonly changes: readonly RawChange[];
  /** Detailed format only: ref names pointing at the commit (`main`, `origin/feat/x`; no tags). */
  readonly refs?: readonly string[];
  /** Detailed format only: the message after the subject. */
  readonly body?: string;
}

/** What a commit says it overrode (trailers anyone can type: an override is a confession, not a permission). */
export interface CommitOverride {
  readonly reason: string;
  /** The reviewer whose approval was skipped; null when only the definition of done was overridden. */
  readonly reviewer: string | null;
}

/** `Task-Override: why` and `Task-Review-Override: bob`, as `%(trailers:key=…)` printed them; the first of each key counts. */
export function parseOverride(field: string): CommitOverride | null {
  let reason: string | undefined;
  let reviewer: string | undefined;
  for (const trailer of field.split("\x1f")) {
    const colon = trailer.indexOf(":");
    if (colon < 0) continue;
    const key = trailer.slice(0, colon).trim().toLowerCase();
    const value = trailer.slice(colon + 1).trim();
    if (key === "task-override") reason ??= value;
    else if (key === "task-review-override" && value !== "") reviewer ??= value;
  }
  return reason === undefined ? null : { reason: capped(reason, 300), reviewer: reviewer === undefined ? null : capped(reviewer, 100) };
}

// The tool writes at most 200 characters (commit-message.ts); a hand-typed trailer can be any size.
function capped(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function logArguments(options: { since?: string; until?: string; paths: readonly string[]; maxCount?: number; detailed?: boolean; rev?: string }): string[] {
  const format = options.detailed ? LOG_FORMAT_DETAILED : LOG_FORMAT;
  const args = ["-z", "--raw", "--no-abbrev", "--no-renames", "--no-color", "--no-ext-diff", `--format=${format}`];
  if (options.since) args.push(`--since=${options.since}`);
  if (options.until) args.push(`--until=${options.until}`);
  if (options.maxCount !== undefined) args.push(`--max-count=${options.maxCount}`);
  // Only a full commit id: nothing that could be read as an option or a range.
  if (options.rev !== undefined && /^[0-9a-f]{40,64}$/.test(options.rev)) args.push(options.rev);
  args.push("--", ...options.paths);
  return args;
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * `HEAD -> main, tag: v1, origin/main, feat/x` → `feat/x`: branch names at a commit, without tags,
 * HEAD, and the branch HEAD is on (with its remote copies), which says nothing about the commit.
 */
export function parseRefNames(decoration: string): string[] {
  const refs = decoration.split(",").map((ref) => ref.trim());
  const current = refs.find((ref) => ref.startsWith("HEAD -> "))?.slice("HEAD -> ".length);
  return refs.filter(
    (ref) => ref !== "" && ref !== "HEAD" && !ref.startsWith("HEAD -> ") && !ref.startsWith("tag: ") && !ref.endsWith("/HEAD") && (current === undefined || (ref !== current && !ref.endsWith(`/${current}`))),
  );
}

/** Parses the output of `git log` run with `logArguments` (`detailed` must match). Newest commit first. */
export function parseLog(output: string, options: { detailed?: boolean } = {}): RawCommit[] {
  const headerFields = options.detailed ? DETAILED_FIELDS : HEADER_FIELDS;
  const tokens = output.split("\0");
  const commits: RawCommit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hash = (tokens[i] ?? "").replace(/^\n/, "");
    if (!HASH.test(hash)) {
      i++;
      continue;
    }
    const header = tokens.slice(i, i + headerFields);
    if (header.length < headerFields) break;
    i += headerFields;
    const changes: RawChange[] = [];
    for (;;) {
      const meta = META.exec(tokens[i] ?? "");
      if (!meta) break;
      const path = tokens[i + 1] ?? "";
      i += 2;
      const [, , newMode, oldBlob, newBlob, status] = meta as unknown as [string, string, string, string, string, string];
      changes.push({
        status,
        path,
        oldBlob: ZERO.test(oldBlob) ? null : oldBlob,
        newBlob: ZERO.test(newBlob) ? null : newBlob,
        newMode,
      });
    }
    const [, parents = "", authorName = "", authorEmail = "", authorDate = "", committerDate = "", subject = "", ids = "", actions = "", overrides = "", refs = "", body = ""] = header;
    commits.push({
      hash,
      parents: parents.split(" ").filter(Boolean),
      authorName,
      authorEmail,
      authorDate,
      committerDate,
      subject,
      taskIds: splitList(ids),
      actions: splitList(actions),
      override: parseOverride(overrides),
      changes,
      ...(options.detailed ? { refs: parseRefNames(refs), body: body.replace(/\n+$/, "") } : {}),
    });
  }
  return commits;
}
