import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, BIN, NODE_FLAGS, PROJECT_ROOT, runProcess } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, seedTask, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * `tasks completion <shell>` prints a script the shell accepts, and completing a real command
 * line in a real repository offers the commands, the command's options, task ids, roster handles
 * and the configured statuses. bash runs the completion function as readline would (COMP_WORDS,
 * COMP_CWORD); zsh runs its completion system in a pseudo-terminal; fish answers `complete -C`.
 */

const has = (shell: string): boolean => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
const SCRIPTS = { bash: "tasks.bash", zsh: "_tasks", fish: "tasks.fish" } as const;

let repo: TestRepo;
let binDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  repo = makeRepo({ autoRemove: false });
  writeConfig(repo, "statuses:\n  todo: open\n  doing: active\n  parked: blocked\n  shipped: closed\nteam:\n  alice:\n    email: alice@example.com\n  bob.k:\n    email: bob@example.com\n");
  seedTask(repo, { id: "k7m2q", title: "Fix login", status: "todo" });
  seedTask(repo, { id: "k7p3x", title: "Rotate keys", status: "doing" }, undefined, "tasks/2026-12");
  seedTask(repo, { id: "zz9aa", title: "Plain name" });
  // Hostile names: none of these may reach the shell, and none may run.
  repo.write("tasks/$(touch PWNED)-x.md", "---\nid: k7bad\n---\n");
  repo.write("tasks/k7\u001b[31m-x.md", "---\nid: k7esc\n---\n");
  repo.write("tasks/`touch PWNED2`.md", "---\nid: k7bt\n---\n");
  repo.commit("seed");
  binDir = mkdtempSync(join(TEST_ROOT, "tasks-bin-"));
  for (const name of ["tasks", "git-tasks"]) {
    writeFileSync(join(binDir, name), `#!/bin/sh\nexec "${process.execPath}" ${NODE_FLAGS.join(" ")} "${BIN}" "$@"\n`);
    chmodSync(join(binDir, name), 0o755);
  }
  env = { ...repo.env, PATH: `${binDir}:${repo.env.PATH ?? ""}` };
  return () => {
    repo.remove();
    rmSync(binDir, { recursive: true, force: true });
  };
});

async function bashComplete(words: readonly string[]): Promise<string[]> {
  const script = join(PROJECT_ROOT, "dist", "completion", SCRIPTS.bash);
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
  const fn = words[0] === "git" ? "_git_tasks" : "_tasks";
  const code = `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; ${fn}; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = await runProcess("bash", ["--norc", "--noprofile", "-c", code], { cwd: repo.dir, env });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").filter(Boolean);
}

describe("tasks completion <shell>", () => {
  it.each(Object.entries(SCRIPTS))("%s: prints the built script, the same on the launcher's fast path and through the program", async (shell, file) => {
    const fast = await runProcess(process.execPath, [...NODE_FLAGS, BIN, "completion", shell], { cwd: repo.dir, env });
    const slow = await runProcess(process.execPath, [...NODE_FLAGS, BIN, "-q", "completion", shell], { cwd: repo.dir, env });
    expect(fast.code).toBe(0);
    expect(fast.stdout).toBe(readFileSync(join(PROJECT_ROOT, "dist", "completion", file), "utf8"));
    expect(slow).toEqual(fast);
  });

  it("an unknown shell is a usage error naming the choices", async () => {
    const result = await repo.tasks(["completion", "tcsh"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bash, zsh, fish");
  });

  it("bash accepts the script (bash -n)", () => {
    const result = spawnSync("bash", ["-n", join(PROJECT_ROOT, "dist", "completion", SCRIPTS.bash)], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("tasks __complete <kind>", () => {
  it("prints ids from file names, handles from the roster, statuses and priorities from the config; hostile names never", async () => {
    const words = async (kind: string) => (await repo.tasks(["__complete", kind])).stdout;
    expect(await words("ids")).toBe("k7m2q\nk7p3x\nzz9aa\n");
    expect(await words("handles")).toBe("alice\nbob.k\nme\n");
    expect(await words("statuses")).toBe("todo\ndoing\nparked\nshipped\n");
    expect(await words("priorities")).toBe("low\nnormal\nhigh\nurgent\n");
    expect((await repo.tasks(["__complete", "ids", "-C", "tasks"], { cwd: "/" })).stdout).toBe("");
    const outside = await runProcess(process.execPath, [...NODE_FLAGS, BIN, "__complete", "ids", "-C", repo.dir], { cwd: TEST_ROOT, env });
    expect(outside).toEqual({ code: 0, stdout: "k7m2q\nk7p3x\nzz9aa\n", stderr: "" });
  });

  it("outside a repository, or with a broken config, completes nothing and says nothing", async () => {
    const outside = await runProcess(process.execPath, [...NODE_FLAGS, BIN, "__complete", "ids"], { cwd: TEST_ROOT, env });
    expect(outside).toEqual({ code: 0, stdout: "", stderr: "" });
    const broken = makeRepo();
    broken.write(".tasks/config.yml", "team: [unclosed\n");
    seedTask(broken, { id: "q2w3e", title: "Still listed" });
    expect(await broken.tasks(["__complete", "handles"])).toEqual({ code: 0, stdout: "me\n", stderr: "" });
    expect((await broken.tasks(["__complete", "ids"])).stdout).toBe("q2w3e\n");
  });
});

describe("bash completion in a repository", () => {
  it.each([
    [["tasks", ""], ["init", "new", "list", "ls", "claim", "completion", "help"]],
    [["tasks", "cl"], ["claim"]],
    [["tasks", "claim", ""], ["k7m2q", "k7p3x", "zz9aa"]],
    [["tasks", "claim", "k7"], ["k7m2q", "k7p3x"]],
    [["tasks", "assign", "k7m2q", ""], ["alice", "bob.k", "me"]],
    [["tasks", "list", "--owner", "b"], ["bob.k"]],
    [["tasks", "list", "--status", ""], ["todo", "doing", "parked", "shipped"]],
    [["tasks", "list", "--status", "=", "p"], ["parked"]],
    [["tasks", "status", "k7m2q", "d"], ["doing"]],
    [["tasks", "list", "--st"], ["--status", "--stale"]],
    [["tasks", "-C", ".", "block", "--on", "z"], ["zz9aa"]],
    [["tasks", "report", ""], ["weekly"]],
    [["tasks", "help", "sta"], ["start", "status", "standup"]],
    [["tasks", "completion", ""], ["bash", "zsh", "fish"]],
    [["tasks", "init", "--ci", ""], ["github"]],
    [["git", "tasks", "show", "zz"], ["zz9aa"]],
  ])("%j offers %j", async (words, expected) => {
    const offered = await bashComplete(words);
    expect(offered).toEqual(expect.arrayContaining(expected));
    if (words.at(-1) !== "") expect(offered.every((word) => word.startsWith(words.at(-1) === "=" ? "" : (words.at(-1) as string)))).toBe(true);
  });

  it("file names that are shell code are neither offered nor run", async () => {
    const offered = await bashComplete(["tasks", "show", ""]);
    expect(offered).toEqual(["k7m2q", "k7p3x", "zz9aa"]);
    expect(existsSync(join(repo.dir, "PWNED")) || existsSync(join(repo.dir, "PWNED2"))).toBe(false);
  });

  it("a free-text argument offers nothing; a hidden command is not offered", async () => {
    expect(await bashComplete(["tasks", "comment", "k7m2q", ""])).toEqual([]);
    expect(await bashComplete(["tasks", "merge"])).toEqual([]);
  });
});

describe.skipIf(!has("zsh"))("zsh completion (zsh is installed)", () => {
  const complete = (line: string) => {
    const result = spawnSync("zsh", ["-f", join(PROJECT_ROOT, "test", "helpers", "zsh-complete.zsh"), join(PROJECT_ROOT, "dist", "completion", SCRIPTS.zsh), line], {
      cwd: repo.dir,
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    return result.stdout.split("\n").filter(Boolean);
  };

  it("zsh accepts the script (zsh -n)", () => {
    expect(spawnSync("zsh", ["-n", join(PROJECT_ROOT, "dist", "completion", SCRIPTS.zsh)]).status).toBe(0);
  });

  it.each([
    ["tasks claim k7", ["k7m2q", "k7p3x"]],
    ["tasks list --status=p", ["--status=parked"]],
    ["git tasks assign zz9aa b", ["bob.k"]],
  ])("%j offers %j", (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });
});

describe.skipIf(!has("fish"))("fish completion (fish is installed)", () => {
  const complete = (line: string) => {
    const script = join(PROJECT_ROOT, "dist", "completion", SCRIPTS.fish);
    const result = spawnSync("fish", ["--no-config", "-c", `source '${script}'; complete -C '${line}'`], { cwd: repo.dir, env, encoding: "utf8" });
    return result.stdout.split("\n").filter(Boolean).map((line) => line.split("\t")[0]);
  };

  it("fish accepts the script (fish -n)", () => {
    expect(spawnSync("fish", ["-n", join(PROJECT_ROOT, "dist", "completion", SCRIPTS.fish)]).status).toBe(0);
  });

  it.each([
    ["tasks cl", ["claim"]],
    ["tasks claim k7", ["k7m2q", "k7p3x"]],
    ["tasks assign k7m2q ", ["alice", "bob.k", "me"]],
    ["tasks list --status=p", ["--status=parked"]],
    ["git-tasks show zz", ["zz9aa"]],
  ])("%j offers %j", (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });
});
