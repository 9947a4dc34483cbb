import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/deps.js";
import { loadTaskHistory } from "../../src/app/history.js";
import { parseSettings } from "../../src/app/settings.js";
import { reviewState } from "../../src/domain/review.js";
import { makeRepo, taskFile, type TestRepo } from "../helpers/repo.js";

/**
 * The approval `tasks done` relies on is read from real git history, through the same history
 * pass the reports use: it counts only from a `tasks approve` commit AUTHORED by the reviewer.
 * Commits here are made with git as the tool makes them (subject, Task-Id/Task-Action trailers),
 * and as a forger would make them (a hand-edited log line, a trailer in their own commit).
 */

const ALICE = { name: "Alice Ng", email: "alice@example.com" };
const BOB = { name: "Bob Okafor", email: "bob@example.com" };
const CAROL = { name: "Carol Diaz", email: "carol@example.com" };
const CONFIG = `timezone: UTC
team:
  alice: {name: Alice Ng, email: alice@example.com, timezone: Europe/Berlin}
  bob: {name: Bob Okafor, emails: [bob@example.com, bob@work.example], timezone: America/Los_Angeles}
  carol: {name: Carol Diaz, email: carol@example.com, timezone: Asia/Kathmandu}
`;
const PATH = "tasks/2026-11/k7m2q-fix-login.md";

interface Version {
  readonly status: string;
  readonly reviewer?: string;
  readonly title?: string;
  readonly log: readonly string[];
}

function setup(): { repo: TestRepo; save: (v: Version, message: string, at: string, author: { name: string; email: string }) => void; state: (now?: string) => Promise<ReturnType<typeof reviewState>> } {
  const repo = makeRepo();
  repo.write(".tasks/config.yml", CONFIG);
  repo.commit("config", { date: "2026-11-02T08:00:00Z" });
  const save = (v: Version, message: string, at: string, author: { name: string; email: string }): void => {
    const fields: Record<string, string> = { id: "k7m2q", title: v.title ?? "Fix login", status: v.status, owner: "alice", ...(v.reviewer === undefined ? { reviewer: "bob" } : v.reviewer ? { reviewer: v.reviewer } : {}) };
    repo.write(PATH, taskFile(fields, `\n## Log\n${v.log.map((l) => `- ${l}\n`).join("")}`));
    repo.commit(message, { date: at, author });
  };
  const state = async (now = "2026-11-20T12:00:00Z") => {
    const stream = () => Object.assign(new PassThrough(), { isTTY: false, columns: 80 });
    const env = { ...repo.env, TASKS_NOW: now };
    const deps = createDeps(
      { env, cwd: repo.dir, stdout: stream(), stderr: stream(), stdinIsTTY: false, stdin: () => new PassThrough(), now: () => new Date(now), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) },
      parseSettings(env, "UTC"),
    );
    const { config, store } = await deps.repo();
    const { task } = await store.resolve("k7m2q");
    return reviewState(task, await loadTaskHistory(deps, task), config);
  };
  return { repo, save, state };
}

const tool = (verb: string, extra = ""): string => `tasks: ${verb} k7m2q Fix login\n\nTask-Id: k7m2q\nTask-Action: ${verb}${extra}`;
const LOG = ["2026-11-16 10:00 +01:00 alice: created", "2026-11-18 16:00 +01:00 alice: sent to review (reviewer bob)"];

function submitted(s: ReturnType<typeof setup>): void {
  s.save({ status: "in-progress", log: LOG.slice(0, 1) }, tool("new"), "2026-11-16T09:00:00Z", ALICE);
  s.save({ status: "review", log: LOG }, tool("review", "\nTask-Reviewer: bob"), "2026-11-18T15:00:00Z", ALICE);
}

describe("approvals are verified from history", () => {
  it("counts the reviewer's own approve commit, made in their zone after the owner's day ended", async () => {
    const s = setup();
    submitted(s);
    // 18 Nov 15:30 in Los Angeles is 23:30 UTC, 00:30 on the 19th in Berlin: alice is long gone.
    s.save({ status: "review", log: [...LOG, "2026-11-18 15:30 -08:00 bob: approved"] }, tool("approve", "\nTask-Approved-By: bob"), "2026-11-18T23:30:00Z", BOB);
    const state = await s.state("2026-11-19T08:00:00Z");
    expect(state.approval).toMatchObject({ kind: "approved", by: "bob" });
    expect(state.invalidatedBy).toBeNull();
  });

  it("counts an approval from another of the reviewer's roster emails", async () => {
    const s = setup();
    submitted(s);
    s.save({ status: "review", log: [...LOG, "2026-11-19 09:00 -08:00 bob: approved"] }, tool("approve"), "2026-11-19T17:00:00Z", { name: "Bob at work", email: "bob@work.example" });
    expect((await s.state()).approval?.by).toBe("bob");
  });

  it("refuses a hand-edited file that claims the approval, committed by the owner with the tool's trailers", async () => {
    const s = setup();
    submitted(s);
    // Alice writes bob's approval into the log herself, and dresses the commit up as the tool's.
    s.save({ status: "review", log: [...LOG, "2026-11-19 09:00 -08:00 bob: approved"] }, tool("approve", "\nTask-Approved-By: bob"), "2026-11-19T17:00:00Z", ALICE);
    const state = await s.state();
    expect(state.approval).toBeNull();
    expect(state.latest).toBeNull();
  });

  it("refuses an Approved-By trailer in a commit authored by someone else, and a reviewer's commit that is not an approval", async () => {
    const s = setup();
    submitted(s);
    s.save({ status: "review", log: [...LOG, "2026-11-19 09:00 +05:45 carol: approved"] }, tool("approve", "\nTask-Approved-By: bob"), "2026-11-19T03:15:00Z", CAROL);
    // Bob's own commit, by hand (no Task-Action: approve), with an "approved" line: not a verdict either.
    s.save({ status: "review", log: [...LOG, "2026-11-19 09:00 +05:45 carol: approved", "2026-11-19 09:00 -08:00 bob: approved"] }, "looks good\n\nTask-Id: k7m2q", "2026-11-19T17:00:00Z", BOB);
    expect((await s.state()).approval).toBeNull();
  });

  it("refuses a field anyone can type", async () => {
    const s = setup();
    submitted(s);
    s.repo.write(PATH, s.repo.read(PATH).replace("reviewer: bob\n", "reviewer: bob\napproved-by: bob\napproved: true\n"));
    s.repo.commit(tool("set"), { date: "2026-11-19T17:00:00Z", author: ALICE });
    expect((await s.state()).approval).toBeNull();
  });

  it("the latest verdict wins: request-changes after an approval voids it, and a new submission needs a new approval", async () => {
    const s = setup();
    submitted(s);
    const approved = [...LOG, "2026-11-19 09:00 -08:00 bob: approved"];
    s.save({ status: "review", log: approved }, tool("approve"), "2026-11-19T17:00:00Z", BOB);
    const changes = [...approved, "2026-11-19 10:00 -08:00 bob: changes requested: no tests"];
    s.save({ status: "in-progress", log: changes }, tool("request-changes"), "2026-11-19T18:00:00Z", BOB);
    expect(await s.state()).toMatchObject({ approval: null, latest: { kind: "changes-requested" } });
    const again = [...changes, "2026-11-20 09:00 +01:00 alice: sent to review (reviewer bob)"];
    s.save({ status: "review", log: again }, tool("review"), "2026-11-20T08:00:00Z", ALICE);
    expect((await s.state()).approval).toBeNull();
    s.save({ status: "review", log: [...again, "2026-11-20 07:00 -08:00 bob: approved"] }, tool("approve"), "2026-11-20T15:00:00Z", BOB);
    expect((await s.state("2026-11-20T16:00:00Z")).approval).toMatchObject({ kind: "approved" });
  });

  it("an approval no longer counts after the task went back to work, or after the reviewer or title changed", async () => {
    for (const after of [{ status: "in-progress" }, { status: "review", reviewer: "carol" }, { status: "review", title: "Fix login and logout" }]) {
      const s = setup();
      submitted(s);
      const approved = [...LOG, "2026-11-19 09:00 -08:00 bob: approved"];
      s.save({ status: "review", log: approved }, tool("approve"), "2026-11-19T17:00:00Z", BOB);
      s.save({ ...after, log: [...approved, "2026-11-19 18:00 +01:00 alice: set"] }, tool("set"), "2026-11-19T17:30:00Z", ALICE);
      const state = await s.state();
      expect(state.approval, JSON.stringify(after)).toBeNull();
      if (after.reviewer === undefined) expect(state.invalidatedBy).toMatch(/changed|not in review/);
    }
  });
});
