import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runCli } from "../helpers/cli.js";
import { validateJson } from "../helpers/json-contract.js";
import { makeTeamRepo, PEOPLE, ROSTER } from "../helpers/reports-repo.js";
import type { TestRepo } from "../helpers/repo.js";
import { initialisedTeam, newTask } from "../helpers/team.js";

beforeAll(assertBuilt);

/**
 * Review, enforced, as people use it: alice (Berlin) owns the task, bob (New York) reviews it.
 * Identities come from git (GIT_AUTHOR_* per run). The approval that lets `done` through is read
 * from history: a file edited to claim one does not count.
 */

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe("tasks review, approve, request-changes and the done gate", () => {
  it("submit needs a reviewer who is not the owner; only the reviewer answers; done waits for the approval", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", log: ["2026-11-16 10:00 +01:00 alice: claimed"] }, "2026-11-16T09:00:00Z", "alice");
    const path = repo.pathOf("k7m2q");
    const monday = "2026-11-16T15:00:00Z";

    const none = await repo.tasksAt(["review", "k7m2q"], monday);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain("k7m2q has no reviewer");
    expect(none.stderr).toContain("tasks review k7m2q --reviewer <who>, or tasks set k7m2q reviewer=<who>");
    const self = await repo.tasksAt(["review", "k7m2q", "--reviewer", "alice@example.com"], monday);
    expect(self.code).toBe(4);
    expect(self.stderr).toContain("alice owns k7m2q and cannot also review it");

    const sent = await repo.tasksAt(["review", "k7m2q", "--reviewer", "bob", "--json"], monday);
    expect(sent.code, sent.stderr).toBe(0);
    expect(json(sent.stdout)).toMatchObject({ kind: "task-change", action: "review", changed: true, task: { status: "review", reviewer: "bob" } });
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Reviewer,valueonly)"]).trim()).toBe("bob");
    const standup = await repo.tasksAt(["standup", "--me"], "2026-11-16T16:00:00Z", "bob");
    expect(standup.stdout).toContain("**To review** (you are the reviewer)\n- `k7m2q` Fix login timeout by alice · in review since Mon 16 Nov 10:00: `tasks approve k7m2q`");

    // Alice cannot approve her own work, and cannot close it yet: bob must approve.
    const own = await repo.tasksAt(["approve", "k7m2q"], monday);
    expect(own.code).toBe(4);
    expect(own.stderr).toContain("only bob, the reviewer of k7m2q, can approve it (you are alice)");
    expect(own.stderr).toContain("[NOT_THE_REVIEWER]");
    const early = await repo.tasksAt(["done", "k7m2q", "--yes", "--json"], monday);
    expect(early.code).toBe(4);
    expect(early.stdout).toBe("");
    expect(json(early.stderr)).toMatchObject({ error: { code: "REVIEW_REQUIRED", message: "k7m2q is not closed: bob has not approved it", details: { mustApprove: "bob" } } });

    // Bob asks for changes: back to in-progress; alice's standup says so.
    const changes = await repo.tasksAt(["request-changes", "k7m2q", "--reason", "the retry loop has no upper bound", "--json"], "2026-11-16T17:00:00Z", "bob");
    expect(changes.code, changes.stderr).toBe(0);
    expect(json(changes.stdout)).toMatchObject({ action: "request-changes", task: { status: "in-progress" } });
    expect(repo.git(["log", "-1", "--format=%an%n%(trailers:key=Task-Changes-Requested-By,valueonly)"]).trim()).toBe("Bob Okafor\nbob");
    const aliceStandup = await repo.tasksAt(["standup", "--me"], "2026-11-17T08:00:00Z");
    expect(aliceStandup.stdout).toContain("**Changes requested**\n- `k7m2q` Fix login timeout · bob: the retry loop has no upper bound (Mon 16 Nov 18:00); then `tasks review k7m2q`");

    // A forged approval: alice writes bob's approval into the file and commits it as the tool would.
    expect((await repo.tasksAt(["review", "k7m2q"], "2026-11-17T09:00:00Z")).code).toBe(0);
    repo.write(path, `${repo.read(path)}- 2026-11-17 05:00 -05:00 bob: approved\n`);
    repo.commit("tasks: approve k7m2q Fix login timeout\n\nTask-Id: k7m2q\nTask-Action: approve\nTask-Approved-By: bob", { date: "2026-11-17T10:00:00Z", author: PEOPLE.alice });
    const forged = await repo.tasksAt(["done", "k7m2q", "--yes"], "2026-11-17T10:30:00Z");
    expect(forged.code).toBe(4);
    expect(forged.stderr).toContain("k7m2q is not closed: bob requested changes [REVIEW_REQUIRED]");
    expect((await repo.tasksAt(["show", "k7m2q"], "2026-11-17T10:30:00Z")).stdout).toContain("review: bob requested changes 2026-11-16 17:00");

    // Bob approves at 17:30 in New York, after alice's day in Berlin ended; she closes it next morning.
    const approved = await repo.tasksAt(["approve", "k7m2q", "--comment", "tested on staging", "--json"], "2026-11-17T22:30:00Z", "bob");
    expect(approved.code, approved.stderr).toBe(0);
    expect(json(approved.stdout)).toMatchObject({ action: "approve", changed: true, task: { status: "review" } });
    expect(repo.git(["log", "-1", "--format=%B"])).toContain("Approved: tested on staging\n\nTask-Id: k7m2q\nTask-Action: approve\nTask-Approved-By: bob");
    const shown = json((await repo.tasksAt(["show", "k7m2q", "--json"], "2026-11-18T08:00:00Z")).stdout);
    expect(shown.review).toMatchObject({ reviewer: "bob", approved: true, latestVerdict: { kind: "approved" }, invalidatedBy: null });
    const done = await repo.tasksAt(["done", "k7m2q", "--yes"], "2026-11-18T08:00:00Z");
    expect(done.code, done.stderr).toBe(0);
    expect(repo.read(path)).toMatch(/alice: done; approved by bob \([0-9a-f]{7}\)\n$/);
  });

  it("--force --reason closes without approval, recorded in the log and a trailer; set status=done cannot bypass it", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "p3x9t", title: "Hotfix", status: "review", owner: "alice", log: ["2026-11-16 10:00 +01:00 alice: sent to review (reviewer bob)"] }, "2026-11-16T09:00:00Z", "alice");
    const path = repo.pathOf("p3x9t");
    repo.write(path, repo.read(path).replace("owner: alice\n", "owner: alice\nreviewer: bob\n"));
    repo.commit("reviewer", { date: "2026-11-16T09:10:00Z", author: PEOPLE.alice });
    const bypass = await repo.tasksAt(["set", "p3x9t", "status=done"], "2026-11-16T10:00:00Z");
    expect(bypass.code).toBe(4);
    expect(bypass.stderr).toContain("[REVIEW_REQUIRED]");
    const forced = await repo.tasksAt(["done", "p3x9t", "--force", "--reason", "prod is down"], "2026-11-16T10:00:00Z");
    expect(forced.code, forced.stderr).toBe(0);
    expect(repo.read(path)).toMatch(/alice: done; review by bob and definition of done overridden: prod is down\n$/);
    expect(repo.git(["log", "-1", "--format=%(trailers:key=Task-Review-Override,valueonly)%(trailers:key=Task-Override,valueonly)"]).trim()).toBe("bob\nprod is down");

    // Reported: the weekly report (JSON and its default template) and tasks check, from the trailers.
    const weekly = await repo.tasksAt(["report", "weekly", "--json"], "2026-11-18T12:00:00Z");
    expect(weekly.code, weekly.stderr).toBe(0);
    expect(json(weekly.stdout).closedWithOverride).toEqual([
      expect.objectContaining({ id: "p3x9t", title: "Hotfix", closedBy: "alice", reviewOverridden: "bob", overridden: "review by bob and definition of done", reason: "prod is down", closedAtText: "Mon 16 Nov 11:00" }),
    ]);
    const validation = await validateJson([{ label: "weekly with an override", kind: "weekly", value: json(weekly.stdout) }]);
    expect(validation.results.flatMap((r) => r.errors)).toEqual([]);
    expect((await repo.tasksAt(["report", "weekly"], "2026-11-18T12:00:00Z")).stdout).toContain("### Closed with an override\n- `p3x9t` Hotfix · review by bob and definition of done overridden by alice: prod is down\n");
    const check = await repo.tasksAt(["check", "--json", "--rule", "done-with-override"], "2026-11-18T12:00:00Z");
    expect(check.code, check.stderr).toBe(0);
    expect(json(check.stdout).findings).toEqual([
      expect.objectContaining({ rule: "done-with-override", severity: "warning", id: "p3x9t", message: expect.stringMatching(/^closed on 2026-11-16 by alice with the review by bob and definition of done overridden \([0-9a-f]{7}\): prod is down$/) }),
    ]);
    // Outside the rule's window (7 days by default): nothing.
    expect(json((await repo.tasksAt(["check", "--json", "--rule", "done-with-override"], "2026-11-24T12:00:00Z")).stdout).findings).toEqual([]);
    // A hand-made closing commit with a typed trailer is a confession: reported, escapes shown, never emitted.
    repo.save({ id: "zzzzz", title: "Forged \x1b[31mred", status: "in-progress", owner: "alice", log: [] }, "2026-11-17T09:00:00Z", "alice");
    repo.write(repo.pathOf("zzzzz"), repo.read(repo.pathOf("zzzzz")).replace("status: in-progress", "status: done"));
    repo.commit("close\n\nTask-Override: \x1b]0;pwned\x07 ok", { date: "2026-11-17T09:05:00Z", author: PEOPLE.alice });
    const note = await repo.tasksAt(["report", "weekly"], "2026-11-18T12:00:00Z");
    const text = await repo.tasksAt(["check", "--rule", "done-with-override"], "2026-11-18T12:00:00Z");
    for (const out of [note.stdout, text.stdout]) {
      expect(out).not.toMatch(/[\x1b\x07]/);
      expect(out).toContain("zzzzz");
    }
  });

  it("check: a required reviewer missing, a review waiting too long in the reviewer's hours, a reviewer who is the owner", async () => {
    const repo = makeTeamRepo();
    repo.write(".tasks/config.yml", `${ROSTER}review:\n  required-for: {priority: [high], labels: [security]}\n  waiting-after: 8 working hours\n`);
    repo.commit("review config", { date: "2026-11-16T08:00:00Z" });
    repo.save({ id: "aaaaa", title: "Rotate keys", status: "todo", owner: "alice", labels: ["security"], log: ["2026-11-16 10:00 +01:00 alice: created"] }, "2026-11-16T09:00:00Z", "alice");
    repo.save({ id: "bbbbb", title: "Review me", status: "review", owner: "alice", log: ["2026-11-16 10:00 +01:00 alice: sent to review (reviewer bob)"] }, "2026-11-16T09:00:00Z", "alice");
    const b = repo.pathOf("bbbbb");
    repo.write(b, repo.read(b).replace("owner: alice\n", "owner: alice\nreviewer: alice\n"));
    repo.commit("reviewer", { date: "2026-11-16T09:10:00Z", author: PEOPLE.alice });
    const check = await repo.tasksAt(["check", "--json"], "2026-11-18T12:00:00Z");
    const findings = (json(check.stdout).findings as { rule: string; id: string }[]).filter((f) => f.rule.startsWith("review"));
    expect(findings.map((f) => `${f.rule} ${f.id}`).sort()).toEqual(["review-missing-reviewer aaaaa", "review-waiting bbbbb", "reviewer-is-owner bbbbb"]);
    repo.write(".tasks/config.yml", `${ROSTER}review:\n  waiting-after: soon\n`);
    const invalid = await repo.tasksAt(["list"], "2026-11-18T12:00:00Z");
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`.tasks/config.yml:16: review.waiting-after: "soon" is not a span of working time [INVALID_CONFIG]`);
  });
});

describe("an approval and a request for changes race between two clones", () => {
  it("sync keeps both verdicts in the log; the task is back in progress and the approval does not count, whichever syncs first", async () => {
    const { clones } = await initialisedTeam(3);
    const [alice, bob, laptop] = clones as [TestRepo, TestRepo, TestRepo];
    // The third clone is bob's other machine: same identity.
    const asBob = { GIT_AUTHOR_NAME: "Bob Okafor", GIT_AUTHOR_EMAIL: "bob@example.com", GIT_COMMITTER_NAME: "Bob Okafor", GIT_COMMITTER_EMAIL: "bob@example.com" };
    const run = (repo: TestRepo, at: string, extra: Record<string, string> = {}) => (...args: string[]) =>
      runCli(args, { cwd: repo.dir, env: { ...repo.env, TASKS_NOW: at, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at, ...extra } });
    const tasks: { id: string; path: string }[] = [];
    for (const title of ["Approval syncs first", "Changes sync first"]) {
      const task = await newTask(alice, title, "--owner", "me", "--reviewer", "bob@example.com");
      expect((await run(alice, "2026-11-20T09:00:00Z")("review", task.id)).code).toBe(0);
      tasks.push(task);
    }
    expect((await run(alice, "2026-11-20T09:00:00Z")("sync")).code).toBe(0);
    let step = 0;
    const at = (): string => new Date(Date.parse("2026-11-20T10:00:00Z") + 20 * 60_000 * step++).toISOString().replace(".000Z", "Z");
    for (const [index, { id }] of tasks.entries()) {
      for (const clone of [bob, laptop]) expect((await run(clone, at(), asBob)("sync")).code).toBe(0);
      // The request for changes is made first, the approval an hour later on the other machine.
      expect((await run(laptop, at(), asBob)("request-changes", id, "--reason", "needs a test")).code).toBe(0);
      expect((await run(bob, at())("approve", id)).code).toBe(0);
      const order = index === 0 ? [bob, laptop] : [laptop, bob];
      for (const clone of order) {
        const synced = await run(clone, at(), asBob)("sync");
        expect(synced.code, synced.stderr).toBe(0);
      }
    }
    expect((await run(alice, at())("sync")).code).toBe(0);
    for (const { id, path } of tasks) {
      const text = alice.read(path);
      expect(text, id).toContain("status: in-progress\n");
      expect(text).toMatch(/bob@example\.com: changes requested: needs a test\n/);
      expect(text).toMatch(/bob@example\.com: approved\n/);
      expect(text).not.toMatch(/^[<=>]{7}/m);
      const done = await run(alice, at())("done", id, "--yes", "--json");
      expect(done.code, id).toBe(4);
      expect(json(done.stderr)).toMatchObject({ error: { code: "REVIEW_REQUIRED", details: { mustApprove: "bob@example.com" } } });
    }

    // An approval rebased by sync onto someone else's concurrent comment still counts: the rebase
    // keeps its author, and a comment does not invalidate it.
    const third = await newTask(alice, "Approval rebased", "--owner", "me", "--reviewer", "bob@example.com");
    expect((await run(alice, at())("review", third.id)).code).toBe(0);
    expect((await run(alice, at())("sync")).code).toBe(0);
    expect((await run(bob, at())("sync")).code).toBe(0);
    expect((await run(bob, at())("approve", third.id)).code).toBe(0);
    expect((await run(alice, at())("comment", third.id, "release notes drafted")).code).toBe(0);
    expect((await run(alice, at())("sync")).code).toBe(0);
    expect((await run(bob, at())("sync")).code).toBe(0);
    expect((await run(alice, at())("sync")).code).toBe(0);
    const closed = await run(alice, at())("done", third.id, "--yes");
    expect(closed.code, closed.stderr).toBe(0);
  });
});
