import { spawnGit } from "./spawn-git.js";

/**
 * What was posted, so a rerun of the same scheduled job posts nothing new. The record is a ref of
 * its own, `refs/tasks/posted`, whose commit holds one file, `posted`: a line per post
 * (`key<TAB>when`). It is fetched from and pushed to `origin` next to the branch, never checked
 * out and never part of the task history, so a fresh CI clone sees what an earlier run posted and
 * the team's branch gains no commits. Lines older than 60 days are dropped at each write.
 */

export const POSTED_REF = "refs/tasks/posted";
const ORIGIN_COPY = "refs/tasks/posted-origin";
const KEEP_MS = 60 * 86_400_000;

type Env = Readonly<Record<string, string>>;

async function git(root: string, env: Env, args: readonly string[], input = ""): Promise<{ ok: boolean; out: string; err: string }> {
  const result = await spawnGit(root, env, args, input);
  return { ok: result.code === 0, out: result.stdout, err: result.stderr };
}

async function linesOf(root: string, env: Env, ref: string): Promise<string[]> {
  const shown = await git(root, env, ["cat-file", "blob", `${ref}:posted`]);
  return shown.ok ? shown.out.split("\n").filter((l) => l.includes("\t")) : [];
}

async function hasOrigin(root: string, env: Env): Promise<boolean> {
  const remotes = await git(root, env, ["remote"]);
  return remotes.ok && remotes.out.split("\n").includes("origin");
}

export interface PostRecord {
  readonly keys: ReadonlySet<string>;
  /** Why origin's record could not be read, when it could not. */
  readonly fetchProblem: string | null;
}

/** Reads the record: origin's (fetched now) and this clone's. */
export async function readPostRecord(root: string, env: Env): Promise<PostRecord> {
  let fetchProblem: string | null = null;
  if (await hasOrigin(root, env)) {
    const ls = await git(root, env, ["ls-remote", "--refs", "origin", POSTED_REF]);
    if (!ls.ok) fetchProblem = "origin could not be reached";
    else if (ls.out.trim() !== "") {
      const fetched = await git(root, env, ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "origin", `+${POSTED_REF}:${ORIGIN_COPY}`]);
      if (!fetched.ok) fetchProblem = "origin's record could not be fetched";
    }
  }
  const lines = [...(await linesOf(root, env, POSTED_REF)), ...(await linesOf(root, env, ORIGIN_COPY))];
  return { keys: new Set(lines.map((l) => l.split("\t")[0] ?? "")), fetchProblem };
}

async function resolveRef(root: string, env: Env, ref: string): Promise<string | null> {
  const parsed = await git(root, env, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return parsed.ok ? parsed.out.trim() : null;
}

/** Adds `keys` to the record and pushes it to origin. Returns a problem to warn about, else null. */
export async function writePostRecord(root: string, baseEnv: Env, keys: readonly string[], now: Date): Promise<string | null> {
  // The record commit needs a committer; a CI clone often has none configured.
  const env: Env = { GIT_AUTHOR_NAME: "git-tasks", GIT_AUTHOR_EMAIL: "git-tasks@localhost", GIT_COMMITTER_NAME: "git-tasks", GIT_COMMITTER_EMAIL: "git-tasks@localhost", ...baseEnv };
  const cutoff = now.getTime() - KEEP_MS;
  const byKey = new Map<string, string>();
  for (const line of [...(await linesOf(root, env, ORIGIN_COPY)), ...(await linesOf(root, env, POSTED_REF))]) {
    const [key = "", when = ""] = line.split("\t");
    if (key !== "" && Date.parse(when) >= cutoff) byKey.set(key, when);
  }
  for (const key of keys) byKey.set(key, now.toISOString());
  const text = [...byKey].map(([key, when]) => `${key}\t${when}\n`).join("");
  const blob = await git(root, env, ["hash-object", "-w", "--stdin"], text);
  if (!blob.ok) return "the post record could not be written";
  const tree = await git(root, env, ["mktree"], `100644 blob ${blob.out.trim()}\tposted\n`);
  if (!tree.ok) return "the post record could not be written";
  const parents = [await resolveRef(root, env, POSTED_REF), await resolveRef(root, env, ORIGIN_COPY)].filter((p, i, all): p is string => p !== null && all.indexOf(p) === i);
  const commit = await git(root, env, ["commit-tree", tree.out.trim(), ...parents.flatMap((p) => ["-p", p]), "-m", `tasks: posted ${keys.length}`]);
  if (!commit.ok) return "the post record could not be written";
  const updated = await git(root, env, ["update-ref", POSTED_REF, commit.out.trim()]);
  if (!updated.ok) return "the post record could not be written";
  if (!(await hasOrigin(root, env))) return null;
  const pushed = await git(root, env, ["push", "--quiet", "--no-verify", "origin", `${POSTED_REF}:${POSTED_REF}`]);
  if (!pushed.ok) return "the post record could not be pushed to origin (a rerun from a fresh clone may post again)";
  await git(root, env, ["update-ref", ORIGIN_COPY, commit.out.trim()]);
  return null;
}
