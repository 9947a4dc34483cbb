import { spawn } from "node:child_process";
import type { SimpleGit } from "simple-git";
import { TasksError } from "../app/errors.js";
import { gitWriteError } from "../app/write-errors.js";
import { type CommitMessage, messageParagraphs } from "./commit-message.js";
import { commitIdFromSummary } from "./commit-summary.js";
import type { GitPort, Identity } from "./git.js";
import { gitMergeText } from "./merge-file.js";
import { spawnGit } from "./spawn-git.js";
import { createRemoteOps } from "./remote-ops.js";

/**
 * Real git through simple-git: one process at a time, `--` before every path, the repository's
 * hooks switched off for the tool's own commits, no prompts, a fixed C locale so messages can be
 * recognised. `cat-file --batch` needs stdin and byte-exact output, which simple-git does not
 * offer, so that one call spawns git directly with the same environment.
 */

const ALLOWED_GIT_ENV = [
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_AUTHOR_DATE",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_COMMITTER_DATE",
  "GIT_TERMINAL_PROMPT",
  "GIT_SSL_CAINFO",
  "GIT_CONFIG_NOSYSTEM",
  "GIT_CEILING_DIRECTORIES",
  "GIT_OPTIONAL_LOCKS",
];
// Variables simple-git guards that are not GIT_-prefixed: never handed to git by this tool.
const GUARDED_OTHER = new Set(["editor", "visual", "pager", "prefix", "ssh_askpass"]);

const CONFIG = [
  "core.hooksPath=/dev/null",
  "core.quotePath=off",
  "log.showSignature=false",
  "color.ui=false",
  "i18n.logOutputEncoding=UTF-8",
];

export function gitEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const allowed = new Set(ALLOWED_GIT_ENV.map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith("git_") && !allowed.has(lower)) continue;
    if (GUARDED_OTHER.has(lower)) continue;
    out[key] = value;
  }
  out.GIT_TERMINAL_PROMPT = "0";
  out.LC_ALL = "C";
  out.LANGUAGE = "C";
  return out;
}

export function redact(text: string): string {
  return text
    .replace(/(\/\/)[^/@\s]+@/g, "$1***@")
    .replace(/\b(ghp|gho|ghs|ghu|github_pat|glpat)[-_][A-Za-z0-9_-]+/g, "$1_***");
}

export function toGitError(error: unknown, what: string): TasksError {
  const message = redact(error instanceof Error ? error.message : String(error));
  if (/index\.lock'?: File exists/.test(message) || /Unable to create '.*\.lock'/.test(message)) {
    return new TasksError("GIT_LOCKED", "git's index is locked by another process (.git/index.lock exists)", {
      hint: "wait for the other git command to finish; if none is running, remove .git/index.lock yourself",
      cause: error,
    });
  }
  const full = gitWriteError(message, what, error);
  if (full) return full;
  const firstLines = message.trim().split("\n").filter(Boolean).slice(0, 4).join("; ");
  if (/detected dubious ownership/.test(message)) {
    // git's own advice is a global exception; which directory to trust is the user's call, never ours.
    return new TasksError("GIT_FAILED", `git ${what} failed: ${firstLines}`, {
      hint: `the repository belongs to another user, so git will not read it (its safe.directory check); run as the checkout's owner, or trust this one checkout as git says: ${DUBIOUS_DOC}`,
      cause: error,
    });
  }
  return new TasksError("GIT_FAILED", `git ${what} failed: ${firstLines}`, { cause: error });
}

const DUBIOUS_DOC = "https://github.com/git-tasks/git-tasks/blob/main/docs/ci.md#a-checkout-owned-by-another-user";

export async function createGitClient(root: string, env: Readonly<Record<string, string | undefined>>): Promise<GitPort> {
  const childEnv = gitEnvironment(env);
  const options = (unsafe: { allowUnsafeMergeDriver?: true }) =>
    ({
      baseDir: root,
      maxConcurrentProcesses: 1,
      trimmed: false,
      config: CONFIG,
      allowEnvironment: ALLOWED_GIT_ENV,
      unsafe: { allowUnsafeHooksPath: true, ...unsafe },
      timeout: { block: 120_000 },
    }) as const;
  // simple-git (its block timeout guards fetch and push against a hung remote) is loaded only by
  // the commands that talk to a remote or register the merge driver: ~25 ms of start-up otherwise.
  let simple: Promise<SimpleGit> | undefined;
  const simpleClient = (): Promise<SimpleGit> => {
    simple ??= import("simple-git").then(({ simpleGit }) => simpleGit(options({})).env(childEnv));
    return simple;
  };

  // Local git goes to git directly: simple-git waits an extra 50 ms after any command that prints
  // nothing (a clean `ls-files -u`, `git remote` with no remote, `grep` without a match), which
  // made every write ~250 ms slower, and keeps a 50 ms timer alive after every process. Same
  // flags, same filtered environment, and the same rule as simple-git: a non-zero exit is a
  // failure only when git said something on stderr (the error then carries both outputs).
  const flags = CONFIG.flatMap((c) => ["-c", c]);
  async function read(args: readonly string[], what: string): Promise<string> {
    const result = await spawnGit(root, childEnv, [...flags, ...args]);
    if (result.code !== 0 && result.stderr.trim() !== "") throw toGitError(new Error(result.stderr), what);
    return result.stdout;
  }
  async function run(args: readonly string[], what: string): Promise<string> {
    const result = await spawnGit(root, childEnv, [...flags, ...args]);
    if (result.code !== 0 && result.stderr !== "") throw toGitError(new Error(`${result.stdout}${result.stderr}`), what);
    return result.stdout;
  }

  let identity: Promise<Identity> | undefined;
  const remoteOps = createRemoteOps({
    root,
    env: childEnv,
    run: async (args) => (await simpleClient()).raw([...args]),
    redact,
    // The one call that writes a merge driver into the config: its own client, with only that guard lifted.
    configWithMergeDriver: async (args) => {
      try {
        const { simpleGit } = await import("simple-git");
        await simpleGit(options({ allowUnsafeMergeDriver: true })).env(childEnv).raw([...args]);
      } catch (error) {
        throw toGitError(error, "config");
      }
    },
  });
  return {
    ...remoteOps,
    root,
    identity() {
      identity ??= read(["var", "GIT_AUTHOR_IDENT"], "var").then(
        (line) => {
          const match = /^(.*) <([^>]*)> \d+ [+-]\d{4}\s*$/.exec(line.trim());
          if (!match || !match[2]) throw new Error("unparsable identity");
          return { name: (match[1] ?? "").trim(), email: match[2].trim() };
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (!/identity unknown|tell me who you are|no email was given|no name was given|empty ident/i.test(message)) throw toGitError(error, "var");
          throw new TasksError("GIT_IDENTITY_MISSING", "git does not know who you are, so the change cannot be committed", {
            hint: 'run: git config user.name "Your Name" && git config user.email you@example.com',
            cause: error,
          });
        },
      );
      return identity;
    },
    async commitPaths(paths, message: CommitMessage, options) {
      const m = messageParagraphs(message).flatMap((p) => ["-m", p]);
      // Not --quiet: its summary line names the new commit in full (core.abbrev=no), which saves
      // a `git rev-parse HEAD` after it (commit-summary.ts).
      const commit = (): Promise<string> => run(["-c", "core.abbrev=no", "commit", "--only", "--no-verify", "--cleanup=verbatim", ...m, "--", ...paths], "commit");
      let summary: string;
      if (options.addNew) {
        await run(["add", "--verbose", "--", ...paths], "add");
        summary = await commit();
      } else {
        // `--only` commits the working-tree file without touching the rest of the index; a file
        // git does not know yet (made with --no-commit) has to be added first.
        try {
          summary = await commit();
        } catch (error) {
          if (!/did not match any file\(s\) known to git/.test((error as Error).message)) throw error;
          try {
            await run(["add", "--verbose", "--", ...paths], "add");
            summary = await commit();
          } catch (retryError) {
            // `add` may have staged some of the paths before failing on another (an ignored file):
            // put their index entries back to HEAD (or drop them when there is no HEAD yet).
            await run(["reset", "--quiet", "--", ...paths], "reset").catch(() =>
              run(["rm", "--cached", "--quiet", "--ignore-unmatch", "--", ...paths], "rm --cached").catch(() => undefined),
            );
            throw retryError;
          }
        }
      }
      return commitIdFromSummary(summary) ?? (await read(["rev-parse", "HEAD"], "rev-parse")).trim();
    },
    async unstage(paths) {
      await run(["rm", "--cached", "--quiet", "--ignore-unmatch", "--", ...paths], "rm --cached");
    },
    async restoreIndex(paths) {
      await run(["reset", "--quiet", "--", ...paths], "reset");
    },
    async log(args) {
      try {
        return await read(["--no-optional-locks", "log", ...args], "log");
      } catch (error) {
        // A branch with no commits yet has an empty history, not a broken one.
        if (/does not have any commits yet/.test(error instanceof Error ? error.message : "")) return "";
        throw error;
      }
    },
    readBlobs(ids) {
      return catFileBatch(root, childEnv, ids);
    },
    async isShallow() {
      return (await read(["rev-parse", "--is-shallow-repository"], "rev-parse")).trim() === "true";
    },
    raw(args) {
      return read(["--no-optional-locks", ...args], args[0] ?? "command");
    },
    mergeText: gitMergeText(root, childEnv),
  };
}

function catFileBatch(root: string, env: Record<string, string>, ids: readonly string[]): Promise<Map<string, Uint8Array>> {
  const blobs = new Map<string, Uint8Array>();
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f]{40,64}$/.test(id));
  if (unique.length === 0) return Promise.resolve(blobs);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.hooksPath=/dev/null", "--no-optional-locks", "cat-file", "--batch"], {
      cwd: root,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(toGitError(error, "cat-file")));
    child.on("close", (code) => {
      if (code !== 0) return reject(toGitError(new Error(stderr || `exit ${code}`), "cat-file"));
      const out = Buffer.concat(chunks);
      let offset = 0;
      while (offset < out.length) {
        const headerEnd = out.indexOf(10, offset);
        if (headerEnd === -1) break;
        const header = out.subarray(offset, headerEnd).toString("utf8").split(" ");
        offset = headerEnd + 1;
        if (header[1] === "missing" || header.length < 3) continue;
        const size = Number(header[2]);
        blobs.set(header[0] as string, out.subarray(offset, offset + size));
        offset += size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(unique.join("\n") + "\n");
  });
}
