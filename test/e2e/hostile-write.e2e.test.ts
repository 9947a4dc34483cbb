import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { changedPaths, expectInert, expectProbeClean, expectSafeRun, runHostile, runHostilePty, TEMPLATE_MEMORY_LIMIT_KIB, treeDigest } from "../helpers/hostile.js";
import { KEY, visibleText } from "../helpers/pty.js";
import { copyHostileRepo, FIXTURE_DIR, type HostileRepo, hookCanaries, makeHostileRepo } from "../helpers/hostile-repo.js";
import type { TestRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Every writing command against the hostile corpus (docs/security.md, promises 1 to 5, 7, 8), each
 * in its own copy of the repository: no code runs and no hook fires; it writes exactly the task
 * files it is meant to and not one byte elsewhere (the working tree and .git, git's own commit
 * bookkeeping aside); its commit holds exactly those files, with a one-line subject and only the
 * tool's trailers, whatever the task's title says; the user's staged, unstaged and untracked
 * files stay as they were; and the output is as inert as the reading commands'.
 */

let hostile: HostileRepo;
beforeAll(() => {
  // Without the conflict-marker fixtures: with them, every writing command refuses (hostile-state).
  hostile = makeHostileRepo({ conflicts: false });
});
afterAll(() => hostile.remove());

const NEW_TASK = /^tasks\/2026-11\/[a-z2-9]{5}-among-hostile-files\.md$/;
const RENUMBERED = /^tasks\/dup\/[a-z2-9]{5}-second\.md$/;

interface Writer {
  readonly args: readonly string[];
  readonly code: number;
  /** The paths it may change (patterns for files it creates); none when it fails or has nothing to do. */
  readonly writes: readonly (string | RegExp)[];
  /** The ids its commit is about (Task-Id trailers). */
  readonly ids?: readonly string[];
}

const WRITERS: readonly Writer[] = [
  { args: ["new", "Among hostile files", "--label", "x"], code: 0, writes: [NEW_TASK] },
  { args: ["claim", "t01aa"], code: 0, writes: ["tasks/t01aa-esc-title.md"], ids: ["t01aa"] },
  { args: ["assign", "t02aa", "bob"], code: 0, writes: ["tasks/t02aa-osc8.md"], ids: ["t02aa"] },
  { args: ["unassign", "t03aa"], code: 0, writes: ["tasks/t03aa-osc52.md"], ids: ["t03aa"] },
  { args: ["start", "t04aa"], code: 0, writes: ["tasks/t04aa-reassemble.md"], ids: ["t04aa"] },
  { args: ["review", "t05aa", "--reviewer", "bob"], code: 0, writes: ["tasks/t05aa-cr.md"], ids: ["t05aa"] },
  { args: ["reopen", "t08aa"], code: 0, writes: ["tasks/t08aa-done.md"], ids: ["t08aa"] },
  { args: ["drop", "t06aa"], code: 0, writes: ["tasks/t06aa-bidi.md"], ids: ["t06aa"] },
  { args: ["status", "t06bb", "todo"], code: 0, writes: ["tasks/t06bb-invisible.md"], ids: ["t06bb"] },
  { args: ["block", "g01aa", "--reason", "waiting on ops"], code: 0, writes: ["tasks/g01aa-gha-newline.md"], ids: ["g01aa"] },
  { args: ["unblock", "t07aa"], code: 0, writes: ["tasks/t07aa-blocked.md"], ids: ["t07aa"] },
  // t01bb names a reviewer who has not approved it (docs/review.md): closing it is an override.
  { args: ["done", "t01bb", "--force", "--reason", "closed in the corpus test"], code: 0, writes: ["tasks/t01bb-raw-esc.md"], ids: ["t01bb"] },
  { args: ["comment", "x04aa", "noted"], code: 0, writes: ["tasks/x04aa-forged-trailer.md"], ids: ["x04aa"] },
  { args: ["set", "x04bb", "priority=high"], code: 0, writes: ["tasks/x04bb-hash-title.md"], ids: ["x04bb"] },
  { args: ["dod", "t07aa", "--met", "1"], code: 0, writes: ["tasks/t07aa-blocked.md"], ids: ["t07aa"] },
  { args: ["handoff", "g03bb", "--to", "bob"], code: 0, writes: ["tasks/g03bb-stop-commands.md"], ids: ["g03bb"] },
  { args: ["renumber", "s11aa"], code: 0, writes: ["tasks/dup/s11aa-second.md", RENUMBERED] },
  { args: ["claim", "t06cc"], code: 0, writes: ["tasks/paths/t06cc-invoice\u202egpj.md"], ids: ["t06cc"] },
  { args: ["claim", "t08ab"], code: 0, writes: ["tasks/paths/t08aa-a\nb.md"], ids: ["t08ab"] },
  { args: ["claim", "g02aa"], code: 0, writes: ["tasks/paths/g02aa-a,line=1,title=All clear.md"], ids: ["g02aa"] },
  { args: ["init"], code: 0, writes: [".gitattributes", ".git/config", "tasks/README.md"] },
  { args: ["resume"], code: 0, writes: [] },
  { args: ["sync"], code: 4, writes: [] },
  { args: ["edit", "t01aa"], code: 2, writes: [] },
  { args: ["claim", "w02aa"], code: 1, writes: [] },
  { args: ["comment", "f01", "through a broken file"], code: 1, writes: [] },
  { args: ["claim", "s11aa"], code: 4, writes: [] },
  { args: ["claim", "--", "--author=Evil <e@x>"], code: 1, writes: [] },
  { args: ["new", "With a bad dependency", "--depends-on", "../../.git/hooks/pre-commit"], code: 2, writes: [] },
];

function matches(path: string, wanted: string | RegExp): boolean {
  return typeof wanted === "string" ? path === wanted : wanted.test(path);
}

function headFiles(repo: TestRepo): string[] {
  return repo.git(["-c", "core.quotePath=false", "show", "-z", "--no-renames", "--name-only", "--format=", "HEAD"]).split("\0").filter(Boolean).sort();
}

function trailers(repo: TestRepo): [string, string][] {
  const message = repo.git(["log", "-1", "--format=%B"]);
  return repo.git(["interpret-trailers", "--parse"], { input: message }).split("\n").filter(Boolean).map((line) => {
    const at = line.indexOf(": ");
    return [line.slice(0, at), line.slice(at + 2)];
  });
}

describe("writing commands on the hostile corpus", () => {
  it.each(WRITERS.map((w) => [w.args.join(" "), w] as const))("tasks %s", async (name, writer) => {
    const repo = copyHostileRepo(hostile, name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40));
    onTestFinished(repo.remove);
    const head = repo.git(["rev-parse", "HEAD"]).trim();
    const status = repo.git(["status", "--porcelain=v1", "-z", "-uall", "--", ".", ":!tasks"]);
    const before = treeDigest(repo.dir);
    const run = await runHostile(writer.args, { cwd: repo.dir, env: repo.env });
    expectSafeRun(run, [writer.code]);

    const changed = changedPaths(before, treeDigest(repo.dir));
    expect(changed.filter((path) => !writer.writes.some((w) => matches(path, w))), "bytes changed where the command has no business").toEqual([]);
    for (const wanted of writer.writes) expect(changed.some((path) => matches(path, wanted)), `${String(wanted)} changed`).toBe(true);
    expect(repo.git(["status", "--porcelain=v1", "-z", "-uall", "--", ".", ":!tasks"]), "the user's own files").toBe(status);
    expect(repo.git(["diff", "--cached", "--name-only"]), "what the user had staged").toBe("unrelated.txt\n");
    expect(hookCanaries(hostile)).toEqual([]);

    const committed = repo.git(["rev-parse", "HEAD"]).trim() !== head;
    expect(committed).toBe(writer.code === 0 && writer.writes.length > 0);
    if (!committed) return;
    expect(repo.git(["rev-list", "--count", `${head}..HEAD`]).trim()).toBe("1");
    expect(headFiles(repo)).toEqual(changed.filter((path) => !path.startsWith(".git/")));
    const message = repo.git(["log", "-1", "--format=%B"]);
    expectInert(message.replace(/\n/g, ""), "commit message");
    expect(message.split("\n")[0]?.length).toBeLessThanOrEqual(72);
    const keys = trailers(repo).map(([key]) => key);
    expect(keys.every((key) => key.startsWith("Task-"))).toBe(true);
    if (writer.ids) expect(trailers(repo).filter(([key]) => key === "Task-Id").map(([, value]) => value)).toEqual(writer.ids);
  });
});

describe("edits change only their own lines, whatever the file looks like (F8, F20, F22, W7)", () => {
  async function edited(args: readonly string[], file: string): Promise<{ before: string; after: string }> {
    const repo = copyHostileRepo(hostile, `edit-${args[0]}-${args[1]}`);
    onTestFinished(repo.remove);
    const before = readFileSync(join(repo.dir, file), "utf8");
    expectSafeRun(await runHostile(args, { cwd: repo.dir, env: repo.env }), [0]);
    return { before, after: readFileSync(join(repo.dir, file), "utf8") };
  }

  it("comments, a flow list, a date and key order survive a set: one line added to the fields, one to the log", async () => {
    const { before, after } = await edited(["set", "f22aa", "priority=high"], "tasks/f22aa-comments.md");
    const [head, log] = [before.split("\n"), after.split("\n")];
    expect(log.filter((line) => !head.includes(line))).toEqual(["priority: high", "- 2026-11-20 10:00 +01:00 alice: set priority=high"]);
    expect(head.filter((line) => !log.includes(line))).toEqual([]);
  });

  it("dates, 0755, 1:30 and yes stay text, byte for byte", async () => {
    const { before, after } = await edited(["comment", "f08aa", "dates"], "tasks/f08aa-dates.md");
    for (const line of ["due: 2026-12-01", "mode: 0755", "t: 1:30", "on: yes"]) expect(after).toContain(`\n${line}\n`);
    expect(after.startsWith(before.slice(0, before.indexOf("## Log")))).toBe(true);
  });

  it("CRLF line endings stay CRLF, and a byte-order mark stays", async () => {
    const crlf = await edited(["comment", "w07aa", "crlf"], "tasks/w07aa-crlf.md");
    expect(crlf.after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(crlf.after.startsWith(crlf.before)).toBe(true);
    const bom = await edited(["comment", "f20bb", "bom"], "tasks/f20bb-bom.md");
    expect(bom.after.startsWith("\ufeff---\nid: f20bb\n")).toBe(true);
  });

  it("a new task renders the team's task template as text: code in it stays text", async () => {
    const repo = copyHostileRepo(hostile, "new-template");
    onTestFinished(repo.remove);
    const run = await runHostile(["new", "Templated", "--body", "Hello"], { cwd: repo.dir, env: repo.env });
    expectSafeRun(run, [0]);
    const path = repo.git(["show", "--name-only", "--format=", "HEAD"]).trim();
    expect(repo.read(path)).toContain("\nHello\n<% globalThis.PWNED = 'task.md' %>\n");
  });
});

describe("templates a teammate could commit (M1-M5)", () => {
  const { templates } = JSON.parse(readFileSync(join(FIXTURE_DIR, "manifest.json"), "utf8")) as { templates: { file: string; about: string; expect: { code: number; stdout?: string; stderr?: string } }[] };

  it.each(templates.map((t) => [`${t.file}: ${t.about}`, t] as const))("%s", async (_name, template) => {
    const run = await runHostile(["standup", "--team", "--template", join(FIXTURE_DIR, template.file)], { cwd: hostile.repo.dir, env: hostile.repo.env });
    expectSafeRun(run, [template.expect.code], TEMPLATE_MEMORY_LIMIT_KIB);
    if (template.expect.stdout !== undefined) expect(run.stdout).toContain(template.expect.stdout);
    if (template.expect.stderr !== undefined) expect(run.stderr).toContain(template.expect.stderr);
    expect(hookCanaries(hostile)).toEqual([]);
  });

  it("the same templates committed as the team's own fail the same way and change nothing", async () => {
    const repo = copyHostileRepo(hostile, "team-templates");
    onTestFinished(repo.remove);
    writeFileSync(join(repo.dir, ".tasks", "templates", "weekly.md"), readFileSync(join(FIXTURE_DIR, "templates", "loop.md")));
    writeFileSync(join(repo.dir, ".tasks", "templates", "handoff.md"), readFileSync(join(FIXTURE_DIR, "templates", "include.md")));
    const before = treeDigest(repo.dir);
    const scratch = mkdtempSync(join(TEST_ROOT, "tasks-out-"));
    onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
    expectSafeRun(await runHostile(["report", "weekly", "--out", join(scratch, "weekly.md")], { cwd: repo.dir, env: repo.env }), [1], TEMPLATE_MEMORY_LIMIT_KIB);
    expectSafeRun(await runHostile(["handoff", "g03bb", "--to", "bob"], { cwd: repo.dir, env: repo.env }), [1]);
    expect(changedPaths(before, treeDigest(repo.dir))).toEqual([]);
  });
});

describe("prompts on a terminal (T7)", () => {
  it("done's checklist shows a criterion's escape sequences escaped, never raw", async () => {
    const repo = copyHostileRepo(hostile, "prompt");
    onTestFinished(repo.remove);
    // The task's reviewer has not approved it; without one, done goes straight to the checklist.
    expect((await repo.tasks(["set", "t01bb", "reviewer="])).code).toBe(0);
    const run = await runHostilePty(["done", "t01bb"], { cwd: repo.dir, env: { ...repo.env, CI: "" }, steps: [{ expect: "check each criterion", send: ` ${KEY.enter}` }] });
    expect(run).toMatchObject({ code: 0, timedOut: false, pending: [] });
    expect(run.output).not.toContain("\x1b[8mhidden");
    expect(visibleText(run.output)).toContain("\\x1b[8mhidden\\x1b[0m");
    expectProbeClean(run.probe, "tasks done t01bb on a terminal");
    expect(repo.read("tasks/t01bb-raw-esc.md")).toContain("status: done");
  });
});

describe("the merge driver on hostile files (git runs it on whatever both sides committed)", () => {
  const fixture = (name: string): Buffer => readFileSync(join(FIXTURE_DIR, "tasks", name));

  async function merge(base: Buffer, ours: Buffer, theirs: Buffer, path: string): Promise<{ run: Awaited<ReturnType<typeof runHostile>>; result: string }> {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-merge-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "O"), base);
    writeFileSync(join(dir, "A"), ours);
    writeFileSync(join(dir, "B"), theirs);
    const run = await runHostile(["merge-driver", "O", "A", "B", path], { cwd: dir, env: hostile.repo.env });
    return { run, result: readFileSync(join(dir, "A"), "utf8") };
  }

  it("merges two edits of a task full of escape sequences field by field; nothing raw reaches its messages", async () => {
    const base = fixture("t01bb-raw-esc.md");
    const ours = Buffer.from(base.toString("utf8").replace("status: todo", "status: in-progress"));
    const theirs = Buffer.from(base.toString("utf8").replace("reviewer: bob", "reviewer: alice"));
    const { run, result } = await merge(base, ours, theirs, "tasks/t01bb\x1b]0;PATH\x07.md");
    expectSafeRun(run, [0]);
    expect(result).toContain("status: in-progress\n");
    expect(result).toContain("reviewer: alice\n");
    expect(result).toContain("title: Raw \x1b[31mred");
  });

  it("bytes that are not UTF-8: left to the user (exit 1) with an inert message", async () => {
    const { run, result } = await merge(fixture("f20-latin1.md"), fixture("t01aa-esc-title.md"), fixture("g01aa-gha-newline.md"), "tasks/x\u202e\x1b[2J.md");
    expectSafeRun(run, [1]);
    expect(run.stderr).toBe("tasks merge-driver: tasks/x<U+202E>\\x1b[2J.md is not UTF-8 text; left for you to resolve\n");
    expect(result).toBe(fixture("t01aa-esc-title.md").toString("utf8"));
  });

  it("files that are not tasks (an alias bomb, deep nesting) merge as text, within bounds, and keep our change", async () => {
    const ours = Buffer.concat([fixture("f10-laughs.md"), Buffer.from("our line\n")]);
    const { run, result } = await merge(fixture("f10-laughs.md"), ours, fixture("f11-deep-small.md"), "tasks/f10.md");
    expectSafeRun(run, [0, 1]);
    expect(result).toContain("our line\n");
  });
});
