import { unlink } from "node:fs/promises";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";
import { type CommitMessage, messageParagraphs } from "./commit-message.js";
import { gitReason, isPushRace, isUnreachable } from "./remote-errors.js";
import { spawnGit } from "./spawn-git.js";

/**
 * The git operations that talk to a remote or move the branch: fetch, push, rebase, fast-forward,
 * and the plumbing that builds a claim commit on top of the upstream without touching the working
 * tree. Remote and ref names come from the clone's git config (never from task text) and are
 * validated here before they become arguments; commits are passed as full hashes.
 */

export type PushOutcome = "pushed" | "race";

export interface RemotePort {
  /** `git fetch <remote>`; throws REMOTE_UNREACHABLE when the remote cannot be reached. */
  fetch(remote: string): Promise<void>;
  /** Pushes `commit` to `remoteRef` without force; "race" when the remote moved meanwhile. */
  push(remote: string, commit: string, remoteRef: string): Promise<PushOutcome>;
  /** `git rebase <commit>`; on failure git's state is left for the caller to inspect. */
  rebase(onto: string): Promise<void>;
  /** `git merge --ff-only <commit>`. */
  fastForward(commit: string): Promise<void>;
  /** A commit whose tree is `parent`'s with one file replaced by `text`; nothing else changes. */
  commitFileOnto(parent: string, path: string, text: string, message: CommitMessage): Promise<string>;
  /** Writes `merge.tasks.name` and `merge.tasks.driver` into the clone's local config. */
  registerMergeDriver(command: string): Promise<void>;
}

const HASH = /^[0-9a-f]{40,64}$/;
const REMOTE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,99}$/;
const REMOTE_REF = /^refs\/heads\/[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/;

export function assertRemoteName(remote: string): void {
  if (!REMOTE_NAME.test(remote) || remote.includes("..")) {
    throw new TasksError("GIT_FAILED", `the upstream remote name "${remote}" is not one tasks will pass to git`, { hint: "use a plain remote name such as origin" });
  }
}

function assertHash(commit: string): void {
  if (!HASH.test(commit)) throw new TasksError("INTERNAL", `not a commit id: ${commit}`);
}

function assertRemoteRef(ref: string): void {
  if (!REMOTE_REF.test(ref) || ref.includes("..") || ref.endsWith(".lock") || ref.endsWith("/")) {
    throw new TasksError("GIT_FAILED", `the upstream branch "${ref}" is not one tasks will pass to git`);
  }
}

export interface RemoteOpsContext {
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
  /** Runs git through the simple-git client; errors carry git's own (redacted) message. */
  readonly run: (args: readonly string[]) => Promise<string>;
  /** Runs one `git config --local` write with simple-git's merge-driver guard lifted. */
  readonly configWithMergeDriver: (args: readonly string[]) => Promise<void>;
  readonly redact: (text: string) => string;
}

function remoteFailure(error: unknown, remote: string, what: string, redact: (text: string) => string): TasksError {
  const message = redact(error instanceof Error ? error.message : String(error));
  if (isUnreachable(message)) {
    return new TasksError("REMOTE_UNREACHABLE", `cannot reach the remote ${remote} (${gitReason(message)}); you are working offline`, { cause: error });
  }
  return new TasksError(what === "push" ? "PUSH_FAILED" : "GIT_FAILED", `git ${what} ${remote} failed: ${gitReason(message)}`, { cause: error });
}

function localFailure(error: unknown, what: string, redact: (text: string) => string): TasksError {
  const message = redact(error instanceof Error ? error.message : String(error));
  return new TasksError("GIT_FAILED", `git ${what} failed: ${gitReason(message)}`, { cause: error });
}

export function createRemoteOps(context: RemoteOpsContext): RemotePort {
  const { run, redact } = context;
  return {
    async fetch(remote) {
      assertRemoteName(remote);
      try {
        await run(["fetch", "--quiet", "--no-recurse-submodules", remote]);
      } catch (error) {
        throw remoteFailure(error, remote, "fetch", redact);
      }
    },
    async push(remote, commit, remoteRef) {
      assertRemoteName(remote);
      assertHash(commit);
      assertRemoteRef(remoteRef);
      try {
        await run(["push", "--quiet", "--no-verify", remote, `${commit}:${remoteRef}`]);
        return "pushed";
      } catch (error) {
        if (isPushRace(error instanceof Error ? error.message : String(error))) return "race";
        throw remoteFailure(error, remote, "push", redact);
      }
    },
    async rebase(onto) {
      assertHash(onto);
      await run(["rebase", "--no-autostash", "--quiet", onto]).catch((error: unknown) => {
        throw localFailure(error, "rebase", redact);
      });
    },
    async fastForward(commit) {
      assertHash(commit);
      await run(["merge", "--ff-only", "--quiet", "--no-stat", commit]).catch((error: unknown) => {
        throw localFailure(error, "merge --ff-only", redact);
      });
    },
    async commitFileOnto(parent, path, text, message) {
      assertHash(parent);
      const gitDir = (await run(["rev-parse", "--absolute-git-dir"])).trim();
      const index = join(gitDir, `tasks-publish-${process.pid}.index`);
      const env = { ...context.env, GIT_INDEX_FILE: index };
      const step = async (args: readonly string[], input?: string): Promise<string> => {
        const result = await spawnGit(context.root, env, args, input);
        if (result.code !== 0) throw new TasksError("GIT_FAILED", `git ${args[0]} failed: ${redact(gitReason(result.stderr))}`);
        return result.stdout.trim();
      };
      try {
        await step(["read-tree", parent]);
        const blob = await step(["hash-object", "-w", "--stdin", `--path=${path}`], text);
        assertHash(blob);
        await step(["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`]);
        const tree = await step(["write-tree"]);
        assertHash(tree);
        const commit = await step(["commit-tree", tree, "-p", parent, ...messageParagraphs(message).flatMap((p) => ["-m", p])]);
        assertHash(commit);
        return commit;
      } finally {
        await unlink(index).catch(() => undefined);
      }
    },
    async registerMergeDriver(command) {
      await context.configWithMergeDriver(["config", "--local", "merge.tasks.name", "git-tasks: merge task files field by field"]);
      await context.configWithMergeDriver(["config", "--local", "merge.tasks.driver", command]);
    },
  };
}
