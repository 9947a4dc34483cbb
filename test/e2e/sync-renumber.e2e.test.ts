import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { taskFile, type TestRepo } from "../helpers/repo.js";
import { initialisedTeam, newTask, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

describe("tasks renumber", () => {
  it("gives the later-created of two tasks sharing an id a new id, renames its file and updates the references that meant it, in one commit", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const kept = await newTask(alice, "Fix login timeout");
    const id = kept.id;
    // Bob's clone got a task with the same id (a hand-made file, or the one-in-millions clash).
    const bobsPath = `tasks/2026-11/${id}-write-the-runbook.md`;
    bob.write(bobsPath, taskFile({ id, title: "Write the runbook", status: "todo", created: "2026-11-20T12:00:00+00:00" }, "\n## Log\n- 2026-11-20 12:00 +00:00 bob@example.com: created\n"));
    bob.commit("Bob's runbook task", { date: "2026-11-20T12:00:00Z", author: { name: "Bob Okafor", email: "bob@example.com" } });
    const bobsDependent = await newTask(bob, "Review the runbook", "--depends-on", id);
    const alicesDependent = await newTask(alice, "Release the fix", "--depends-on", id);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    const synced = await tasksIn(bob)("sync");
    expect(synced.code, synced.stderr).toBe(0);

    const ambiguous = await tasksIn(bob)("show", id);
    expect(ambiguous.code).toBe(4);
    expect(ambiguous.stderr).toContain(`give one of them a new id with 'tasks renumber ${id}'`);

    const head = bob.git(["rev-parse", "HEAD"]).trim();
    const renumbered = await tasksIn(bob)("renumber", id, "--json");
    expect(renumbered.code, renumbered.stderr).toBe(0);
    const out = JSON.parse(renumbered.stdout) as { kept: string; renumbered: { to: string; newPath: string; oldPath: string }[]; updated: { id: string }[]; unclear: unknown[] };
    expect(out.kept).toBe(kept.path);
    expect(out.renumbered).toHaveLength(1);
    const [{ to, newPath, oldPath }] = out.renumbered as [{ to: string; newPath: string; oldPath: string }];
    expect(oldPath).toBe(bobsPath);
    expect(newPath).toBe(`tasks/2026-11/${to}-write-the-runbook.md`);
    expect(out.updated).toEqual([{ id: bobsDependent.id, path: bobsDependent.path }]);
    expect(out.unclear).toEqual([]);

    // One commit: the rename (detected as such) and the one reference, nothing else.
    expect(bob.git(["rev-parse", "HEAD~1"]).trim()).toBe(head);
    expect(bob.git(["show", "--format=%s", "--name-status", "-M", "HEAD"]).trim().split("\n").filter(Boolean).sort()).toEqual(
      [`tasks: renumber ${to} Write the runbook`, `M\t${bobsDependent.path}`, expect.stringMatching(new RegExp(`^R\\d+\\t${bobsPath}\\t${newPath}$`))].sort(),
    );
    expect(bob.read(newPath)).toContain(`id: ${to}`);
    expect(bob.read(newPath)).toContain(`renumbered from ${id}`);
    expect(bob.read(bobsDependent.path)).toContain(`depends-on: [${to}]`);
    expect(bob.read(alicesDependent.path)).toContain(`depends-on: [${id}]`);
    expect((await tasksIn(bob)("show", id)).stdout).toContain("Fix login timeout");
    expect((await tasksIn(bob)("show", to)).stdout).toContain("Write the runbook");
    expect(bob.git(["status", "--porcelain"])).toBe("");

    const again = await tasksIn(bob)("renumber", id);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("[NOT_A_DUPLICATE]");
  });
});
