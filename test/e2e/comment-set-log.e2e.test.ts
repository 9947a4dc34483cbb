import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "cm222", title: "Talk about it", status: "todo", owner: "alice", labels: ["a", "b"], "x-estimate": "3", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "dp333", title: "Dependency", status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

const FILE = "tasks/2026-11/cm222-talk-about-it.md";
const BOB = { GIT_AUTHOR_NAME: "Bob Okafor", GIT_AUTHOR_EMAIL: "bob@example.com", GIT_COMMITTER_NAME: "Bob Okafor", GIT_COMMITTER_EMAIL: "bob@example.com" };
const at = (iso: string): Record<string, string> => ({ TASKS_NOW: iso, GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso });

describe("tasks comment", () => {
  it("appends a dated, attributed entry (words joined, line breaks kept as continuation lines) in one commit", async () => {
    const repo = teamRepo();
    expect(await repo.tasks(["comment", "cm2", "Reproduced", "on hotel Wi-Fi"])).toEqual({ code: 0, stdout: "cm222\n", stderr: "" });
    expect(await repo.tasks(["comment", "cm222", "first line\nsecond line\x1b[31m"], { env: BOB })).toMatchObject({ code: 0 });
    expect(repo.read(FILE).split("## Log\n")[1]).toBe(
      "- 2026-11-20 10:00 +01:00 alice: Reproduced on hotel Wi-Fi\n- 2026-11-20 04:00 -05:00 bob: first line\n  second line [31m\n",
    );
    expect(repo.git(["log", "-1", "--format=%an|%s|%(trailers:key=Task-Action,valueonly,separator=)"]).trim()).toBe("Bob Okafor|tasks: comment cm222 Talk about it|comment");
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${FILE}\n`);
  });

  it("an empty comment is a usage error and writes nothing", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    expect(await repo.tasks(["comment", "cm222", "  "])).toEqual({ code: 2, stdout: "", stderr: 'error: the comment is empty [USAGE]\nhint: tasks comment <id> "what happened"\n' });
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("tasks set", () => {
  it("edits any field, lists with += and -=, unknown keys too; only the edited lines change", async () => {
    const repo = teamRepo();
    const result = await repo.tasks(["set", "cm222", "priority=high", "due=2026-12-01", "labels+=c", "labels-=a", "depends-on+=dp333", "definition-of-done+=Runbook updated", "x-estimate=5", "reviewer=bob@work.example"]);
    expect(result).toEqual({ code: 0, stdout: "cm222\n", stderr: "" });
    const diff = repo.git(["diff", "HEAD~1", "HEAD", "--unified=0", "--no-color", "--", FILE]);
    const changed = diff.split("\n").filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
    // Values typed on the command line are text: an unknown key's 5 is written quoted so it stays "5".
    expect(changed).toEqual([
      "-labels: [a, b]",
      "-x-estimate: 3",
      "+due: 2026-12-01",
      "+priority: high",
      "+labels: [b, c]",
      "+depends-on: [dp333]",
      "+reviewer: bob",
      '+x-estimate: "5"',
      "+definition-of-done:",
      "+  - Runbook updated",
      "+- 2026-11-20 10:00 +01:00 alice: set priority=high, due=2026-12-01, labels=b, c, depends-on=dp333, definition-of-done=Runbook updated, x-estimate=5, reviewer=bob",
    ]);
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: set cm222 Talk about it");
    const cleared = await repo.tasks(["set", "cm222", "due=", "priority=", "owner=", "reviewer=me", "--json"]);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ action: "set", changed: true, task: { due: null, priority: null, owner: null, reviewer: "alice", "x-estimate": "5" } });
  });

  it("a value already in place changes nothing and makes no commit", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["set", "cm222", "owner=alice", "labels+=a", "--json"]);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: false, commit: null });
    expect(snapshot(repo)).toEqual(before);
  });

  it.each([
    [["priority=p0"], 'error: unknown priority "p0" [INVALID_VALUE]'],
    [["due=someday"], 'error: "someday" is not a due date [INVALID_VALUE]'],
    [["status=doing"], 'error: unknown status "doing" [INVALID_VALUE]'],
    [["id=zzzzz"], "error: the id cannot be changed with set [INVALID_VALUE]"],
    [["depends-on+=zzzzz"], "error: depends-on: no task with id zzzzz [INVALID_VALUE]"],
    [["title="], "error: title cannot be empty [INVALID_VALUE]"],
    [["priority+=high"], "error: += works on list fields only (labels, depends-on, definition-of-done) [INVALID_VALUE]"],
    [["Bad Key=1"], 'error: "Bad Key" is not a field name [INVALID_VALUE]'],
    [["__proto__=1"], 'error: "__proto__" is not a field name [INVALID_VALUE]'],
    [["priority"], 'error: "priority" is not key=value [USAGE]'],
    [["priority=high", "due=never"], 'error: "never" is not a due date [INVALID_VALUE]'],
  ])("set %j is refused (exit 2) and nothing is written", async (assignments, line) => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await repo.tasks(["set", "cm222", ...assignments]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\nhint: .+\n$`));
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("tasks log", () => {
  /** History at pinned dates by two people, plus a hand commit whose message and log line try to name someone else. */
  async function historyRepo(): Promise<{ repo: TestRepo; id: string }> {
    const repo = makeRepo();
    writeConfig(repo);
    repo.commit("roster", { date: "2026-11-01T09:00:00Z" });
    const id = (await repo.tasks(["new", "Audit me", "--priority", "low"], { env: at("2026-11-10T09:00:00Z") })).stdout.trim();
    expect((await repo.tasks(["claim", id], { env: { ...at("2026-11-12T15:30:00Z"), ...BOB } })).code).toBe(0);
    const path = repo.git(["ls-files", "tasks"]).trim();
    repo.write(path, `${repo.read(path).replace("priority: low", "priority: urgent")}- 2026-11-13 09:00 +00:00 mallory: escalated\n`);
    repo.commit(`tasks: set ${id} Audit me\n\nTask-Id: ${id}\nAuthor: Mallory <mallory@example.com>`, { date: "2026-11-13T09:00:00Z", author: { name: "Bob Okafor", email: "bob@example.com" } });
    return { repo, id };
  }

  it("plain: every field change old → new and every log entry, times in the reader's zone, authors from git", async () => {
    const { repo, id } = await historyRepo();
    const result = await repo.tasks(["log", id], { env: { TZ: "Asia/Tokyo" } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const rows = result.stdout.trimEnd().split("\n").map((line) => line.split("\t").slice(0, 6));
    expect(rows).toEqual([
      ["2026-11-10T18:00:00+09:00", "alice", "created", "", "", "Audit me"],
      ["2026-11-10T18:00:00+09:00", "alice", "log", "", "", "created"],
      ["2026-11-13T00:30:00+09:00", "bob", "changed", "status", "todo", "in-progress"],
      ["2026-11-13T00:30:00+09:00", "bob", "changed", "owner", "-", "bob"],
      ["2026-11-13T00:30:00+09:00", "bob", "log", "", "", "claimed"],
      ["2026-11-13T18:00:00+09:00", "bob", "changed", "priority", "low", "urgent"],
      ["2026-11-13T18:00:00+09:00", "bob", "log", "", "", "escalated"],
    ]);
    const commits = repo.git(["log", "--format=%H", "--", "tasks"]).trim().split("\n").reverse();
    expect(result.stdout.trimEnd().split("\n").map((line) => line.split("\t")[6])).toEqual([commits[0], commits[0], commits[1], commits[1], commits[1], commits[2], commits[2]]);
  });

  it("--json: events with who (roster handle), git author, commit, action, and the log line's own writer kept apart", async () => {
    const { repo, id } = await historyRepo();
    const result = await repo.tasks(["log", id, "--json"]);
    const json = JSON.parse(result.stdout) as { kind: string; id: string; events: Record<string, unknown>[] };
    expect(json).toMatchObject({ schemaVersion: 1, kind: "task-log", id, path: `tasks/2026-11/${id}-audit-me.md` });
    expect(json.events).toHaveLength(7);
    expect(json.events[2]).toMatchObject({ kind: "changed", field: "status", from: "todo", to: "in-progress", who: "bob", authorEmail: "bob@example.com", action: "claim", at: "2026-11-12T15:30:00+00:00" });
    expect(json.events[6]).toMatchObject({ kind: "log", who: "bob", authorName: "Bob Okafor", writtenBy: "mallory", text: "escalated", action: null });
  });

  it("follows the task by id across a hand rename that rewrote the file in the same commit (S8)", async () => {
    const { repo, id } = await historyRepo();
    const before = repo.git(["ls-files", "tasks"]).trim();
    const renamed = `tasks/archive/${id}-audit-me-renamed.md`;
    mkdirSync(join(repo.dir, "tasks", "archive"));
    repo.git(["mv", before, renamed]);
    repo.write(renamed, `${repo.read(renamed).replace("## Log\n", `${"A long rewrite of the notes.\n".repeat(30)}\n## Log\n`)}`);
    repo.commit("move the audit task and rewrite its notes", { date: "2026-11-14T09:00:00Z" });
    // git itself loses the trail: the rewrite defeats rename detection.
    expect(repo.git(["log", "--follow", "--format=%s", "--", renamed]).trim().split("\n")).toHaveLength(1);
    expect((await repo.tasks(["comment", id, "after the move"], { env: at("2026-11-15T09:00:00Z") })).code).toBe(0);

    const json = JSON.parse((await repo.tasks(["log", id, "--json"])).stdout) as { path: string; events: { kind: string; path: string; text?: string }[] };
    expect(json.path).toBe(renamed);
    expect(json.events.map((e) => (e.kind === "log" ? `log ${e.text}` : e.kind))).toEqual(["created", "log created", "changed", "changed", "log claimed", "changed", "log escalated", "log after the move"]);
    expect(json.events[0]?.path).toBe(before);
    expect(json.events.at(-1)?.path).toBe(renamed);
    const show = await repo.tasks(["show", id], { env: { TASKS_NOW: "2026-11-16T09:00:00Z", TZ: "UTC" } });
    expect(show.stdout).toContain("created 2026-11-10 09:00 by alice");
    expect(show.stdout).toContain("4 commits;");
  });

  it("an unknown id is exit 1", async () => {
    const repo = teamRepo();
    expect((await repo.tasks(["log", "zzzzz"])).code).toBe(1);
  });
});
