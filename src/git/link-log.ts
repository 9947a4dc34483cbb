/**
 * The code-links pass: one `git log -z` over the main branch and HEAD, every commit (not only
 * those touching task files), with the trailers git itself parsed out of each message. No
 * `--raw` and no body: the links need who, when, what it is called and which trailers it
 * carries. Fields are NUL-separated; git refuses NUL in messages, so a subject cannot shift them.
 */

import type { LinkSourceCommit } from "../domain/code-links.js";

const FORMAT = ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%(trailers:only,unfold)"].join("%x00");
const FIELDS = 8;
const HASH = /^[0-9a-f]{40,64}$/;

/** A commit as the code-links pass reads it: the fields domain/code-links.ts links from. */
export type LinkCommit = LinkSourceCommit;

/**
 * Arguments for `git log`. Revisions are full commit ids only (resolved by our code from ref
 * names git printed), so nothing from a repository can be read as an option or a range.
 */
export function linkLogArguments(options: {
  readonly revs: readonly string[];
  /** Commits whose history is left out (`^<id>`): what an earlier answer already read. */
  readonly exclude?: readonly string[];
  readonly since?: string;
  readonly noWalk?: boolean;
  readonly closingOnly?: boolean;
}): string[] {
  const args = ["-z", "--no-color", `--format=${FORMAT}`];
  if (options.noWalk) args.push("--no-walk=unsorted");
  // Only commits with a line starting `Closes:` or `Fixes:` (git's grep, any case): `tasks done` asks for those alone.
  if (options.closingOnly) args.push("--regexp-ignore-case", "--extended-regexp", "--grep=^(closes|fixes)[[:space:]]*:");
  if (options.since) args.push(`--since=${options.since}`);
  for (const rev of new Set(options.revs)) if (HASH.test(rev)) args.push(rev);
  for (const rev of new Set(options.exclude ?? [])) if (HASH.test(rev)) args.push(`^${rev}`);
  args.push("--");
  return args;
}

function parseTrailers(block: string): [string, string][] {
  const trailers: [string, string][] = [];
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key !== "" && value !== "") trailers.push([key, value]);
  }
  return trailers;
}

/** Parses the output of `git log` run with `linkLogArguments`. Newest commit first. */
export function parseLinkLog(output: string): LinkCommit[] {
  const tokens = output.split("\0");
  const commits: LinkCommit[] = [];
  let i = 0;
  while (i + FIELDS <= tokens.length) {
    const hash = (tokens[i] ?? "").replace(/^\n/, "");
    if (!HASH.test(hash)) {
      i++;
      continue;
    }
    const [, parents = "", authorName = "", authorEmail = "", authorDate = "", committerDate = "", subject = "", trailers = ""] = tokens.slice(i, i + FIELDS);
    i += FIELDS;
    commits.push({ hash, parents: parents.split(" ").filter((p) => HASH.test(p)), authorName, authorEmail, authorDate, committerDate, subject, trailers: parseTrailers(trailers) });
  }
  return commits;
}

/**
 * What a single-task reader (`show`, `log`) needs in full: commits whose text could name these
 * ids. Every other commit is read as its hash and parents only (a stub with no trailers), which
 * keeps "reached the main branch" and the renumbering ancestry exact at a fraction of the cost.
 */
export interface LinkFocus {
  /** Case-insensitive substrings: a commit whose record holds none of them cannot reference the focus. */
  readonly needles: readonly string[];
  /** Commits always read in full (merged branch tips, hand-made links). */
  readonly keep: ReadonlySet<string>;
}

// `-` stays as it is: outside a class it is literal, and the `u` flag refuses `\-` there.
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Positions (in `output`) where each record starts: the start of its hash field. */
function recordStarts(output: string): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < output.length) {
    starts.push(at);
    // A record is FIELDS NUL-terminated fields; the next one starts after a newline git puts between.
    let end = at;
    for (let f = 0; f < FIELDS && end !== -1; f++) end = output.indexOf("\0", end) + 1 || -1;
    if (end === -1) break;
    at = output[end] === "\n" ? end + 1 : end;
  }
  return starts;
}

/**
 * Like parseLinkLog, reading in full only the commits whose record matches a needle (or is in
 * `keep`); the others become stubs: hash and parents, nothing that links them to any task.
 */
export function parseLinkLogFocused(output: string, focus: LinkFocus): LinkCommit[] {
  const needles = [...new Set(focus.needles.filter((n) => n !== ""))];
  if (needles.length === 0) return parseLinkLog(output).map((c) => (focus.keep.has(c.hash) ? c : stub(c.hash, c.parents)));
  // `u`: case folding as toLowerCase sees it (the Kelvin sign K is a k), so nothing a reference resolves to is missed.
  const pattern = new RegExp(needles.map(escapeRegExp).join("|"), "giu");
  const starts = recordStarts(output);
  const commits: LinkCommit[] = [];
  let match = pattern.exec(output);
  for (let r = 0; r < starts.length; r++) {
    const start = starts[r] as number;
    const end = starts[r + 1] ?? output.length;
    const hashEnd = output.indexOf("\0", start);
    const parentsEnd = output.indexOf("\0", hashEnd + 1);
    // The hashes are not searched: an id made of hex digits would match one commit in a few.
    while (match !== null && match.index < parentsEnd) match = pattern.exec(output);
    const hash = output.slice(start, hashEnd);
    if (!HASH.test(hash)) continue;
    if ((match !== null && match.index < end) || focus.keep.has(hash)) {
      commits.push(...parseLinkLog(output.slice(start, end)));
      continue;
    }
    const parents = output.slice(hashEnd + 1, parentsEnd);
    commits.push(stub(hash, parents === "" ? [] : parents.split(" ").filter((p) => HASH.test(p))));
  }
  return commits;
}

function stub(hash: string, parents: readonly string[]): LinkCommit {
  return { hash, parents, authorName: "", authorEmail: "", authorDate: "", committerDate: "", subject: "", trailers: [] };
}

/**
 * The records of `output` (a `git log` run with `linkLogArguments`) committed at or after
 * `since`, as git's `--since` keeps them (committer date, whole seconds), in their order.
 */
export function recordsSince(output: string, since: string): string {
  const limit = Math.floor(Date.parse(since) / 1000);
  if (Number.isNaN(limit)) return output;
  const starts = recordStarts(output);
  let kept = "";
  for (let r = 0; r < starts.length; r++) {
    const start = starts[r] as number;
    const end = starts[r + 1] ?? output.length;
    let at = start;
    for (let f = 0; f < 5 && at !== 0; f++) at = output.indexOf("\0", at) + 1;
    const date = at === 0 ? Number.NaN : Date.parse(output.slice(at, output.indexOf("\0", at)));
    if (!(Math.floor(date / 1000) < limit)) kept += output.slice(start, end);
  }
  return kept;
}
