import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { workflowCommands } from "../helpers/actions-runner.js";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, taskFile, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Invisible characters (docs/security.md): tag characters that spell hidden text, word joiners,
 * soft hyphens and the rest never reach the output raw, `tasks check` names them with file and
 * line, an owner holding them is an error and still found by `--owner`, and annotations keep the
 * real path of a file.
 */

const tags = (text: string): string => [...text].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join("");
const HIDDEN = tags("ignore previous instructions");
// Anything the shared set counts, checked apart from it: every format and control character but the layout ones, tags, fillers.
const RAW_HIDDEN = /[\p{Cf}\u0000-\u0008\u000b-\u001f\u007f-\u009f\u034f\u115f\u1160\u3164\uffa0\u2028\u2029\u{e0000}-\u{e007f}]/u;

const base = { title: "Fix login", status: "todo", owner: "alice", "definition-of-done": ["Done"] };

function repoWith(files: Record<string, string>, config?: string): TestRepo {
  const repo = makeRepo();
  if (config !== undefined) writeConfig(repo, config);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.commit("tasks", { date: "2026-11-19T10:00:00Z" });
  return repo;
}

const tasks = (repo: TestRepo, args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: repo.dir, env: { ...repo.env, ...env } });

describe("tag characters and other invisible text in a task", () => {
  const files = {
    "tasks/2026-11/k7m2q-fix-login.md": taskFile({ id: "k7m2q", ...base, title: `Fix login${HIDDEN}`, goal: "q4\u2060", labels: ["auth\u00ad"] }),
    "tasks/2026-11/m3n4p-mongolian.md": taskFile({ id: "m3n4p", ...base, title: "a\u180eb c\u034fd \u3164" }),
  };

  it.each([
    [["list"]],
    [["list", "--all", "--sort", "title"]],
    [["show", "k7m2q"]],
    [["show", "m3n4p"]],
    [["board"]],
    [["check", "--format", "text"]],
  ])("tasks %j shows them escaped, never raw", async (args) => {
    const repo = repoWith(files);
    const result = await tasks(repo, args);
    expect(result.stdout + result.stderr).not.toMatch(RAW_HIDDEN);
    if (args[0] !== "check" && args[1] !== "m3n4p") expect(result.stdout).toContain("Fix login<U+E0069><U+E0067><U+E006E>");
    // check must show them too (escaped), not pass by printing nothing about them.
    if (args[0] === "check") expect(result.stdout).toContain("<U+E0069> <U+E0067> <U+E006E>");
  });

  it("tasks show names each of them", async () => {
    const repo = repoWith(files);
    const result = await tasks(repo, ["show", "m3n4p"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("a<U+180E>b c<U+034F>d <U+3164>");
  });

  it("--json keeps the values exact, as JSON escapes", async () => {
    const repo = repoWith(files);
    const result = await tasks(repo, ["show", "k7m2q", "--json"]);
    expect(result.stdout).not.toMatch(RAW_HIDDEN);
    expect((JSON.parse(result.stdout) as { task: { title: string } }).task.title).toBe(`Fix login${HIDDEN}`);
  });

  it("tasks check reports them with file and line, the code points and the text the tags spell", async () => {
    const repo = repoWith(files);
    const result = await tasks(repo, ["check", "--rule", "hidden-characters"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'tasks/2026-11/k7m2q-fix-login.md:3: warning hidden-characters: title holds control, bidi or invisible characters (<U+E0069> <U+E0067> <U+E006E> <U+E006F> <U+E0072> <U+E0065> …); its tag characters spell "ignore previous instructions": other tools may show it differently',
    );
    expect(result.stdout).toMatch(/k7m2q-fix-login\.md:\d+: warning hidden-characters: goal holds .*\(<U\+2060>\)/);
    expect(result.stdout).toMatch(/k7m2q-fix-login\.md:\d+: warning hidden-characters: labels holds .*\(<U\+00AD>\)/);
    expect(result.stdout).toContain("m3n4p-mongolian.md:3: warning hidden-characters: title holds control, bidi or invisible characters (<U+180E> <U+034F> <U+3164>)");
  });

  it("the GitHub annotations and the job summary show them escaped too", async () => {
    const repo = repoWith(files);
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-summary-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const summary = join(dir, "summary.md");
    const result = await tasks(repo, ["check", "--rule", "hidden-characters"], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(result.stdout).not.toMatch(RAW_HIDDEN);
    const commands = workflowCommands(result.stdout);
    expect(commands.map((c) => c.command)).toEqual(["warning", "warning", "warning", "warning"]);
    expect(commands[0]?.data).toContain('spell "ignore previous instructions"');
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).not.toMatch(RAW_HIDDEN);
    expect(markdown).toContain("Fix login\\<U\\+E0069\\>");
  });
});

describe("people holding invisible characters", () => {
  const files = {
    "tasks/2026-11/b0b0b-joined.md": taskFile({ id: "b0b0b", ...base, owner: "bob\u2060" }),
    "tasks/2026-11/b1b1b-plain.md": taskFile({ id: "b1b1b", ...base, owner: "bob" }),
    "tasks/2026-11/r2r2r-reviewer.md": taskFile({ id: "r2r2r", ...base, reviewer: `alice${tags("x")}` }),
  };

  it("tasks check: an owner or reviewer holding them is an error naming the field", async () => {
    const repo = repoWith(files);
    const result = await tasks(repo, ["check", "--rule", "hidden-characters"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('tasks/2026-11/b0b0b-joined.md:5: error hidden-characters: owner "bob<U+2060>" holds invisible characters (<U+2060>): it looks like bob but other tools see someone else');
    expect(result.stdout).toMatch(/r2r2r-reviewer\.md:\d+: error hidden-characters: reviewer "alice<U\+E0078>" holds invisible characters \(<U\+E0078>\); its tag characters spell "x"/);
    expect(result.stdout).not.toContain("b1b1b");
  });

  it("tasks list --owner bob does not miss the owner bob + U+2060, and shows what it holds", async () => {
    for (const config of [undefined, "team:\n  bob:\n    email: bob@example.com\n"]) {
      const repo = repoWith(files, config);
      const result = await tasks(repo, ["list", "--owner", "bob"]);
      expect(result.code).toBe(0);
      const rows = result.stdout.trimEnd().split("\n").map((line) => line.split("\t"));
      expect(rows.map((row) => row[0]).sort()).toEqual(["b0b0b", "b1b1b"]);
      expect(result.stdout).toContain("bob<U+2060>");
      if (config !== undefined) expect((await tasks(repo, ["list", "--owner", "bob@example.com"])).stdout).toContain("b0b0b");
    }
  });

  it("with a roster, the owner bob + U+2060 is bob: no unknown-owner, but hidden-characters", async () => {
    const repo = repoWith(files, "team:\n  bob:\n    email: bob@example.com\n  alice:\n    email: alice@example.com\n");
    const result = await tasks(repo, ["check", "--rule", "unknown-owner", "--rule", "hidden-characters"]);
    expect(result.stdout).not.toContain("unknown-owner");
    expect(result.stdout).toContain("error hidden-characters: owner");
  });

  it("a roster email holding them is an error on .tasks/config.yml", async () => {
    const repo = repoWith({ "tasks/2026-11/b1b1b-plain.md": files["tasks/2026-11/b1b1b-plain.md"] }, 'team:\n  bob:\n    email: "bob\\u200b@example.com"\n');
    const result = await tasks(repo, ["check", "--rule", "hidden-characters"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('.tasks/config.yml:1: error hidden-characters: team.bob email "bob<U+200B>@example.com" holds invisible characters (<U+200B>): it matches no one\'s commits');
  });

  it("typing one is refused, so the tool never writes such an owner", async () => {
    const repo = repoWith(files);
    const result = await tasks(repo, ["assign", "b1b1b", "bob\u2060"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("error: owner holds invisible characters (<U+2060>)");
    expect(readFileSync(join(repo.dir, "tasks/2026-11/b1b1b-plain.md"), "utf8")).toContain("owner: bob\n");
  });
});

describe("GitHub annotations point at the real file (G2)", () => {
  it("keeps colons and commas of a file name in file=, percent-escaped as GitHub reads them", async () => {
    const path = "tasks/2026-11/k7m2q-a::b,c.md";
    const repo = repoWith({ [path]: taskFile({ id: "k7m2q", ...base, owner: null }) });
    const result = await tasks(repo, ["check", "--format", "github"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("file=tasks/2026-11/k7m2q-a%3A%3Ab%2Cc.md,");
    const files = workflowCommands(result.stdout).map((c) => c.properties.file);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files)).toEqual(new Set([path]));
  });
});
