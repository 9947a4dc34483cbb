#!/usr/bin/env node
// CI (.ci/run): what a user gets from `npm publish`, checked end to end. A clean clone of HEAD
// (committed state only, no dist/) is packed with `npm pack`, whose prepack must build; the
// tarball must hold the launcher, dist/, the man pages and the completion scripts; installed
// into an empty prefix it must answer --help, run real commands in a fresh repository, print a
// completion script bash accepts, and give `git tasks --help` its man page.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "tasks-pack-"));
const started = Date.now();

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  if (result.status !== 0 && !options.allowFailure) {
    process.stderr.write(`pack-check: ${command} ${args.join(" ")} failed (exit ${result.status})\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  return result;
}

function expect(condition, message, detail = "") {
  if (condition) return;
  process.stderr.write(`pack-check: ${message}\n${detail}`);
  process.exit(1);
}

let last = started;
/** How long each step took, for a slow CI run (the build and the install dominate). */
function step(name) {
  const now = Date.now();
  process.stdout.write(`pack-check: ${name} (${((now - last) / 1000).toFixed(1)} s)\n`);
  last = now;
}

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

try {
  const checkout = join(work, "checkout");
  run("git", ["clone", "--quiet", "--no-local", root, checkout]);
  expect(!existsSync(join(checkout, "dist")), "the clean clone already has dist/");
  // The build needs the dev dependencies; the project's own install serves.
  symlinkSync(realpathSync(join(root, "node_modules")), join(checkout, "node_modules"), "dir");

  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], { cwd: checkout }).stdout);
  step("cloned and packed (prepack built dist/)");
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((file) => file.path);
  for (const needed of ["bin/tasks.cjs", "dist/main.js", "dist/help.txt", "dist/man/git-tasks.1", "dist/man/tasks.1", "dist/completion/tasks.bash", "dist/completion/_tasks", "dist/completion/tasks.fish", "schema/task-list.json", "schema/error.json"]) {
    expect(files.includes(needed), `the tarball lacks ${needed}`, `${files.join("\n")}\n`);
  }
  expect(!files.some((file) => file.endsWith(".test.js")), "the tarball ships tests");

  const prefix = join(work, "prefix");
  run("npm", ["install", "--global", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", tarball]);
  step("installed the tarball");
  const bin = join(prefix, "bin");
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    HOME: work,
    LANG: "C.UTF-8",
    NO_COLOR: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Pack Check",
    GIT_AUTHOR_EMAIL: "pack@example.com",
    GIT_COMMITTER_NAME: "Pack Check",
    GIT_COMMITTER_EMAIL: "pack@example.com",
    TASKS_NOW: "2026-03-02T10:00:00Z",
  };
  const tasks = (args, cwd = work) => run(join(bin, "tasks"), args, { cwd, env });

  expect(tasks(["--help"]).stdout.includes("Usage: tasks [options] [command]"), "tasks --help printed no usage");
  expect(tasks(["help", "list"]).stdout.includes("Usage: tasks list|ls"), "tasks help list printed no usage");

  const repo = join(work, "repo");
  mkdirSync(repo);
  run("git", ["init", "--quiet", repo], { env });
  tasks(["init"], repo);
  const id = tasks(["new", "Packed and installed"], repo).stdout.trim();
  expect(/^[a-z0-9]{5}$/.test(id), "tasks new printed no id", id);
  expect(tasks(["list"], repo).stdout.includes("Packed and installed"), "tasks list does not show the new task");
  expect(tasks(["__complete", "ids"], repo).stdout === `${id}\n`, "tasks __complete ids does not list the task");

  // The MCP server from the installed package (its SDK resolved from the package's dependencies):
  // initialize, then a tools/call; stdin closes and the server exits 0.
  const rpc = (rid, method, params) => `${JSON.stringify({ jsonrpc: "2.0", id: rid, method, params })}\n`;
  const mcpInput = [
    rpc(1, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pack-check", version: "1" } }),
    `${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`,
    rpc(2, "tools/call", { name: "show", arguments: { id } }),
  ].join("");
  const mcp = run(join(bin, "tasks"), ["mcp"], { cwd: repo, env, input: mcpInput, stdio: ["pipe", "pipe", "pipe"], timeout: 30_000 });
  const answers = mcp.stdout.trim().split("\n").map((line) => JSON.parse(line));
  expect(answers[1]?.result?.structuredContent?.task?.title === "Packed and installed", "tasks mcp did not answer a show call", mcp.stdout + mcp.stderr);

  const script = join(work, "tasks.bash");
  run("sh", ["-c", `"${join(bin, "tasks")}" completion bash > "${script}"`], { env });
  run("bash", ["-n", script]);

  step("ran the installed commands");
  if (has("man")) {
    const manEnv = { ...env, MANPATH: join(prefix, "share", "man"), MANPAGER: "cat", PAGER: "cat", MANWIDTH: "80" };
    expect(run("man", ["-w", "git-tasks"], { env: manEnv }).stdout.includes("git-tasks.1"), "man -w git-tasks finds no page");
    const gitHelp = run("git", ["tasks", "--help"], { cwd: repo, env: manEnv });
    expect(gitHelp.stdout.includes("git-tasks - a team's tasks"), "git tasks --help shows no man page", gitHelp.stdout.slice(0, 500));
  } else {
    process.stdout.write("pack-check: man is not installed; the man page lookup was not checked\n");
  }
  process.stdout.write(`pack-check: ok (${packed[0].filename}, ${files.length} files, ${Math.round((Date.now() - started) / 1000)} s)\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
