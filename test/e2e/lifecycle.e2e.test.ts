import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { makeRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

describe("a task's life: init, new, claim, done", () => {
  it("creates, claims and closes a task, one commit each, with the log in the file", async () => {
    const repo = makeRepo();
    const tasks = (...args: string[]) => runCli(args, { cwd: repo.dir, env: repo.env });

    expect((await tasks("init")).code).toBe(0);
    const created = await tasks("new", "Fix login timeout", "--due", "2026-12-01", "--dod", "Timeout raised", "--dod", "Test on a slow network");
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{5}$/);

    const claim = await tasks("claim", id.slice(0, 3));
    expect(claim.code).toBe(0);
    const refused = await tasks("done", id);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("DOD_NOT_MET");
    expect((await tasks("done", id, "--yes")).code).toBe(0);

    const subjects = repo.git(["log", "--format=%s"]).trim().split("\n");
    expect(subjects.slice(0, 4)).toEqual([`tasks: done ${id} Fix login timeout`, `tasks: claim ${id} Fix login timeout`, `tasks: new ${id} Fix login timeout`, "tasks: init"]);
    const path = repo.git(["ls-files", "tasks/2026-11"]).trim();
    expect(path).toBe(`tasks/2026-11/${id}-fix-login-timeout.md`);
    const text = repo.read(path);
    expect(text).toContain("status: done");
    expect(text).toContain("owner: alice@example.com");
    expect(text).toMatch(/## Log\n- 2026-11-20 09:00 \+00:00 alice@example.com: created\n- .*: claimed\n- .*: done; definition of done confirmed \(2\/2\)\n$/);
  });
});
