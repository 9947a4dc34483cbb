/**
 * The commit id in the summary line `git commit` prints first, run with `-c core.abbrev=no`:
 * `[main 3f2a9c1…] subject`, `[main (root-commit) 3f2a…] subject`, `[detached HEAD 3f2a…] subject`.
 * Reading it there saves the `git rev-parse HEAD` after every commit. A branch name holds no space
 * (git refuses one), so the first bracket is read whole whatever the subject says; anything else
 * (another git's wording, an abbreviated id) gives undefined, and the caller asks git instead.
 */

const SUMMARY = /^\[(?:detached HEAD|\S+(?: \(root-commit\))?) ([0-9a-f]{40}|[0-9a-f]{64})\](?: |$)/;

export function commitIdFromSummary(stdout: string): string | undefined {
  const newline = stdout.indexOf("\n");
  const first = newline === -1 ? stdout : stdout.slice(0, newline);
  return SUMMARY.exec(first)?.[1];
}
