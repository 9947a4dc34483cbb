import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { KEY, runPty, visibleText } from "../helpers/pty.js";
import { makeRepo, seedTask, snapshot, type TestRepo, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/** What a person at a terminal sees: tables, colour, prompts and the definition-of-done checklist. */

function teamRepo(): TestRepo {
  const repo = makeRepo();
  writeConfig(repo);
  seedTask(repo, { id: "tb222", title: "Short", status: "todo", owner: "alice", due: "2026-11-25", priority: "high", created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, {
    id: "tb333",
    title: "A much longer title that will not fit into a narrow terminal at all",
    status: "in-progress",
    owner: "bob@work.example",
    due: "2026-11-19",
    created: "2026-11-02T09:00:00+00:00",
  });
  seedTask(repo, { id: "dd444", title: "Ship it", status: "in-progress", owner: "alice", "definition-of-done": ["Tests pass", "Docs updated"], created: "2026-11-02T09:00:00+00:00" });
  seedTask(repo, { id: "ev555", title: '"Evil \\e]0;PWNED\\a \\u202e"', status: "todo", created: "2026-11-02T09:00:00+00:00" });
  repo.commit("seed", { date: "2026-11-02T09:00:00Z" });
  return repo;
}

function lines(output: string): string[] {
  return output.split("\n").filter((line) => line !== "");
}

describe("human output on a terminal", () => {
  it("list: an aligned table that fits the width, no escape codes with NO_COLOR, content sanitized", async () => {
    const repo = teamRepo();
    const result = await runPty(["list"], { cwd: repo.dir, env: repo.env, columns: 72 });
    expect(result).toMatchObject({ code: 0, timedOut: false, stderr: "" });
    expect(result.output).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    const rows = lines(result.output);
    expect(rows[0]).toBe("ID     STATUS       OWNER             DUE         PRIORITY  TITLE");
    const titleAt = rows[0]?.indexOf("TITLE") ?? -1;
    for (const column of ["STATUS", "OWNER", "DUE", "PRIORITY", "TITLE"]) {
      const at = rows[0]?.indexOf(column) ?? -1;
      for (const row of rows.slice(1)) expect(row[at - 1], `${column} in ${row}`).toBe(" ");
    }
    expect(rows.slice(1).map((row) => row.slice(0, titleAt))).toEqual([
      "tb222  todo         alice             2026-11-25  high      ",
      "ev555  todo         -                 -           -         ",
      "tb333  in-progress  bob@work.example  2026-11-19  -         ",
      "dd444  in-progress  alice             -           -         ",
    ]);
    expect(rows[2]?.slice(titleAt)).toBe("Evil \\x1b]0…");
    for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(72);
    expect(rows[3]?.slice(titleAt)).toBe("A much long…");
  });

  it("colour on a terminal unless NO_COLOR or --no-color", async () => {
    const repo = teamRepo();
    const colour = { ...repo.env, NO_COLOR: "" };
    const coloured = await runPty(["list"], { cwd: repo.dir, env: colour });
    expect(coloured.output).toMatch(/\x1b\[\d+m/);
    expect(visibleText(coloured.output)).toContain("tb222  todo");
    expect((await runPty(["list", "--no-color"], { cwd: repo.dir, env: colour })).output).not.toContain("\x1b");
    expect((await runPty(["board"], { cwd: repo.dir, env: repo.env })).output).not.toContain("\x1b");
  });

  it("no colour on a TERM=dumb terminal, unless FORCE_COLOR asks for it", async () => {
    const repo = teamRepo();
    const dumb = { ...repo.env, NO_COLOR: "", TERM: "dumb" };
    for (const args of [["list"], ["board"]]) {
      const result = await runPty(args, { cwd: repo.dir, env: dumb });
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.output, args.join(" ")).not.toContain("\x1b");
    }
    expect(lines((await runPty(["list"], { cwd: repo.dir, env: dumb })).output)[0]).toMatch(/^ID +STATUS/);
    expect((await runPty(["list"], { cwd: repo.dir, env: { ...dumb, FORCE_COLOR: "1" } })).output).toMatch(/\x1b\[\d+m/);
  });

  it("board: four columns side by side within the width; show and log read like the plain ones, in the reader's zone", async () => {
    const repo = teamRepo();
    const board = await runPty(["board"], { cwd: repo.dir, env: repo.env, columns: 100 });
    const rows = lines(board.output);
    expect(rows[0]).toMatch(/^OPEN \(2\) +ACTIVE \(2\) +BLOCKED \(0\) +CLOSED \(0\)$/);
    expect(rows[2]).toMatch(/^tb222 Short +tb333 A much longer.*…$/);
    for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(100);

    const log = await runPty(["log", "tb222"], { cwd: repo.dir, env: { ...repo.env, TZ: "America/New_York" } });
    expect(lines(log.output)).toEqual(["WHEN              WHO    WHAT     CHANGE", "2026-11-02 04:00  alice  created  created: Short"]);
  });

  it("a change prints a one-line summary with the commit; hostile text stays escaped in every human view", async () => {
    const repo = teamRepo();
    const result = await runPty(["claim", "ev555"], { cwd: repo.dir, env: repo.env });
    const commit = repo.git(["rev-parse", "--short=7", "HEAD"]).trim();
    expect(result.output).toBe(`claimed ev555  Evil \\x1b]0;PWNED\\x07 <U+202E>  (in-progress, alice) [${commit}]\n`);
    for (const args of [["show", "ev555"], ["log", "ev555"], ["board"]]) {
      const shown = await runPty(args, { cwd: repo.dir, env: repo.env });
      expect(shown.code, args.join(" ")).toBe(0);
      expect(shown.output, args.join(" ")).toContain("Evil \\x1b]0;");
      expect(shown.output, args.join(" ")).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    }
  });

  it("init: the first run suggests a first task; a later run that only adds the CI workflow does not", async () => {
    const repo = makeRepo();
    const first = await runPty(["init"], { cwd: repo.dir, env: repo.env });
    expect(first.code).toBe(0);
    expect(first.output).toContain('Next: tasks new "Your first task"');
    const again = await runPty(["init", "--ci", "github"], { cwd: repo.dir, env: repo.env });
    expect(again.code).toBe(0);
    expect(again.output).toContain("  .github/workflows/tasks-check.yml\n");
    expect(again.output).not.toContain("Next:");
  });
});

describe("prompts on a terminal", () => {
  it("new asks for the title and the usual details, then creates the task", async () => {
    const repo = teamRepo();
    const result = await runPty(["new"], {
      cwd: repo.dir,
      env: repo.env,
      steps: [
        { expect: "Title:", send: `Typed on a terminal${KEY.enter}` },
        { expect: "Due", send: `tomorrow${KEY.enter}` },
        { expect: "Owner", send: `me${KEY.enter}` },
        { expect: "criterion 1", send: `Works offline${KEY.enter}` },
        { expect: "criterion 2", send: KEY.enter },
      ],
    });
    expect(result).toMatchObject({ code: 0, timedOut: false, pending: [] });
    const path = repo.git(["show", "--name-only", "--format=", "HEAD"]).trim();
    expect(path).toMatch(/^tasks\/2026-11\/[a-z2-9]{5}-typed-on-a-terminal\.md$/);
    expect(repo.read(path)).toMatch(/^---\nid: [a-z2-9]{5}\ntitle: Typed on a terminal\nstatus: todo\nowner: alice\ndue: 2026-11-21\ncreated: 2026-11-20T10:00:00\+01:00\ndefinition-of-done:\n {2}- Works offline\n---\n/);
    expect(visibleText(result.output)).toMatch(/created [a-z2-9]{5} {2}Typed on a terminal {2}\(todo, alice, due 2026-11-21\) \[[0-9a-f]{7}\]\n$/);
  });

  it("with CI set, a terminal is not asked: exit 2 and nothing written", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const result = await runPty(["new"], { cwd: repo.dir, env: { ...repo.env, CI: "true" }, timeout: 10 });
    expect(result).toMatchObject({ code: 2, timedOut: false, output: "" });
    expect(result.stderr).toContain("[NOT_INTERACTIVE]");
    expect(snapshot(repo)).toEqual(before);
  });

  it("done: every criterion checked closes the task", async () => {
    const repo = teamRepo();
    const result = await runPty(["done", "dd444"], { cwd: repo.dir, env: repo.env, steps: [{ expect: "check each criterion", send: `${KEY.space}${KEY.down}${KEY.space}${KEY.enter}` }] });
    expect(result).toMatchObject({ code: 0, timedOut: false, pending: [] });
    expect(visibleText(result.output)).toContain("◯ Tests pass");
    expect(repo.read("tasks/2026-11/dd444-ship-it.md")).toMatch(/status: done\n[\s\S]*alice: done; definition of done confirmed \(2\/2\)\n$/);
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: done dd444 Ship it");
  });

  it("done: one criterion left unchecked refuses (exit 4) and changes nothing; Ctrl-C cancels", async () => {
    const repo = teamRepo();
    const before = snapshot(repo);
    const partial = await runPty(["done", "dd444"], { cwd: repo.dir, env: repo.env, steps: [{ expect: "check each criterion", send: `${KEY.space}${KEY.enter}` }] });
    expect(partial).toMatchObject({ code: 4, timedOut: false });
    expect(partial.stderr).toBe(
      'error: dd444 is not closed: 1 of 2 criteria of its definition of done are not confirmed [DOD_NOT_MET]\nhint: finish them first, or override: tasks done dd444 --force --reason "<why>"\n',
    );
    const cancelled = await runPty(["done", "dd444"], { cwd: repo.dir, env: repo.env, steps: [{ expect: "check each criterion", send: KEY.ctrlC }] });
    expect(cancelled).toMatchObject({ code: 1, timedOut: false, stderr: "error: cancelled; nothing was changed [CANCELLED]\n" });
    expect(snapshot(repo)).toEqual(before);
  });
});
