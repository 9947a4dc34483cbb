import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";
import { type CliResult, runCli } from "./cli.js";
import { isolatedEnv, TEST_ROOT } from "./env.js";

/**
 * A real git repository in a temp folder, with helpers to write files and make commits at pinned
 * dates. Removed when the test finishes.
 */

export interface TestRepo {
  readonly dir: string;
  readonly env: Record<string, string>;
  git(args: readonly string[], options?: { env?: Record<string, string>; input?: string }): string;
  write(path: string, text: string): void;
  read(path: string): string;
  /** Stages everything and commits as `who` at `date` (ISO). */
  commit(message: string, options?: { date?: string; author?: { name: string; email: string } }): string;
  /** Runs the built CLI in this repository (extra environment merged over the repo's). */
  tasks(args: readonly string[], options?: { env?: Record<string, string>; input?: string; cwd?: string }): Promise<CliResult>;
  /** Deletes the folder (automatic at the end of the test unless `autoRemove: false`). */
  remove(): void;
}

export interface RepoOptions {
  /** Local identity; `null` leaves it unset (for the identity-missing case). */
  readonly user?: { name: string; email: string } | null;
  readonly env?: Record<string, string>;
  /** Make an initial commit (default true). */
  readonly initialCommit?: boolean;
  readonly bare?: boolean;
  /**
   * Remove the folder when the current test finishes (default). A repository shared by a
   * describe block is made in beforeAll with `autoRemove: false` and removed by the teardown
   * beforeAll returns: `beforeAll(() => { repo = makeRepo({ autoRemove: false }); return repo.remove; })`.
   */
  readonly autoRemove?: boolean;
}

export function makeRepo(options: RepoOptions = {}): TestRepo {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-repo-"));
  const home = `${dir}-home`;
  const remove = (): void => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  };
  if (options.autoRemove !== false) onTestFinished(remove);
  const env = isolatedEnv(options.env, home);
  const run = gitIn(dir, env);
  run(["init", "-q", "-b", "main", ...(options.bare ? ["--bare"] : [])]);
  const repo = repoAt(dir, env, options.user === undefined ? ALICE : options.user, remove);
  if (!options.bare && options.initialCommit !== false) {
    repo.write("README.md", "# project\n");
    repo.commit("initial commit", { date: "2026-11-01T09:00:00Z" });
  }
  return repo;
}

const ALICE = { name: "Alice Ng", email: "alice@example.com" };

/** A TestRepo over a working tree that already exists (a copy of another TestRepo), as alice. */
export function openRepo(dir: string, env: Record<string, string>, remove: () => void): TestRepo {
  return repoAt(dir, env, ALICE, remove);
}

function gitIn(dir: string, env: Record<string, string>): TestRepo["git"] {
  return (args, run = {}) =>
    execFileSync("git", [...args], { cwd: dir, env: { ...env, ...run.env }, input: run.input ?? "", encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

/** A TestRepo over an existing working tree (or bare repository): sets identity and test config. */
function repoAt(
  dir: string,
  env: Record<string, string>,
  user: { name: string; email: string } | null,
  remove: () => void = () => rmSync(dir, { recursive: true, force: true }),
): TestRepo {
  const git = gitIn(dir, env);
  if (user) {
    git(["config", "user.name", user.name]);
    git(["config", "user.email", user.email]);
  } else {
    // Without this git may invent an identity from the host name, and the case would not be tested.
    git(["config", "user.useConfigOnly", "true"]);
  }
  for (const [key, value] of [["commit.gpgSign", "false"], ["gc.auto", "0"], ["maintenance.auto", "false"], ["core.autocrlf", "false"]] as const) git(["config", key, value]);
  return {
    dir,
    env,
    git,
    write(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    },
    read: (path) => readFileSync(join(dir, path), "utf8"),
    commit(message, commitOptions = {}) {
      git(["add", "-A"]);
      const date = commitOptions.date ?? env.GIT_COMMITTER_DATE ?? "2026-11-20T09:00:00Z";
      const who = commitOptions.author ?? user ?? { name: "Test", email: "test@example.com" };
      git(["commit", "-q", "--allow-empty", "-m", message], {
        env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
      });
      return git(["rev-parse", "HEAD"]).trim();
    },
    tasks: (args, run = {}) => runCli(args, { cwd: run.cwd ?? dir, env: { ...env, ...run.env }, ...(run.input !== undefined ? { input: run.input } : {}) }),
    remove,
  };
}

export interface TestRemote {
  /** The bare repository's folder (rename it to take the remote offline). */
  readonly dir: string;
  readonly clones: readonly TestRepo[];
}

export const TEAM = [
  { name: "Alice Ng", email: "alice@example.com" },
  { name: "Bob Okafor", email: "bob@example.com" },
  { name: "Carol Diaz", email: "carol@example.com" },
] as const;

/**
 * A bare remote with `count` clones of it (alice, bob, carol…), each with its own HOME and git
 * identity, all tracking `origin/main`. The first clone made the initial commit and pushed it.
 */
export function makeRemoteWithClones(count: number, options: { env?: Record<string, string> } = {}): TestRemote {
  const base = mkdtempSync(join(TEST_ROOT, "tasks-remote-"));
  onTestFinished(() => rmSync(base, { recursive: true, force: true }));
  const remote = join(base, "remote.git");
  const env = isolatedEnv(options.env, join(base, "home"));
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", remote], { env, stdio: "pipe" });
  const clones: TestRepo[] = [];
  for (let i = 0; i < count; i++) {
    const dir = join(base, `clone-${i}`);
    const cloneEnv = isolatedEnv(options.env, join(base, `home-${i}`));
    execFileSync("git", ["clone", "-q", remote, dir], { env: cloneEnv, stdio: "pipe" });
    const clone = repoAt(dir, cloneEnv, TEAM[i % TEAM.length] ?? ALICE);
    if (i === 0) {
      clone.write("README.md", "# project\n");
      clone.commit("initial commit", { date: "2026-11-01T09:00:00Z" });
      clone.git(["push", "-q", "-u", "origin", "main"]);
    }
    clones.push(clone);
  }
  return { dir: remote, clones };
}

/** A task file in the format the tool writes, for seeding repositories. */
export function taskFile(fields: Record<string, string | string[] | null>, body = "\n## Log\n"): string {
  const lines = Object.entries(fields).map(([key, value]) => {
    if (value === null) return `${key}:`;
    if (Array.isArray(value)) return key === "definition-of-done" ? `${key}:\n${value.map((v) => `  - ${v}`).join("\n")}` : `${key}: [${value.join(", ")}]`;
    return `${key}: ${value}`;
  });
  return `---\n${lines.join("\n")}\n---\n${body}`;
}

/** Writes a task file where the tool would (`tasks/2026-11/<id>-<slug>.md`) and returns its path. */
export function seedTask(repo: TestRepo, fields: Record<string, string | string[] | null> & { id: string }, body?: string, folder = "tasks/2026-11"): string {
  const slug = (typeof fields.title === "string" ? fields.title : "task").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "task";
  const path = `${folder}/${fields.id}-${slug}.md`;
  repo.write(path, taskFile(fields, body));
  return path;
}

/** The roster used across scenarios: three people in three zones (alice is the test identity). */
export const ROSTER = `team:
  alice:
    name: Alice Ng
    email: alice@example.com
    timezone: Europe/Berlin
  bob:
    name: Bob Okafor
    emails: [bob@example.com, bob@work.example]
    timezone: America/New_York
  kiri:
    name: Kiri Tane
    email: kiri@example.com
    timezone: Pacific/Kiritimati
  pago:
    name: Pago Lemalu
    email: pago@example.com
    timezone: Pacific/Pago_Pago
`;

/** A `.tasks/config.yml` with the default statuses, UTC as the repository zone and the roster. */
export function writeConfig(repo: TestRepo, extra = ROSTER): void {
  repo.write(".tasks/config.yml", `tasks-folder: tasks\ntimezone: UTC\n${extra}`);
}

/**
 * What a user would see change: HEAD, `git status`, the index, and every file's bytes outside
 * .git. Compare two snapshots to prove a refused command left nothing behind.
 */
export function snapshot(repo: TestRepo): { head: string; status: string; staged: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(repo.dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (path === ".git") continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) files[path] = `-> ${readlinkSync(join(repo.dir, path))}`;
      else files[path] = readFileSync(join(repo.dir, path), "utf8");
    }
  };
  walk("");
  let head = "";
  try {
    head = repo.git(["rev-parse", "--verify", "-q", "HEAD"]).trim();
  } catch {
    // no commit yet
  }
  return { head, status: repo.git(["status", "--porcelain=v1", "-uall"]), staged: repo.git(["diff", "--cached", "--name-only"]), files };
}
