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
export function linkLogArguments(options: { readonly revs: readonly string[]; readonly since?: string; readonly noWalk?: boolean; readonly closingOnly?: boolean }): string[] {
  const args = ["-z", "--no-color", `--format=${FORMAT}`];
  if (options.noWalk) args.push("--no-walk=unsorted");
  // Only commits with a line starting `Closes:` or `Fixes:` (git's grep, any case): `tasks done` asks for those alone.
  if (options.closingOnly) args.push("--regexp-ignore-case", "--extended-regexp", "--grep=^(closes|fixes)[[:space:]]*:");
  if (options.since) args.push(`--since=${options.since}`);
  for (const rev of new Set(options.revs)) if (HASH.test(rev)) args.push(rev);
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
