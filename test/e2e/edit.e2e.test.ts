import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { type PtyResult, runPty } from "../helpers/pty.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

const FILE = "tasks/2026-11/ed222-edit-me.md";

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "ed222", title: "Edit me", status: "todo", "x-keep": "yes # a comment", created: "2026-11-02T09:00:00+00:00" }, "\nNotes.\n\n## Log\n");
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

/**
 * An "editor": a shell script that edits the file it is given and leaves a mark that it ran.
 * `env` sets EDITOR and a private TMPDIR, so `temps()` sees exactly the copies the tool left.
 */
function editor(script: string): { env: Record<string, string>; ran: () => boolean; temps: () => string[] } {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-editor-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "fake-editor.sh");
  writeFileSync(path, `#!/bin/sh\ntouch "${dir}/ran"\n${script}\n`);
  chmodSync(path, 0o755);
  mkdirSync(join(dir, "tmp"));
  return { env: { EDITOR: path, TMPDIR: join(dir, "tmp") }, ran: () => existsSync(join(dir, "ran")), temps: () => readdirSync(join(dir, "tmp")) };
}

/** `tasks edit` on a pseudo-terminal with that editor. */
async function editWith(repo: TestRepo, script: string, args: readonly string[] = ["edit", "ed222"]): Promise<{ ed: ReturnType<typeof editor>; result: PtyResult }> {
  const ed = editor(script);
  return { ed, result: await runPty(args, { cwd: repo.dir, env: { ...repo.env, ...ed.env } }) };
}

describe("tasks edit", () => {
  it("needs a terminal: piped, it is a usage error (exit 2) and the editor never starts", async () => {
    const repo = teamRepo();
    const ed = editor("exit 0");
    const result = await repo.tasks(["edit", "ed222"], { env: ed.env });
    expect(result).toEqual({ code: 2, stdout: "", stderr: "error: tasks edit needs a terminal [NOT_INTERACTIVE]\nhint: change fields with: tasks set <id> key=value\n" });
    expect(ed.ran()).toBe(false);
  });

  it("a valid edit is committed (that file only); unknown keys, comments and the body survive", async () => {
    const repo = teamRepo();
    repo.write("staged.txt", "mine\n");
    repo.git(["add", "staged.txt"]);
    const { ed, result } = await editWith(repo, `sed -i 's/^status: todo$/status: in-progress\\npriority: high/' "$1"`, ["edit", "ed2"]);
    expect(result).toMatchObject({ code: 0, timedOut: false, stderr: "" });
    expect(ed.ran()).toBe(true);
    expect(repo.read(FILE)).toBe(
      "---\nid: ed222\ntitle: Edit me\nstatus: in-progress\npriority: high\nx-keep: yes # a comment\ncreated: 2026-11-02T09:00:00+00:00\n---\n\nNotes.\n\n## Log\n",
    );
    expect(repo.git(["log", "-1", "--format=%s|%(trailers:key=Task-Action,valueonly,separator=)"]).trim()).toBe("tasks: edit ed222 Edit me|edit");
    expect(repo.git(["show", "--name-only", "--format=", "HEAD"])).toBe(`${FILE}\n`);
    expect(repo.git(["diff", "--cached", "--name-only"])).toBe("staged.txt\n");
  });

  it("an invalid edit writes nothing; the message names the line and where the text was kept", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const { ed, result } = await editWith(repo, `sed -i 's/^title: .*/title: [unclosed/' "$1"`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: your edit is not a valid task: line 4: invalid YAML: .+; nothing was written \[INVALID_TASK_FILE\]\nhint: your text is kept in (\/\S+\/ed222-edit-me\.md)\n$/);
    const kept = /kept in (\S+)\n$/.exec(result.stderr)?.[1] ?? "";
    expect(kept.startsWith(ed.env.TMPDIR ?? "?")).toBe(true);
    expect(readFileSync(kept, "utf8")).toContain("title: [unclosed\n");
    expect(snapshot(repo)).toEqual(before);
  });

  it("changing the id, an editor that fails, or an unchanged file: nothing is written", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const { result: renamed } = await editWith(repo, `sed -i 's/^id: ed222/id: zz999/' "$1"`);
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toMatch(/^error: the id cannot change in an edit \(ed222 → zz999\); nothing was written \[INVALID_VALUE\]\nhint: your text is kept in \S+\n$/);
    const { ed: failing, result: failed } = await editWith(repo, `echo broken >> "$1"; exit 3`);
    expect(failed).toMatchObject({ code: 1, stderr: "error: the editor exited with status 3; nothing was changed [EDITOR_FAILED]\n" });
    expect(failing.temps()).toEqual([]);
    const { ed: idle, result: untouched } = await editWith(repo, "exit 0", ["edit", "ed222", "--json"]);
    expect(untouched.code).toBe(0);
    expect(JSON.parse(untouched.output)).toMatchObject({ kind: "task-change", action: "edit", changed: false, commit: null });
    expect(idle.temps()).toEqual([]);
    expect(snapshot(repo)).toEqual(before);
  });

  it("if the file changed while the editor was open, nothing is written and the edit is kept", async () => {
    const repo = teamRepo();
    const { result } = await editWith(repo, `sed -i 's/^status: todo$/status: review/' "$1"\necho "- someone else" >> "${join(repo.dir, FILE)}"`);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: tasks\/2026-11\/ed222-edit-me\.md changed while you were editing it; nothing was written \[CONFLICT\]\nhint: run tasks edit again; your text is kept in \S+\n$/);
    const kept = /kept in (\S+)\n$/.exec(result.stderr)?.[1] ?? "";
    expect(readFileSync(kept, "utf8")).toContain("status: review\n");
    expect(repo.read(FILE)).toMatch(/status: todo\n[\s\S]*- someone else\n$/);
  });

  it("a file with uncommitted changes is refused before the editor opens; with --no-commit the editor opens", async () => {
    const repo = teamRepo();
    repo.write(FILE, `${repo.read(FILE)}- typed by hand, not committed\n`);
    const { ed, result } = await editWith(repo, `echo "- more" >> "$1"`);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`error: ${FILE} has uncommitted changes; a tasks commit holds only its own change, so nothing was changed [DIRTY_TASKS]`);
    expect(ed.ran()).toBe(false);
    const draft = await editWith(repo, `echo "- more" >> "$1"`, ["edit", "ed222", "--no-commit"]);
    expect(draft.result.code, draft.result.stderr).toBe(0);
    expect(repo.read(FILE)).toMatch(/- typed by hand, not committed\n- more\n$/);
  });

  it("with git's index locked it refuses before the editor opens, so no edit is lost", async () => {
    const repo = teamRepo();
    writeFileSync(join(repo.dir, ".git", "index.lock"), "");
    const { ed, result } = await editWith(repo, `echo "- typed with care" >> "$1"`);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("[GIT_LOCKED]");
    expect(ed.ran()).toBe(false);
  });
});
