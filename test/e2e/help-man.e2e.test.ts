import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, NODE_FLAGS, PROJECT_ROOT, runProcess } from "../helpers/cli.js";
import { isolatedEnv, TEST_ROOT } from "../helpers/env.js";
import { makeRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

const has = (command: string): boolean => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const MAN = join(PROJECT_ROOT, "dist", "man");

describe("tasks help [command]", () => {
  it("tasks help is tasks --help, from the launcher and through the program", async () => {
    const repo = makeRepo({ initialCommit: false });
    const rendered = await repo.tasks(["--help", "--no-color"]);
    expect(await repo.tasks(["help"])).toEqual({ code: 0, stdout: rendered.stdout, stderr: "" });
    expect(await repo.tasks(["-q", "help"])).toEqual({ code: 0, stdout: rendered.stdout, stderr: "" });
    expect(rendered.stdout).toMatch(/^ {2}help \[command\] +show help for a command/m);
    expect(rendered.stdout).toMatch(/^ {2}completion <shell> /m);
  });

  it.each([[["list"]], [["ls"]], [["report", "weekly"]], [["completion"]]])("tasks help %j is the command's --help", async (words) => {
    const repo = makeRepo({ initialCommit: false });
    const direct = await repo.tasks([...words, "--help"]);
    expect(direct.code).toBe(0);
    expect(await repo.tasks(["help", ...words])).toEqual(direct);
    expect(await repo.tasks(["-C", repo.dir, "help", ...words])).toEqual(direct);
  });

  it("tasks help <unknown> is a usage error on one line, with the closest commands", async () => {
    const repo = makeRepo({ initialCommit: false });
    const result = await repo.tasks(["help", "lst"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("error: unknown command 'lst' (Did you mean one of list, ls?) [USAGE]\nhint: run 'tasks --help' or 'tasks <command> --help' for usage\n");
    expect((await repo.tasks(["help", "nosuch"])).code).toBe(2);
  });
});

describe("the man page (git tasks --help runs man git-tasks)", () => {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { man: string[] };

  it("package.json names both pages, and the build wrote them", () => {
    expect(manifest.man).toEqual(["./dist/man/git-tasks.1", "./dist/man/tasks.1"]);
    for (const page of manifest.man) expect(existsSync(join(PROJECT_ROOT, page)), page).toBe(true);
  });

  it("has the sections, and every command's help verbatim", async () => {
    const page = readFileSync(join(MAN, "git-tasks.1"), "utf8");
    expect(page).toMatch(/^\.TH "GIT\\-TASKS" "1" /);
    for (const section of ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "SEE ALSO"]) expect(page).toContain(`\n.SH ${section}\n`);
    expect(page).toContain("\n.SH NAME\ngit\\-tasks \\- a team's tasks as Markdown files in its own git repository\n");
    for (const command of ["init", "claim", "report weekly", "completion"]) expect(page).toContain(`\n.SS "tasks ${command.replace(/-/g, "\\-")}"\n`);
    expect(page).not.toContain("merge-driver");
    // No line of text may start a roff request by accident.
    const body = page.split("\n").filter((line) => !/^\.(TH|SH|SS|nf|fi|PP|B|br)( |$)/.test(line));
    expect(body.filter((line) => /^[.']/.test(line))).toEqual([]);
  });

  it.skipIf(!has("man"))("man renders it: NAME, and the commands' own help (man is installed)", () => {
    const env = isolatedEnv({ MANWIDTH: "100", MANPAGER: "cat", PAGER: "cat" });
    const result = spawnSync("man", ["-l", join(MAN, "git-tasks.1")], { env, encoding: "utf8" });
    expect(result.status).toBe(0);
    const text = result.stdout.replace(/.\x08/g, "");
    expect(text).toContain("git-tasks - a team's tasks as Markdown files in its own git repository");
    expect(text).toContain("Usage: tasks list|ls [options]");
    expect(text).toContain("-o, --owner <who>");
    expect(text).toContain("$ tasks list --json | jq '.tasks[].id'");
    expect(spawnSync("man", ["-l", join(MAN, "tasks.1")], { env, encoding: "utf8" }).stdout).toContain("tasks - a team's tasks");
  });

  it.skipIf(!has("groff"))("groff reads it without a warning (groff is installed)", () => {
    const result = spawnSync("groff", ["-man", "-Tutf8", "-ww", "-z", join(MAN, "git-tasks.1")], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("npm pack ships the man pages and the completion scripts", async () => {
    const result = await runProcess("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PROJECT_ROOT, env: isolatedEnv(), timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(["dist/man/git-tasks.1", "dist/man/tasks.1", "dist/completion/tasks.bash", "dist/completion/_tasks", "dist/completion/tasks.fish", "dist/main.js"]));
  });
});

describe("the launcher without dist/ (a git checkout, a package packed unbuilt)", () => {
  it("says in one line what is missing and how to fix it; --version still answers", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-unbuilt-"));
    try {
      cpSync(join(PROJECT_ROOT, "bin"), join(dir, "bin"), { recursive: true });
      cpSync(join(PROJECT_ROOT, "package.json"), join(dir, "package.json"));
      const env = isolatedEnv();
      const run = (args: string[]) => runProcess(process.execPath, [...NODE_FLAGS, join(dir, "bin", "tasks.cjs"), ...args], { cwd: dir, env });
      const expected = `error: git-tasks is not built: dist/main.js is missing (run \`npm run build\` in ${dir}, or install the published package)\n`;
      for (const args of [["list"], ["--help"], ["help", "list"], ["__complete", "ids"], ["completion", "bash"]]) {
        expect(await run(args), args.join(" ")).toEqual({ code: 1, stdout: "", stderr: expected });
      }
      expect((await run(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+/);
      // Built, but a file of the build is missing (a partial copy): still one line, naming it.
      cpSync(join(PROJECT_ROOT, "dist", "main.js"), join(dir, "dist", "main.js"));
      const partial = await run(["__complete", "ids"]);
      expect(partial.code).toBe(1);
      expect(partial.stderr).toMatch(/^error: git-tasks is incomplete: Cannot find module '.*complete-words\.js'.* \(run `npm install` in .*, or reinstall the package\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
