import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, type CliResult, PROJECT_ROOT, runProcess } from "../helpers/cli.js";
import { isolatedEnv } from "../helpers/env.js";

/**
 * `npm run demo` as a newcomer (or CI) runs it: no stdin, CI=true, output piped. The demo plays four
 * weeks of history with the built CLI, so this test also walks the everyday commands end to end.
 */

beforeAll(assertBuilt);

function runDemo(env: Record<string, string>): Promise<CliResult> {
  return runProcess(process.execPath, [join(PROJECT_ROOT, "scripts", "demo.mjs")], { cwd: PROJECT_ROOT, env, timeoutMs: 290_000 });
}

/** The demo leaves its repository for people to explore; tests remove it. */
function demoRepository(output: string): string {
  const match = /(?:The demo repository|the repository is left for a look): (\S+)/.exec(output);
  if (!match?.[1]) throw new Error(`no repository path in the demo's output:\n${output}`);
  const repo = match[1];
  expect(repo).toMatch(/git-tasks-demo-[^/\\]+$/);
  onTestFinished(() => rmSync(repo, { recursive: true, force: true }));
  return repo;
}

/** An isolated environment (temp HOME and git config) that is removed when the test ends. */
function demoEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = isolatedEnv({ CI: "true", ...extra });
  onTestFinished(() => rmSync(env.HOME as string, { recursive: true, force: true }));
  return env;
}

function section(stdout: string, title: string): string[] {
  const start = stdout.indexOf(`── ${title}`);
  expect(start, `section "${title}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const rest = stdout.slice(stdout.indexOf("\n", start) + 1);
  const end = rest.search(/\n── |\nThe demo repository:/);
  return rest.slice(0, end === -1 ? undefined : end).split("\n").filter(Boolean);
}

describe("npm run demo", () => {
  it("builds a team's history with the CLI and shows the board and the list", { timeout: 300_000 }, async () => {
    const env = demoEnv();
    const result = await runDemo(env);
    const repo = demoRepository(result.stdout + result.stderr);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    const [heading, ...board] = section(result.stdout, "The board").map((line) => line.split("\t"));
    expect(heading).toEqual(["category", "status", "id", "owner", "due", "title"]);
    expect(board).toHaveLength(20);
    const card = (title: string): string[] | undefined => board.find((row) => row[5] === title);
    expect(card("Retry failed webhook deliveries with backoff")?.slice(0, 2)).toEqual(["blocked", "blocked"]);
    expect(card("Migrate the sessions table to the new schema")?.slice(0, 2)).toEqual(["active", "review"]);
    expect(card("Fix login timeout on slow networks")?.slice(0, 2)).toEqual(["closed", "done"]);
    expect(card("Dark mode for the settings page")?.slice(0, 2)).toEqual(["closed", "dropped"]);
    expect(card("Audit log for admin role changes")?.slice(0, 5)).toEqual(["closed", "done", expect.stringMatching(/^[a-z0-9]{5}$/), "bob", "2026-11-13"]);
    expect(card("Write the onboarding guide for contractors")?.slice(0, 5)).toEqual(["open", "todo", expect.stringMatching(/^[a-z0-9]{5}$/), "", "2026-12-04"]);

    const list = section(result.stdout, "Open and active work").map((line) => line.split("\t"));
    const titles = list.map((row) => row[5]);
    expect(titles).toContain("Password reset emails land in spam");
    expect(titles).toContain("Export customers to CSV");
    expect(titles).not.toContain("Fix login timeout on slow networks");
    expect(list).toHaveLength(11);

    // The week the report covers has completions, so the outcome figures show.
    const weekly = section(result.stdout, "This week's summary");
    expect(weekly[0]).toBe("## Weekly summary · 2026-W47");
    expect(weekly[2]).toMatch(/^\*\*3 completed\*\* · median cycle time \S+ days · 67% on time \(2 of 3 with a due date\) · 0 with linked code, 3 without$/);
    expect(weekly).toContain("### Completed");
    expect(weekly.some((line) => /Audit log for admin role changes · late \(due Fri 13 Nov\) · took /.test(line))).toBe(true);
    expect(weekly).not.toContain("Nothing was completed this week.");

    const git = (...args: string[]): string => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", env });
    const commits = git("log", "--format=%an%x09%aI%x09%cI%x09%s").trim().split("\n").map((line) => line.split("\t"));
    expect(new Set(commits.map(([author]) => author))).toEqual(new Set(["Alice Ng", "Bob Okafor", "Chen Wei"]));
    for (const [, authored, committed] of commits) {
      expect(committed).toBe(authored);
      expect(Date.parse(authored as string)).toBeGreaterThanOrEqual(Date.parse("2026-10-23T00:00:00Z"));
      expect(Date.parse(authored as string)).toBeLessThanOrEqual(Date.parse("2026-11-20T15:00:00Z"));
    }
    const commit = (subject: RegExp): string[] | undefined => commits.find(([, , , s]) => subject.test(s as string));
    expect(commit(/^tasks: init$/)?.slice(0, 2)).toEqual(["Alice Ng", "2026-10-26T09:00:00+01:00"]);
    expect(commit(/^tasks: done \w+ Rotate the staging API keys$/)?.slice(0, 2)).toEqual(["Bob Okafor", "2026-10-28T14:00:00-04:00"]);
    expect(commit(/^tasks: block \w+ Retry failed webhook deliveries/)?.slice(0, 2)).toEqual(["Bob Okafor", "2026-11-03T10:00:00-05:00"]);
    expect(commit(/^tasks: done \w+ Cache npm installs in CI$/)?.slice(0, 2)).toEqual(["Chen Wei", "2026-11-04T15:00:00+05:30"]);
    expect(git("log", "-1", "--format=%B", "--grep=Task-Override")).toContain("Definition of done overridden: hit rate checked by hand");

    const files = git("ls-files", "--", "tasks").trim().split("\n");
    expect(files.filter((f) => /^tasks\/2026-10\/[a-z0-9]{5}-[a-z0-9-]+\.md$/.test(f))).toHaveLength(10);
    expect(files.filter((f) => /^tasks\/2026-11\/[a-z0-9]{5}-[a-z0-9-]+\.md$/.test(f))).toHaveLength(10);
    // The demo ends with its dashboard, written into the repository and named on the last line.
    const dashboard = join(repo, "tasks-dashboard.html");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(`The demo's dashboard (open it in a browser): ${dashboard}`);
    const html = readFileSync(dashboard, "utf8");
    expect(html).toContain("Retry failed webhook deliveries with backoff");
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(git("status", "--porcelain")).toBe("?? tasks-dashboard.html\n");
  });

  it("stops with a non-zero exit code and says what failed", async () => {
    const result = await runDemo(demoEnv({ PATH: join(PROJECT_ROOT, "no-such-folder") }));
    demoRepository(result.stderr);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^demo failed: setting up the repository/m);
    expect(result.stdout).not.toContain("The demo repository:");
  });
});
