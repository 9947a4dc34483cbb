import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";
import { initialisedTeam, newTask, raceOnNextPush, tasksIn } from "../helpers/team.js";

beforeAll(assertBuilt);

function state(repo: TestRepo): { head: string; log: string; status: string } {
  return { head: repo.git(["rev-parse", "HEAD"]).trim(), log: repo.git(["log", "--format=%H %s", "--all"]), status: repo.git(["status", "--porcelain"]) };
}

describe("claims are decided at claim time", () => {
  it("a claim race has one winner; the loser exits 4, names the holder and is left clean", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const { id, path } = await newTask(alice, "Fix login timeout");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);

    const [a, b] = await Promise.all([tasksIn(alice)("claim", id), tasksIn(bob)("claim", id)]);
    expect([a.code, b.code].sort()).toEqual([0, 4]);
    const [winner, loser, lost, who] = a.code === 0 ? [alice, bob, b, "alice@example.com"] : [bob, alice, a, "bob@example.com"];
    expect(lost.stderr).toContain(`${id} is held by ${who} since 2026-11-20 09:00 +00:00 (on origin/main)`);
    expect(lost.stderr).toContain("[ALREADY_CLAIMED]");

    // The winner's claim is on the remote, one commit, published at once.
    const remoteText = winner.git(["show", `origin/main:${path}`]);
    expect(remoteText).toContain(`owner: ${who}`);
    expect(winner.git(["status", "--porcelain"])).toBe("");
    expect(winner.git(["rev-parse", "HEAD"]).trim()).toBe(winner.git(["rev-parse", "origin/main"]).trim());

    // The loser: no claim commit of its own anywhere in its history, a clean tree, up to the upstream.
    const after = state(loser);
    expect(after.status).toBe("");
    expect(after.head).toBe(loser.git(["rev-parse", "origin/main"]).trim());
    const claims = after.log.split("\n").filter((l) => l.includes(`tasks: claim ${id}`));
    expect(claims).toHaveLength(1);
    expect(loser.git(["log", "-1", "--format=%ae", "--", path]).trim()).toBe(who);
    expect(loser.read(path)).toContain(`owner: ${who}`);
  });

  it("a claim whose push loses the race is undone without a trace: the loser reads the winner and exits 4", async () => {
    const { clones, dir } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const { id, path } = await newTask(alice, "Fix login timeout");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    // Alice's claim reaches the remote's main exactly while bob's push is being received: the
    // remote's hook moves main under bob's push, as a concurrent push would.
    expect((await tasksIn(alice)("claim", id, "--offline")).code).toBe(0);
    alice.git(["push", "-q", "origin", "HEAD:refs/heads/alice-claim"]);
    raceOnNextPush(dir, alice.git(["rev-parse", "HEAD"]).trim());

    const lost = await tasksIn(bob)("claim", id);
    expect(lost.code).toBe(4);
    expect(lost.stderr).toContain(`${id} is held by alice@example.com since 2026-11-20 09:00 +00:00 (on origin/main)`);
    expect(existsSync(join(dir, "race-once"))).toBe(false);
    expect(bob.git(["status", "--porcelain"])).toBe("");
    // No claim of bob's in any branch or the reflog of HEAD: only alice's, which came from the remote.
    expect(bob.git(["log", "--all", "--format=%ae %s"]).split("\n").filter((l) => l.includes("tasks: claim"))).toEqual([`alice@example.com tasks: claim ${id} Fix login timeout`]);
    expect(bob.git(["reflog", "--format=%gs"])).not.toContain("reset");
    expect(bob.git(["rev-parse", "HEAD"])).toBe(bob.git(["rev-parse", "origin/main"]));
    expect(bob.read(path)).toContain("owner: alice@example.com");
  });

  it("publishes a claim at once when the branch has an upstream", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const { id, path } = await newTask(alice, "Rotate keys");
    alice.git(["push", "-q"]);
    bob.git(["pull", "-q"]);
    const claimed = await tasksIn(bob)("claim", id, "--json");
    expect(claimed.code, claimed.stderr).toBe(0);
    expect(JSON.parse(claimed.stdout)).toMatchObject({ changed: true, published: { upstream: "origin/main" } });
    alice.git(["pull", "-q"]);
    expect(alice.read(path)).toContain("owner: bob@example.com");
    // Alice's claim now reads the upstream and refuses at once.
    const refused = await tasksIn(alice)("claim", id);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`${id} is held by bob@example.com since`);
  });

  it("a claim published while the branch has unpushed commits is also committed locally, and sync folds the two together", async () => {
    const { clones } = await initialisedTeam(2);
    const [alice, bob] = clones as [TestRepo, TestRepo];
    const { id, path } = await newTask(bob, "Shared task");
    expect((await tasksIn(bob)("sync")).code).toBe(0);
    expect((await tasksIn(alice)("sync")).code).toBe(0);
    await newTask(alice, "Not pushed yet");
    const claimed = await tasksIn(alice)("claim", id, "--json");
    expect(claimed.code, claimed.stderr).toBe(0);
    const out = JSON.parse(claimed.stdout) as { published: { upstream: string; commit: string }; commit: string };
    expect(out.published.upstream).toBe("origin/main");
    expect(out.commit).not.toBe(out.published.commit);
    expect(alice.read(path)).toContain("owner: alice@example.com");
    bob.git(["pull", "-q"]);
    expect(bob.read(path)).toContain("owner: alice@example.com");

    const synced = await tasksIn(alice)("sync");
    expect(synced.code, synced.stderr).toBe(0);
    expect(alice.git(["log", "--format=%s", "--", path]).split("\n").filter((s) => s.startsWith("tasks: claim"))).toHaveLength(1);
    expect(alice.read(path).match(/: claimed$/gm)).toHaveLength(1);
    expect(alice.git(["show", `origin/main:${path}`])).toBe(alice.read(path));
  });

  it("with --offline, no upstream, or an unreachable remote the claim is local and the command warns", async () => {
    const { clones, dir } = await initialisedTeam(1);
    const [alice] = clones as [TestRepo];
    const first = await newTask(alice, "One");
    const offline = await tasksIn(alice)("claim", first.id, "--offline");
    expect(offline.code).toBe(0);
    expect(offline.stderr).toContain("warning: claimed locally only (--offline)");
    expect(alice.git(["log", "-1", "--format=%s"]).trim()).toBe(`tasks: claim ${first.id} One`);
    expect(alice.git(["rev-list", "--count", "origin/main..HEAD"]).trim()).toBe("2");

    const second = await newTask(alice, "Two");
    renameSync(dir, `${dir}.away`);
    const unreachable = await tasksIn(alice)("claim", second.id);
    renameSync(`${dir}.away`, dir);
    expect(unreachable.code).toBe(0);
    expect(unreachable.stderr).toMatch(/warning: claimed locally only \(cannot reach the remote origin .*\)/);
    expect(alice.read(second.path)).toContain("owner: alice@example.com");
  });

  it("without an upstream it warns when a remote exists, and stays quiet in a repository with no remote", async () => {
    const solo = makeRepo();
    const claimIn = tasksIn(solo);
    expect((await claimIn("init")).code).toBe(0);
    const lone = (await claimIn("new", "Alone")).stdout.trim();
    expect(await claimIn("claim", lone)).toEqual({ code: 0, stdout: `${lone}\n`, stderr: "" });

    solo.git(["remote", "add", "origin", "https://example.invalid/team.git"]);
    const other = (await claimIn("new", "With a remote")).stdout.trim();
    const warned = await claimIn("claim", other);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe("warning: claimed locally only (the branch main has no upstream to sync with); tasks sync publishes it, and a race with another claim is decided then\n");
  });
});
