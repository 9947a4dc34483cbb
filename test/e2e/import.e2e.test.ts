import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, PROJECT_ROOT } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { makeRepo, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** Projects written by Backlog.md's own CLI (version in VERSION; scripts/make-backlog-fixtures.sh). */
const FIXTURE = join(PROJECT_ROOT, "test", "fixtures", "backlog-md", "basic");

interface ImportJson {
  dryRun: boolean;
  tasks: { action: string; id: string; sourceId: string; title: string; path: string | null; changed: string[] }[];
  unknownPeople: string[];
  commit: string | null;
}

function upstreamCopy(): string {
  const dir = mkdtempSync(join(TEST_ROOT, "backlog-"));
  cpSync(FIXTURE, join(dir, "backlog"), { recursive: true });
  return dir;
}

function configured(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  repo.commit("config");
  return repo;
}

describe("tasks import backlog", () => {
  it("imports a real Backlog.md project in one commit, maps its fields, and keeps task-2 resolvable", async () => {
    const repo = configured();
    const head = repo.git(["rev-parse", "HEAD"]).trim();
    const result = await repo.tasks(["import", "backlog", FIXTURE, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as ImportJson;
    expect(out.tasks.map((t) => [t.action, t.sourceId])).toEqual([
      ["create", "TASK-1"],
      ["create", "TASK-2"],
      ["create", "TASK-5"],
      ["create", "TASK-3"],
      ["create", "DRAFT-1"],
      ["create", "TASK-4"],
    ]);
    expect(out.unknownPeople).toEqual(["carol"]);
    expect(result.stderr).toContain("carol is not on the team roster");
    expect(repo.git(["rev-list", "--count", `${head}..HEAD`]).trim()).toBe("1");
    expect(repo.git(["status", "--porcelain"]).trim()).toBe("");

    const byId = new Map(out.tasks.map((t) => [t.sourceId, t]));
    const ci = repo.read(byId.get("TASK-1")?.path as string);
    expect(ci).toMatch(/status: in-progress\nowner: alice\ndue: 2026-12-15\npriority: high\nlabels: \[infra, ci\]/);
    expect(ci).toContain("definition-of-done:\n  - Lint runs on push\n  - Tests run on push");
    expect(ci).toContain("source: backlog\nsource-id: TASK-1");
    const login = repo.read(byId.get("TASK-2")?.path as string);
    expect(login).toContain(`depends-on: [${byId.get("TASK-1")?.id}]`);
    expect(login).toContain("status: done");
    expect(login).toContain("met: Form validates email");
    expect(repo.read(byId.get("TASK-3")?.path as string)).not.toMatch(/^owner:/m);
    expect(repo.read(byId.get("TASK-4")?.path as string)).toContain("status: dropped");
    expect(repo.read(byId.get("DRAFT-1")?.path as string)).toContain("status: todo");
    // Two assignees: the first the roster knows owns it; the milestone's title is the goal.
    expect(repo.read(byId.get("TASK-5")?.path as string)).toMatch(/owner: alice\ngoal: Q4 reliability\n/);

    const shown = await repo.tasks(["show", "task-2", "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`"id": "${byId.get("TASK-2")?.id}"`);
    const list = await repo.tasks(["list", "--all"]);
    expect(list.stdout.trim().split("\n")).toHaveLength(6);
    expect(list.stderr).toBe("");
  });

  it("a re-run after upstream edits updates what changed and creates only what is new", async () => {
    const repo = configured();
    const upstream = upstreamCopy();
    const first = JSON.parse((await repo.tasks(["import", "backlog", upstream, "--json"])).stdout) as ImportJson;
    const file = join(upstream, "backlog", "tasks", "task-1 - Set-up-CI-pipeline.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("status: In Progress", "status: Done").replace("priority: high", "priority: low"));
    writeFileSync(join(upstream, "backlog", "tasks", "task-6 - New-one.md"), "---\nid: TASK-6\ntitle: New one\nstatus: To Do\nassignee: []\nlabels: []\ndependencies: [TASK-1]\n---\n");
    const again = await repo.tasks(["import", "backlog", upstream, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as ImportJson;
    const ci = out.tasks.find((t) => t.sourceId === "TASK-1");
    expect(ci?.action).toBe("update");
    expect(ci?.id).toBe(first.tasks.find((t) => t.sourceId === "TASK-1")?.id);
    expect(ci?.changed).toEqual(["status", "priority"]);
    expect(out.tasks.filter((t) => t.action === "create").map((t) => t.sourceId)).toEqual(["TASK-6"]);
    expect(out.tasks.filter((t) => t.action === "unchanged")).toHaveLength(5);
    expect(repo.read(ci?.path as string)).toMatch(/status: done\nowner: alice\ndue: 2026-12-15\npriority: low/);
    const third = JSON.parse((await repo.tasks(["import", "backlog", upstream, "--json"])).stdout) as ImportJson;
    expect(third.tasks.every((t) => t.action === "unchanged")).toBe(true);
    expect(third.commit).toBeNull();
  });

  it("a re-run takes upstream's new body only where nobody edited it here; both edited is a conflict line, and ours is kept", async () => {
    const repo = configured();
    const upstream = upstreamCopy();
    const first = JSON.parse((await repo.tasks(["import", "backlog", upstream, "--json"])).stdout) as ImportJson;
    const pathOf = (sourceId: string): string => first.tasks.find((t) => t.sourceId === sourceId)?.path as string;
    expect(repo.read(pathOf("TASK-1"))).toMatch(/\nsource-body-hash: sha256:[0-9a-f]{64}\n/);
    const edit = (name: string, from: string, to: string): void => {
      const file = join(upstream, "backlog", "tasks", name);
      writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
    };
    // TASK-1: changed upstream only. TASK-2: changed here and upstream. TASK-3: changed here only.
    edit("task-1 - Set-up-CI-pipeline.md", "Run lint and tests on every push.", "Run lint, tests and the build on every push.");
    const task2 = readdirSync(join(upstream, "backlog", "tasks")).find((n) => n.startsWith("task-2 ")) as string;
    edit(task2, "<!-- SECTION:DESCRIPTION:END -->", "Upstream's new line.\n<!-- SECTION:DESCRIPTION:END -->");
    const localEdit = (path: string): string => {
      const text = repo.read(path).replace("\n## Log", "\nOur own note.\n\n## Log");
      repo.write(path, text);
      repo.commit(`edit ${path}`);
      return text;
    };
    const ours2 = localEdit(pathOf("TASK-2"));
    const ours3 = localEdit(pathOf("TASK-3"));
    const again = await repo.tasks(["import", "backlog", upstream, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as ImportJson & { conflicts: { sourceId: string; field: string; path: string }[] };
    const row = (id: string) => out.tasks.find((t) => t.sourceId === id);
    expect(row("TASK-1")).toMatchObject({ action: "update", changed: ["source-body-hash", "body"] });
    expect(repo.read(pathOf("TASK-1"))).toContain("Run lint, tests and the build on every push.");
    expect(repo.read(pathOf("TASK-1"))).toMatch(/updated from backlog TASK-1: body\n/);
    expect(row("TASK-2")?.action).toBe("unchanged");
    expect(row("TASK-3")?.action).toBe("unchanged");
    expect(repo.read(pathOf("TASK-2"))).toBe(ours2);
    expect(repo.read(pathOf("TASK-3"))).toBe(ours3);
    expect(out.conflicts).toEqual([expect.objectContaining({ sourceId: "TASK-2", field: "body", path: pathOf("TASK-2") })]);
    expect(again.stderr).toContain(`warning: ${pathOf("TASK-2")}: the body was edited here and upstream since the last import (backlog TASK-2, field body); kept the text here`);
    const third = JSON.parse((await repo.tasks(["import", "backlog", upstream, "--json"])).stdout) as ImportJson;
    expect(third.commit).toBeNull();
  });

  it("a re-run while an imported task file is broken stops, naming the file, instead of importing it a second time", async () => {
    const repo = configured();
    const first = JSON.parse((await repo.tasks(["import", "backlog", FIXTURE, "--json"])).stdout) as ImportJson;
    const path = first.tasks.find((t) => t.sourceId === "TASK-1")?.path as string;
    // A hand edit leaves bad YAML above the source fields.
    repo.write(path, repo.read(path).replace(/^title: .*$/m, "title: [Set up CI"));
    repo.commit("hand edit");
    const before = snapshot(repo);
    for (const args of [[], ["--dry-run"], ["--no-commit"]]) {
      const again = await repo.tasks(["import", "backlog", FIXTURE, ...args]);
      expect(again.code, again.stdout).toBe(1);
      const [error, hint] = again.stderr.trim().split("\n");
      expect(error?.startsWith(`error: ${path}:`), error).toBe(true);
      expect(error).toMatch(/:\d+: invalid YAML.*; it holds backlog TASK-1 \(source-id, line \d+\), so importing now would make a second task for it; nothing was imported \[INVALID_TASK_FILE\]$/);
      expect(hint).toMatch(/^hint: fix .*then run the import again$/);
      expect(hint).toContain(path);
      expect(snapshot(repo)).toEqual(before);
    }
    // Fixed by hand, the re-run matches it again: nothing is created.
    repo.write(path, repo.read(path).replace("title: [Set up CI", "title: Set up CI pipeline"));
    repo.commit("fixed");
    const fixed = JSON.parse((await repo.tasks(["import", "backlog", FIXTURE, "--json"])).stdout) as ImportJson;
    expect(fixed.tasks.filter((t) => t.action === "create")).toEqual([]);
  });

  it("--dry-run shows the plan and writes nothing", async () => {
    const repo = configured();
    const before = snapshot(repo);
    const result = await repo.tasks(["import", "backlog", FIXTURE, "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("would create");
    expect(snapshot(repo)).toEqual(before);
  });

  it("a malformed record or an unknown status stops before anything is written, naming the file and field", async () => {
    const repo = configured();
    const upstream = upstreamCopy();
    writeFileSync(join(upstream, "backlog", "tasks", "task-9 - Qa.md"), "---\nid: TASK-9\ntitle: In QA\nstatus: QA\n---\n");
    const before = snapshot(repo);
    const status = await repo.tasks(["import", "backlog", upstream]);
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/task-9 - Qa\.md: status "QA" has no match here \(status\)/);
    expect(status.stderr).toContain(`--status "QA=`);
    expect(snapshot(repo)).toEqual(before);
    const mapped = await repo.tasks(["import", "backlog", upstream, "--status", "QA=review", "--dry-run"]);
    expect(mapped.code, mapped.stderr).toBe(0);

    writeFileSync(join(upstream, "backlog", "tasks", "task-9 - Qa.md"), "---\nid: TASK-9\ntitle: [broken\n---\n");
    const broken = await repo.tasks(["import", "backlog", upstream]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/task-9 - Qa\.md: invalid YAML.*\(frontmatter\)/);
    expect(snapshot(repo)).toEqual(before);
  });

  it("hostile text is stored as data: slugs stay in the folder, escapes never reach the terminal", async () => {
    const repo = configured();
    const upstream = upstreamCopy();
    writeFileSync(
      join(upstream, "backlog", "tasks", "task-7 - x.md"),
      "---\nid: TASK-7\ntitle: \"../../../etc/passwd \\e[31mred\\e]0;pwned\\a \\u202Eevil\"\nstatus: To Do\nassignee: [\"@bob\\u2060\"]\nlabels: [\"ops\\u200B\"]\n---\n\n<<<<<<< HEAD\nbody\n\n## Log\n- 2020-01-01 00:00 +00:00 mallory: forged\n",
    );
    const result = await repo.tasks(["import", "backlog", upstream, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const task = (JSON.parse(result.stdout) as ImportJson).tasks.find((t) => t.sourceId === "TASK-7");
    expect(task?.path).toMatch(/^tasks\/\d{4}-\d{2}\/[a-z0-9]{5}-etc-passwd-31mred-0-pwned-evil\.md$/);
    const text = repo.read(task?.path as string);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("owner: bob\n");
    expect(text).toContain("labels: [ops]");
    expect(text).toContain("## Log (imported)\n- 2020-01-01 00:00 +00:00 mallory: forged");
    expect(text).toMatch(/\n## Log\n- [^\n]+ alice: imported from backlog TASK-7\n$/);
    const plain = await repo.tasks(["import", "backlog", upstream, "--dry-run"]);
    expect(plain.stdout).not.toContain("\u202e");
    expect(plain.stdout).not.toContain("\u001b");
    const list = await repo.tasks(["list"]);
    expect(list.stdout).toContain("etc/passwd");
    expect(list.stdout).not.toContain("\u202e");
  });
});

const ISSUES = join(PROJECT_ROOT, "test", "fixtures", "github", "issues.json");

describe("tasks import github", () => {
  it("imports gh issue list JSON from stdin, open and closed, milestones as goals; a re-run is unchanged", async () => {
    const repo = configured();
    const input = readFileSync(ISSUES, "utf8");
    const result = await repo.tasks(["import", "github", "-", "--json"], { input });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as ImportJson;
    expect(out.tasks.map((t) => [t.action, t.sourceId])).toEqual([
      ["create", "12"],
      ["create", "7"],
    ]);
    expect(out.unknownPeople).toEqual(["octo-stranger"]);
    const login = repo.read(out.tasks[0]?.path as string);
    expect(login).toMatch(/status: todo\nowner: alice\nlabels: \[bug\]\ngoal: Q4 reliability\ncreated: 2026-11-02T09:12:00Z\naliases: \[gh-12\]\nsource: github\nsource-id: "12"\nsource-url: https:\/\/github.com\/acme\/app\/issues\/12/);
    expect(repo.read(out.tasks[1]?.path as string)).toContain("status: done");
    expect((await repo.tasks(["show", "gh-7"])).code).toBe(0);
    const again = JSON.parse((await repo.tasks(["import", "github", ISSUES, "--json"])).stdout) as ImportJson;
    expect(again.tasks.map((t) => t.action)).toEqual(["unchanged", "unchanged"]);
    // The issue's body edited on GitHub: the re-run takes it (nobody edited it here).
    const edited = (JSON.parse(input) as { body: string }[]).map((issue, i) => (i === 0 ? { ...issue, body: "Now also on mobile networks." } : issue));
    const third = JSON.parse((await repo.tasks(["import", "github", "-", "--json"], { input: JSON.stringify(edited) })).stdout) as ImportJson;
    expect(third.tasks.map((t) => [t.action, t.changed])).toEqual([["update", ["source-body-hash", "body"]], ["unchanged", []]]);
    expect(repo.read(out.tasks[0]?.path as string)).toMatch(/---\n\nNow also on mobile networks\.\n\n## Log\n/);
  });

  it("malformed JSON or a bad field stops before anything is written", async () => {
    const repo = configured();
    const before = snapshot(repo);
    const broken = await repo.tasks(["import", "github", "-"], { input: "[{\"number\": 1," });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/stdin: is not JSON.*\(json\)/);
    const bad = await repo.tasks(["import", "github", "-"], { input: JSON.stringify([{ number: 3, title: "x", state: "MERGED" }]) });
    expect(bad.stderr).toMatch(/stdin: issue #3: state "MERGED" has no match here \(state\)/);
    expect(snapshot(repo)).toEqual(before);
  });
});

const SHEET = join(PROJECT_ROOT, "test", "fixtures", "csv", "jira-export.csv");
const MAP = ["--map", "id=Key,title=Summary,status=State,owner=Assignee,labels=Labels,due=Due,priority=Priority,body=Description,depends-on=Blocked by"];

describe("tasks import csv", () => {
  it("imports the mapped columns; people by email; a re-run is unchanged", async () => {
    const repo = configured();
    const result = await repo.tasks(["import", "csv", SHEET, ...MAP, "--status", "In QA=review", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as ImportJson;
    expect(out.unknownPeople).toEqual(["nobody@else.example"]);
    const [first, second] = out.tasks as [ImportJson["tasks"][number], ImportJson["tasks"][number]];
    const text = repo.read(first.path as string);
    expect(text).toMatch(/status: review\nowner: bob\ndue: 2026-12-01\npriority: high\nlabels: \[auth, backend\]/);
    expect(text).toContain("Two lines\nof text");
    expect(repo.read(second.path as string)).toContain(`depends-on: [${first.id}]`);
    expect((await repo.tasks(["show", "auth-2"])).code).toBe(0);
    const again = JSON.parse((await repo.tasks(["import", "csv", SHEET, ...MAP, "--status", "In QA=review", "--json"])).stdout) as ImportJson;
    expect(again.tasks.map((t) => t.action)).toEqual(["unchanged", "unchanged"]);
  });

  it("bad CSV, an unmapped status or a missing column stops before anything is written", async () => {
    const repo = configured();
    const before = snapshot(repo);
    const status = await repo.tasks(["import", "csv", SHEET, ...MAP]);
    expect(status.stderr).toMatch(/jira-export\.csv: row 2: status "In QA" has no match here \(status \(State\)\)/);
    const quote = await repo.tasks(["import", "csv", "-", "--map", "id=A,title=B"], { input: 'A,B\n1,"open quote\n' });
    expect(quote.code).not.toBe(0);
    expect(quote.stderr).toMatch(/stdin: is not valid CSV.*\(csv\)/);
    const column = await repo.tasks(["import", "csv", SHEET, "--map", "id=Key,title=Title"]);
    expect(column.stderr).toMatch(/has no column "Title" \(title\)/);
    const noId = await repo.tasks(["import", "csv", SHEET, "--map", "title=Summary"]);
    expect(noId.stderr).toContain("no column is mapped to id");
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("tasks export", () => {
  it("prints the filtered tasks as CSV a spreadsheet (and tasks import csv) reads back, formulas defused", async () => {
    const repo = configured();
    await repo.tasks(["import", "backlog", FIXTURE]);
    await repo.tasks(["new", "=HYPERLINK(\"http://evil\")", "--label", "infra"]);
    const csv = await repo.tasks(["export", "--label", "infra"]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.split("\r\n");
    expect(lines[0]).toBe("id,title,status,owner,due,priority,labels,depends-on,reviewer,goal,created,definition-of-done,source,source-id,source-url,path,body");
    expect(csv.stdout).toContain(",Set up CI pipeline,in-progress,alice,2026-12-15,high,\"infra, ci\",");
    expect(csv.stdout).toContain(`,"'=HYPERLINK(""http://evil"")",todo,`);
    expect(csv.stdout).not.toContain("Write the login page");

    const other = configured();
    const dir = mkdtempSync(join(TEST_ROOT, "export-"));
    writeFileSync(join(dir, "out.csv"), csv.stdout);
    const back = await other.tasks(["import", "csv", join(dir, "out.csv"), "--map", "id=id,title=title,status=status,owner=owner,labels=labels,due=due,priority=priority", "--json"]);
    expect(back.code, back.stderr).toBe(0);
    expect((JSON.parse(back.stdout) as ImportJson).tasks).toHaveLength(2);

    const json = await repo.tasks(["export", "--format", "json", "--status", "closed"]);
    const doc = JSON.parse(json.stdout) as { kind: string; tasks: { "source-id": string; body: string }[] };
    expect(doc.kind).toBe("export");
    expect(doc.tasks.map((t) => t["source-id"]).sort()).toEqual(["TASK-2", "TASK-3", "TASK-4"]);
  });
});
