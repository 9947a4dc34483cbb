/**
 * What a failed fetch or push means, read from git's own words (the client runs git with LC_ALL=C,
 * so the messages are the English ones). Only the first lines of git's text ever reach the user,
 * with credentials redacted by the client.
 */

const UNREACHABLE = [
  /does not appear to be a git repository/i,
  /could not read from remote repository/i,
  /could not resolve (host|proxy)/i,
  /unable to access/i,
  /failed to connect/i,
  /unable to connect/i,
  /connection (refused|timed out|reset|closed)/i,
  /network is unreachable/i,
  /no route to host/i,
  /operation timed out/i,
  /temporary failure in name resolution/i,
  /ssh: connect to host/i,
];

/** The remote could not be reached at all: offline, wrong host, repository gone. */
export function isUnreachable(message: string): boolean {
  return UNREACHABLE.some((pattern) => pattern.test(message));
}

/**
 * The push lost a race: the remote branch moved since we fetched (`fetch first`), or moved while
 * the remote was taking our push (`failed to update ref`: its compare-and-swap on the ref failed).
 */
export function isPushRace(message: string): boolean {
  return (
    /\[rejected\][^\n]*\((fetch first|non-fast-forward|stale info)\)/.test(message) ||
    /\[remote rejected\][^\n]*\((failed to update ref|failed to lock)\)/.test(message)
  );
}

/** The first line of git's message that says something (no hints, no "To <url>"). */
export function gitReason(message: string): string {
  const lines = message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^hint:/.test(l) && !/^To /.test(l));
  const line = lines.find((l) => /^(fatal|error|remote|!)/.test(l)) ?? lines[0] ?? "";
  return line.replace(/^(fatal|error): /, "");
}
