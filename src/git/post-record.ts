import { assertRemoteName } from "./remote-ops.js";
import { isPushRace } from "./remote-errors.js";
import { spawnGit } from "./spawn-git.js";

/**
 * What was posted, so a rerun of the same scheduled job posts nothing new. The record is a ref of
 * its own, `refs/tasks/posted`, whose commit holds one file, `posted`: a line per post
 * (`key<TAB>when`). It travels with the remote (the branch's upstream remote, else `origin`) next
 * to the branch, never checked out and never part of the task history, so a fresh CI clone sees
 * what an earlier run posted and the team's branch gains no commits. `actions/checkout` fetches
 * branches only, so the tool fetches the ref itself before deciding and pushes it after posting;
 * `tasks sync` carries it too. Two records are merged, never replaced: the union of their lines
 * (a merge commit with both as parents), so two clones that posted different things both keep
 * theirs; a push that lost a race fetches the winner's record, merges again and retries. Lines
 * older than 60 days are dropped at each write.
 */

export const POSTED_REF = "refs/tasks/posted";
/** This clone's copy of the remote's record, as last fetched. */
const REMOTE_COPY = "refs/tasks/posted-origin";
const KEEP_MS = 60 * 86_400_000;
const PUSH_ATTEMPTS = 3;

type Env = Readonly<Record<string, string>>;

async function git(root: string, env: Env, args: readonly string[], input = ""): Promise<{ ok: boolean; out: string; err: string }> {
  const result = await spawnGit(root, env, args, input);
  return { ok: result.code === 0, out: result.stdout, err: result.stderr };
}

async function linesOf(root: string, env: Env, ref: string): Promise<string[]> {
  const shown = await git(root, env, ["cat-file", "blob", `${ref}:posted`]);
  return shown.ok ? shown.out.split("\n").filter((l) => l.includes("\t")) : [];
}

function keysOf(lines: readonly string[]): Set<string> {
  return new Set(lines.map((l) => l.split("\t")[0] ?? "").filter((k) => k !== ""));
}

/** The remote the record travels with: the current branch's upstream remote, else `origin`, else none. */
export async function recordRemote(root: string, env: Env): Promise<string | null> {
  const head = await git(root, env, ["symbolic-ref", "--quiet", "HEAD"]);
  if (head.ok) {
    const mine = await git(root, env, ["for-each-ref", "--format=%(upstream:remotename)", head.out.trim()]);
    const name = mine.ok ? mine.out.trim() : "";
    if (name !== "" && name !== ".") {
      assertRemoteName(name);
      return name;
    }
  }
  const remotes = await git(root, env, ["remote"]);
  return remotes.ok && remotes.out.split("\n").includes("origin") ? "origin" : null;
}

/** Fetches the remote's record into REMOTE_COPY. Returns a problem, or null (also when it has none). */
async function fetchRecord(root: string, env: Env, remote: string): Promise<string | null> {
  const ls = await git(root, env, ["ls-remote", "--refs", remote, POSTED_REF]);
  if (!ls.ok) return `${remote} could not be reached`;
  if (ls.out.trim() === "") return null;
  const fetched = await git(root, env, ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, `+${POSTED_REF}:${REMOTE_COPY}`]);
  return fetched.ok ? null : `${remote}'s record could not be fetched`;
}

export interface PostRecord {
  readonly keys: ReadonlySet<string>;
  /** Why the remote's record could not be read, when it could not. */
  readonly fetchProblem: string | null;
}

/** Reads the record: the remote's (fetched now) and this clone's. */
export async function readPostRecord(root: string, env: Env): Promise<PostRecord> {
  const remote = await recordRemote(root, env);
  const fetchProblem = remote === null ? null : await fetchRecord(root, env, remote);
  const lines = [...(await linesOf(root, env, POSTED_REF)), ...(await linesOf(root, env, REMOTE_COPY))];
  return { keys: keysOf(lines), fetchProblem };
}

async function resolveRef(root: string, env: Env, ref: string): Promise<string | null> {
  const parsed = await git(root, env, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return parsed.ok ? parsed.out.trim() : null;
}

function committerEnv(baseEnv: Env): Env {
  // The record commit needs a committer; a CI clone often has none configured.
  return { GIT_AUTHOR_NAME: "git-tasks", GIT_AUTHOR_EMAIL: "git-tasks@localhost", GIT_COMMITTER_NAME: "git-tasks", GIT_COMMITTER_EMAIL: "git-tasks@localhost", ...baseEnv };
}

/**
 * Makes POSTED_REF the union of itself, the remote copy and `keys` (a commit whose parents are
 * both, when they differ). Returns false when git could not write it.
 */
async function mergeRecords(root: string, env: Env, keys: readonly string[], now: Date): Promise<boolean> {
  const local = await resolveRef(root, env, POSTED_REF);
  const remote = await resolveRef(root, env, REMOTE_COPY);
  if (keys.length === 0) {
    // Nothing new here: keep the record when it holds the remote's, else fast-forward to it.
    if (remote === null || local === remote || (local !== null && (await isAncestor(root, env, remote, local)))) return true;
    if (local === null || (await isAncestor(root, env, local, remote))) return (await git(root, env, ["update-ref", POSTED_REF, remote, local ?? ""])).ok;
  }
  const cutoff = now.getTime() - KEEP_MS;
  const byKey = new Map<string, string>();
  for (const line of [...(await linesOf(root, env, REMOTE_COPY)), ...(await linesOf(root, env, POSTED_REF))]) {
    const [key = "", when = ""] = line.split("\t");
    // The first post of a key is what counts; a later line for it (a --force) keeps that date.
    if (key !== "" && Date.parse(when) >= cutoff && !byKey.has(key)) byKey.set(key, when);
  }
  for (const key of keys) byKey.set(key, now.toISOString());
  const text = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, when]) => `${key}\t${when}\n`).join("");
  const blob = await git(root, env, ["hash-object", "-w", "--stdin"], text);
  if (!blob.ok) return false;
  const tree = await git(root, env, ["mktree"], `100644 blob ${blob.out.trim()}\tposted\n`);
  if (!tree.ok) return false;
  const parents = [local, remote].filter((p, i, all): p is string => p !== null && all.indexOf(p) === i);
  const message = keys.length > 0 ? `tasks: posted ${keys.length}` : "tasks: merge the post records";
  const commit = await git(root, env, ["commit-tree", tree.out.trim(), ...parents.flatMap((p) => ["-p", p]), "-m", message]);
  if (!commit.ok) return false;
  // Compare-and-swap: a concurrent run in this clone makes this fail rather than lose its line.
  return (await git(root, env, ["update-ref", POSTED_REF, commit.out.trim(), local ?? ""])).ok;
}

async function isAncestor(root: string, env: Env, ancestor: string, of: string): Promise<boolean> {
  return (await git(root, env, ["merge-base", "--is-ancestor", ancestor, of])).ok;
}

export interface RecordSync {
  /** Keys that came from the remote and this clone did not have. */
  readonly received: number;
  /** Keys this clone had and the remote did not. */
  readonly sent: number;
  /** Why the record could not be carried, when it could not. */
  readonly problem: string | null;
}

/**
 * Merges this clone's record with the remote's and pushes the union (fetch, merge, push; again
 * when another run pushed in between). `keys` are added first (what was just posted).
 */
async function publish(root: string, baseEnv: Env, keys: readonly string[], now: Date, fetched: boolean): Promise<RecordSync> {
  const env = committerEnv(baseEnv);
  const remote = await recordRemote(root, env);
  const before = keysOf(await linesOf(root, env, POSTED_REF));
  if (remote === null) {
    const ok = await mergeRecords(root, env, keys, now);
    return { received: 0, sent: 0, problem: ok ? null : "the post record could not be written" };
  }
  for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
    if (attempt > 1 || !fetched) {
      const problem = await fetchRecord(root, env, remote);
      if (problem) {
        const ok = await mergeRecords(root, env, keys, now);
        return { received: 0, sent: 0, problem: ok ? `${problem}: the post record was kept in this clone only (a rerun from a fresh clone may post again)` : "the post record could not be written" };
      }
    }
    const theirs = keysOf(await linesOf(root, env, REMOTE_COPY));
    if (!(await mergeRecords(root, env, keys, now))) return { received: 0, sent: 0, problem: "the post record could not be written" };
    const mine = keysOf(await linesOf(root, env, POSTED_REF));
    const received = [...theirs].filter((k) => !before.has(k)).length;
    const sent = [...mine].filter((k) => !theirs.has(k)).length;
    const local = await resolveRef(root, env, POSTED_REF);
    if (local === null || local === (await resolveRef(root, env, REMOTE_COPY))) return { received, sent: 0, problem: null };
    const pushed = await git(root, env, ["push", "--quiet", "--no-verify", remote, `${local}:${POSTED_REF}`]);
    if (pushed.ok) {
      await git(root, env, ["update-ref", REMOTE_COPY, local]);
      return { received, sent, problem: null };
    }
    // Lost a race with another run: fetch its record, merge it in, try again.
    if (!isPushRace(pushed.err)) break;
  }
  return { received: 0, sent: 0, problem: `the post record could not be pushed to ${remote} (a rerun from a fresh clone may post again)` };
}

/** Adds `keys` to the record and pushes it. Returns a problem to warn about, else null. */
export async function writePostRecord(root: string, env: Env, keys: readonly string[], now: Date): Promise<string | null> {
  return (await publish(root, env, keys, now, true)).problem;
}

/** `tasks sync`: fetch the remote's record, merge it with this clone's, push the union. */
export async function syncPostRecord(root: string, env: Env, now: Date): Promise<RecordSync> {
  return publish(root, env, [], now, false);
}
