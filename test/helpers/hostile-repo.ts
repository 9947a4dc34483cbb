import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { PROJECT_ROOT } from "./cli.js";
import { makeRepo, openRepo, ROSTER, type TestRepo, writeConfig } from "./repo.js";

/**
 * A repository seeded with the hostile corpus (test/fixtures/hostile, made by
 * scripts/make-hostile-fixtures.mjs) plus the hazards that only a repository can hold: symlinks
 * out of it, names that collide by case or Unicode normalisation, a newline and a bidi override in
 * file names, hostile authors, subjects, forged trailers and future dates in history, hooks that
 * leave a canary when run, a roster and templates from a hostile teammate, the user's own staged,
 * unstaged and untracked files, and a 100 MB file.
 */

export const FIXTURE_DIR = join(PROJECT_ROOT, "test", "fixtures", "hostile");

export interface FixtureExpectation {
  readonly file: string;
  readonly rows: readonly string[];
  readonly about: string;
  readonly expect: {
    readonly problem?: { readonly kind: string; readonly line: number; readonly message: string };
    readonly task?: string;
    readonly findings: readonly { readonly rule: string; readonly severity: string; readonly line?: number }[];
  };
}

export interface TemplateExpectation {
  readonly file: string;
  readonly rows: readonly string[];
  readonly about: string;
  readonly expect: { readonly code: number; readonly stdout?: string; readonly stderr?: string };
}

export function hostileManifest(): { fixtures: FixtureExpectation[]; templates: TemplateExpectation[] } {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, "manifest.json"), "utf8")) as { fixtures: FixtureExpectation[]; templates: TemplateExpectation[] };
}

export interface HostileRepo {
  readonly repo: TestRepo;
  /** Outside the repository: where hooks would leave canaries and symlinks point. */
  readonly outside: string;
  /** Files the hooks create if git ever runs them for the tool. */
  readonly canaries: string;
  remove(): void;
}

const MALLORY = `  mallory:
    name: "Mal\\e]0;ROSTER\\alory \\u202e"
    email: mallory@evil.example
    timezone: UTC
`;

const HOOKS = ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "post-merge", "pre-push", "reference-transaction", "post-rewrite"];

function task(id: string, title: string, extra = ""): string {
  return `---\nid: ${id}\ntitle: ${title}\nstatus: todo\nowner: alice\n${extra}created: 2026-11-02T09:00:00+00:00\n---\n\nNotes.\n\n## Log\n- 2026-11-02 09:00 +00:00 alice: created\n`;
}

/** Paths, links and names that a folder of fixtures cannot hold (W2, W4, W5, W6, T6, T8, G2, S11). */
function writeRepositoryHazards(repo: TestRepo, outside: string): void {
  repo.write("tasks/paths/g02aa-a,line=1,title=All clear.md", task("g02aa", "Comma path"));
  repo.write("tasks/paths/s08aa-before.md", task("s08aa", "Renamed and rewritten in one commit"));
  repo.write("tasks/paths/t08aa-a\nb.md", task("t08ab", "Newline in the file name"));
  repo.write("tasks/paths/t06cc-invoice\u202egpj.md", task("t06cc", "Bidi in the file name"));
  repo.write("tasks/paths/w04cc-a:b.md", task("w04cc", "Colon in the file name"));
  repo.write("tasks/paths/w04aa-reserved/CON.md", task("w04aa", "Reserved name"));
  repo.write("tasks/paths/w05aa-case.md", task("w05aa", "Lower case"));
  repo.write("tasks/paths/W05AA-CASE.md", task("w05ab", "Upper case"));
  repo.write("tasks/paths/w06aa-caf\u00e9.md", task("w06aa", "NFC name"));
  repo.write("tasks/paths/w06aa-cafe\u0301.md", task("w06aa", "NFD name"));
  repo.write("tasks/dup/s11aa-first.md", task("s11aa", "First of two", "").replace("2026-11-02T09", "2026-11-01T09"));
  repo.write("tasks/dup/s11aa-second.md", task("s11aa", '"Second of two \\e]0;DUP\\a"'));
  writeFileSync(join(outside, "secret.md"), task("w02aa", "SECRET-OUTSIDE-THE-REPOSITORY"));
  mkdirSync(join(outside, "linked"), { recursive: true });
  writeFileSync(join(outside, "linked", "w02cc-through-dir.md"), task("w02cc", "SECRET-THROUGH-A-LINKED-FOLDER"));
  symlinkSync(join(outside, "secret.md"), join(repo.dir, "tasks/paths/w02aa-link.md"));
  symlinkSync("/proc/self/environ", join(repo.dir, "tasks/paths/w02bb-environ.md"));
  symlinkSync(join(outside, "linked"), join(repo.dir, "tasks/linked"));
}

/** .husky with core.hooksPath, and .git/hooks: each hook leaves a canary named after itself (S12). */
function plantHooks(repo: TestRepo, canaries: string): void {
  for (const folder of [join(repo.dir, ".husky"), join(repo.dir, ".git", "hooks")]) {
    mkdirSync(folder, { recursive: true });
    for (const hook of HOOKS) {
      writeFileSync(join(folder, hook), `#!/bin/sh\ntouch "${canaries}/${hook}-$(basename "$(dirname "$0")")"\n`);
      chmodSync(join(folder, hook), 0o755);
    }
  }
  repo.git(["config", "core.hooksPath", ".husky"]);
}

/** Commits whose authors, subjects, trailers and dates lie (X3, X4, S8, S9). */
function writeHostileHistory(repo: TestRepo): void {
  const bump = (path: string, from: string, to: string): void => repo.write(path, repo.read(path).replace(from, to));
  bump("tasks/t06bb-invisible.md", "status: todo", "status: in-progress");
  repo.git(["add", "--", "tasks/t06bb-invisible.md"]);
  const forged = "Close T-7 \u00f2 FAKE-REF \u00f2 fake body \u00f2 Alice Ng \u00f2 alice@example.com\x1f \x1b]0;SUBJECT\x07\n\nAuthor: Alice Ng <alice@example.com>\n\nTask-Id: t06bb\nTask-Action: done\n";
  const mallory = { GIT_AUTHOR_NAME: "Mal\x1b]0;AUTHOR\x07lory \u202e", GIT_AUTHOR_EMAIL: "mallory@evil.example", GIT_COMMITTER_NAME: "Mallory", GIT_COMMITTER_EMAIL: "mallory@evil.example" };
  repo.git(["commit", "-q", "--cleanup=verbatim", "-F", "-"], { input: forged, env: { ...mallory, GIT_AUTHOR_DATE: "2031-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2031-01-01T00:00:00Z" } });
  bump("tasks/x03aa-splitter.md", "## Log\n", "## Log\n- 2026-11-10 09:00 +00:00 bob: see \x1b]8;;https://evil.example/\x1b\\\\the fix\x1b]8;;\x1b\\\\\n");
  repo.commit("Bob's note \x1f\x1b[2J\n\nTask-Id: x03aa", { date: "2026-11-10T09:00:00Z", author: { name: "Bob Okafor", email: "bob@example.com" } });
  repo.git(["mv", "tasks/paths/s08aa-before.md", "tasks/paths/s08aa-after.md"]);
  bump("tasks/paths/s08aa-after.md", "\nNotes.\n", `\n${"Rewritten after the rename.\n".repeat(20)}`);
  repo.commit("rename and rewrite in one commit", { date: "2026-11-12T09:00:00Z" });
}

/** The user's own work in progress, which no tasks command may commit or disturb (S1). */
function leaveUserChanges(repo: TestRepo): void {
  repo.write("unrelated.txt", "staged, not the tool's\n");
  repo.git(["add", "--", "unrelated.txt"]);
  repo.write("README.md", "# project\nedited, not staged\n");
  repo.write(".env", "SECRET=1\n");
}

/** A 100 MB file (sparse, so it costs no disk) that must never be read whole (W9, P8). */
function plantHugeFile(repo: TestRepo): void {
  const path = join(repo.dir, "tasks/paths/w09aa-huge.md");
  writeFileSync(path, "");
  truncateSync(path, 100 * 1024 * 1024);
}

export interface HostileRepoOptions {
  /** Keep the conflict-marker fixtures (F21), which make every writing command refuse. */
  readonly conflicts?: boolean;
}

/** Builds the corpus repository. Removed by `remove()` (call it from afterAll). */
export function makeHostileRepo(options: HostileRepoOptions = {}): HostileRepo {
  const repo = makeRepo({ autoRemove: false });
  const outside = `${repo.dir}-outside`;
  const canaries = join(outside, "canaries");
  mkdirSync(canaries, { recursive: true });
  writeConfig(repo, `${ROSTER}${MALLORY}`);
  for (const file of readdirSync(join(FIXTURE_DIR, "tasks"), { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const rel = relative(FIXTURE_DIR, join(file.parentPath, file.name));
    if (options.conflicts === false && rel.startsWith("tasks/f21-")) continue;
    mkdirSync(dirname(join(repo.dir, rel)), { recursive: true });
    cpSync(join(FIXTURE_DIR, rel), join(repo.dir, rel));
  }
  writeRepositoryHazards(repo, outside);
  repo.write(".tasks/templates/task.md", "{{ body }}\n<% globalThis.PWNED = 'task.md' %>\n");
  plantHooks(repo, canaries);
  repo.commit("seed the hostile corpus", { date: "2026-11-02T09:00:00Z" });
  writeHostileHistory(repo);
  // The hooks are live: git ran them for the commits above. From here on, none may fire.
  if (!readdirSync(canaries).includes("post-commit-.husky")) throw new Error("the planted hooks did not run for git's own commit");
  for (const name of readdirSync(canaries)) rmSync(join(canaries, name));
  leaveUserChanges(repo);
  plantHugeFile(repo);
  const remove = (): void => {
    repo.remove();
    rmSync(outside, { recursive: true, force: true });
  };
  return { repo, outside, canaries, remove };
}

/** A copy of the corpus repository (working tree, index and history) for one writing command. */
export function copyHostileRepo(source: HostileRepo, name: string): TestRepo {
  const dir = `${source.repo.dir}-${name}`;
  execFileSync("cp", ["-a", source.repo.dir, dir]);
  const copy = openRepo(dir, source.repo.env, () => rmSync(dir, { recursive: true, force: true }));
  return copy;
}

/** Removes the conflict-marker fixtures (F21) from a copy and commits that, hooks off (the canaries are for the tool). */
export function resolveConflictFixtures(repo: TestRepo): void {
  const files = readdirSync(join(repo.dir, "tasks")).filter((name) => name.startsWith("f21-")).map((name) => `tasks/${name}`);
  repo.git(["rm", "-q", "--", ...files]);
  repo.git(["-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "resolve the conflicts", "--", ...files]);
}

/** Hooks the tool must never have run: the canaries they left. */
export function hookCanaries(hostile: HostileRepo): string[] {
  return readdirSync(hostile.canaries).sort();
}
