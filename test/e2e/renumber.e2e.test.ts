import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, taskFile } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Two clones each made a task with the id dp222 (it can happen, just very rarely) and a second task
 * depending on "their" dp222; then the branches were merged. `tasks renumber dp222` gives the later
 * one a new id and file name, and updates only the dependency that meant it, in one commit.
 */
describe("tasks renumber", () => {
  it("renumbers the later-created duplicate, renames its file, and fixes the references that meant it", async () => {
    const repo = makeRepo();
    const base = repo.git(["rev-parse", "HEAD"]).trim();
    repo.write("tasks/2026-11/dp222-first-copy.md", taskFile({ id: "dp222", title: "First copy", status: "todo", created: "2026-11-02T09:00:00+00:00" }));
    repo.write("tasks/2026-11/xa222-needs-first.md", taskFile({ id: "xa222", title: "Needs the first", status: "todo", "depends-on": ["dp222"] }));
    repo.commit("tasks made in one clone", { date: "2026-11-02T09:00:00Z" });
    repo.git(["checkout", "-q", "-b", "other", base]);
    repo.write("tasks/2026-11/dp222-second-copy.md", taskFile({ id: "dp222", title: "Second copy", status: "todo", created: "2026-11-05T09:00:00+00:00" }));
    repo.write("tasks/2026-11/yb333-needs-second.md", taskFile({ id: "yb333", title: "Needs the second", status: "todo", "depends-on": ["dp222"] }));
    repo.commit("tasks made in the other clone", { date: "2026-11-05T09:00:00Z" });
    repo.git(["checkout", "-q", "main"]);
    repo.git(["merge", "-q", "--no-edit", "other"], { env: { GIT_AUTHOR_DATE: "2026-11-06T09:00:00Z", GIT_COMMITTER_DATE: "2026-11-06T09:00:00Z" } });

    const duplicate = await repo.tasks(["check", "--rule", "duplicate-id", "--format", "json"]);
    expect(duplicate.code).toBe(3);

    const result = await repo.tasks(["renumber", "dp222", "--json"]);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as { kept: string; renumbered: { from: string; to: string; oldPath: string; newPath: string }[]; updated: { id: string }[]; commit: string };
    expect(outcome.kept).toBe("tasks/2026-11/dp222-first-copy.md");
    expect(outcome.renumbered).toHaveLength(1);
    const [moved] = outcome.renumbered as [{ from: string; to: string; oldPath: string; newPath: string }];
    expect(moved.from).toBe("dp222");
    expect(moved.oldPath).toBe("tasks/2026-11/dp222-second-copy.md");
    expect(moved.newPath).toBe(`tasks/2026-11/${moved.to}-second-copy.md`);
    expect(outcome.updated.map((u) => u.id)).toEqual(["yb333"]);

    expect(repo.read(moved.newPath)).toContain(`id: ${moved.to}`);
    expect(repo.read("tasks/2026-11/yb333-needs-second.md")).toContain(`depends-on: [${moved.to}]`);
    expect(repo.read("tasks/2026-11/xa222-needs-first.md")).toContain("depends-on: [dp222]");
    const [subject, ...files] = repo.git(["show", "--name-status", "--find-renames=30%", "--format=%s", "HEAD"]).trim().split("\n");
    expect(subject).toBe(`tasks: renumber ${moved.to} Second copy`);
    expect(files.filter(Boolean).sort()).toEqual(["M\ttasks/2026-11/yb333-needs-second.md", expect.stringMatching(new RegExp(`^R\\d+\ttasks/2026-11/dp222-second-copy.md\t${moved.newPath}$`))].sort());
    expect(repo.git(["status", "--porcelain"]).trim()).toBe("");
    expect((await repo.tasks(["check", "--rule", "duplicate-id"])).code).toBe(0);
  });

  it("refuses an id only one task carries (exit 4) and changes nothing", async () => {
    const repo = makeRepo();
    repo.write("tasks/2026-11/on222-only.md", taskFile({ id: "on222", title: "Only one", status: "todo" }));
    repo.commit("one task");
    const head = repo.git(["rev-parse", "HEAD"]);
    const result = await repo.tasks(["renumber", "on222"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: .*\[NOT_A_DUPLICATE\]\nhint: /);
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
  });
});
