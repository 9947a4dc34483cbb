import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/deps.js";
import { loadHistory } from "../../src/app/history.js";
import { parseSettings } from "../../src/app/settings.js";
import { buildHistoryFacts } from "../../src/checks/history-facts.js";
import { doneWithOverrideRule } from "../../src/checks/rules/done-with-override.js";
import { overrideClosings } from "../../src/domain/overrides.js";
import { messageParagraphs, taskCommitMessage } from "../../src/git/commit-message.js";
import { buildWeeklyView } from "../../src/reports/weekly.js";
import { isoWeek } from "../../src/reports/windows.js";
import { makeRepo, taskFile, type TestRepo } from "../helpers/repo.js";

/**
 * Overrides (`tasks done --force --reason`) read back from real git history, through the one
 * windowed pass the weekly report and the check already make: the closing commit's
 * `Task-Override:` / `Task-Review-Override:` trailers. A forged trailer on a hand-made closing
 * commit is reported too (an override is a confession: it only ever names someone as having
 * skipped the gate); a trailer on a commit that closes nothing, or outside the final trailer
 * paragraph, reports nothing.
 */

const ALICE = { name: "Alice Ng", email: "alice@example.com" };
const CAROL = { name: "Carol Diaz", email: "carol@example.com" };
const CONFIG = `timezone: Europe/Berlin
team:
  alice: {name: Alice Ng, email: alice@example.com, timezone: Europe/Berlin}
  bob: {name: Bob Okafor, email: bob@example.com, timezone: America/New_York}
  carol: {name: Carol Diaz, email: carol@example.com, timezone: Asia/Kathmandu}
`;
const NOW = "2026-11-20T12:00:00Z";

function save(repo: TestRepo, id: string, fields: Record<string, string>): void {
  repo.write(`tasks/2026-11/${id}.md`, taskFile({ id, title: `Task ${id}`, owner: "alice", ...fields }));
}

/** A commit exactly as `tasks done --force` makes it: subject, body, trailers last, via git's -m paragraphs. */
function toolCommit(repo: TestRepo, id: string, trailers: [string, string][], at: string): void {
  const message = taskCommitMessage("done", id, `Task ${id}`, { body: ["Definition of done overridden"], trailers });
  repo.git(["add", "-A"]);
  repo.git(["commit", "-q", "--cleanup=verbatim", ...messageParagraphs(message).flatMap((p) => ["-m", p])], {
    env: { GIT_AUTHOR_NAME: ALICE.name, GIT_AUTHOR_EMAIL: ALICE.email, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at },
  });
}

function depsFor(repo: TestRepo) {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false, columns: 80 });
  const env = { ...repo.env, TASKS_NOW: NOW };
  return createDeps(
    { env, cwd: repo.dir, stdout: stream(), stderr: stream(), stdinIsTTY: false, stdin: () => new PassThrough(), now: () => new Date(NOW), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) },
    parseSettings(env, "UTC"),
  );
}

function scenario(): TestRepo {
  const repo = makeRepo();
  repo.write(".tasks/config.yml", CONFIG);
  for (const id of ["aaaaa", "bbbbb", "ccccc", "ddddd", "eeeee"]) save(repo, id, { status: "in-progress" });
  repo.commit("config and tasks", { date: "2026-11-16T08:00:00Z", author: ALICE });
  // The tool's own override of the review and the definition of done.
  save(repo, "aaaaa", { status: "done", reviewer: "bob" });
  toolCommit(repo, "aaaaa", [["Task-Override", "prod is down"], ["Task-Review-Override", "bob"]], "2026-11-17T09:00:00Z");
  // The definition of done alone.
  save(repo, "bbbbb", { status: "done" });
  toolCommit(repo, "bbbbb", [["Task-Override", "runbook moves to the wiki"]], "2026-11-18T09:00:00Z");
  // A forged trailer on a hand-made closing commit by carol: a confession, reported as carol's.
  save(repo, "ccccc", { status: "done" });
  repo.commit("close it\n\nTask-Override: \x1b]0;pwned\x07 trust me", { date: "2026-11-18T10:00:00Z", author: CAROL });
  // A trailer on a commit that closes nothing, and one outside the final paragraph: nothing.
  save(repo, "ddddd", { status: "in-progress", title: "Renamed" });
  repo.commit("rename\n\nTask-Override: not a closing", { date: "2026-11-18T11:00:00Z", author: CAROL });
  save(repo, "eeeee", { status: "done" });
  repo.commit("close e\n\nTask-Override: buried in the body\n\nSigned-off-by: Carol <carol@example.com>", { date: "2026-11-18T12:00:00Z", author: CAROL });
  // Closed normally (no trailer) before the week: not an override.
  return repo;
}

describe("closings with an override, from one history pass", () => {
  it("finds the tool's overrides and a forged confession; ignores trailers that close nothing", async () => {
    const repo = scenario();
    const deps = depsFor(repo);
    const { config } = await deps.repo();
    const history = await loadHistory(deps, { since: new Date("2026-11-16T00:00:00Z") });
    const found = overrideClosings(history.events, config).map((o) => [o.id, o.closedBy, o.reviewer, o.reason]);
    expect(found).toEqual([
      ["aaaaa", "alice", "bob", "prod is down"],
      ["bbbbb", "alice", null, "runbook moves to the wiki"],
      ["ccccc", "carol", null, "\x1b]0;pwned\x07 trust me"],
    ]);
  });

  it("the weekly view lists them with who, what and why; the check rule reports those of its window", async () => {
    const repo = scenario();
    const deps = depsFor(repo);
    const { config, store } = await deps.repo();
    const { tasks } = await store.loadAll();
    const now = new Date(NOW);
    const history = await loadHistory(deps, { since: new Date("2026-11-15T00:00:00Z") });
    const view = buildWeeklyView({ config, tasks, events: history.events, now, week: isoWeek("2026-W47", now, config.timezone) });
    expect(view.closedWithOverride.map((t) => [t.id, t.closedBy, t.overridden, t.reviewOverridden])).toEqual([
      ["aaaaa", "alice", "review by bob and definition of done", "bob"],
      ["bbbbb", "alice", "definition of done", null],
      ["ccccc", "carol", "definition of done", null],
    ]);
    expect(view.closedWithOverride[0]).toMatchObject({ title: "Task aaaaa", reason: "prod is down", closedAt: "2026-11-17T09:00:00+00:00", closedAtText: "Tue 17 Nov 10:00" });
    expect(buildWeeklyView({ config, tasks, events: history.events, now, week: isoWeek("2026-W46", now, config.timezone) }).closedWithOverride).toEqual([]);

    // The rule's window: 3 days back from Friday noon leaves out Tuesday morning's override.
    const facts = buildHistoryFacts(history, config, new Date("2026-11-15T00:00:00Z"), now, []);
    const findings = doneWithOverrideRule.check({ tasks, problems: [], config, now, history: facts }, { severity: "warning", days: 3 });
    expect(findings.map((f) => [f.id, f.severity, f.message])).toEqual([
      ["bbbbb", "warning", "closed on 2026-11-18 by alice with the definition of done overridden (" + history.commits.find((c) => c.subject.startsWith("tasks: done bbbbb"))?.hash.slice(0, 7) + "): runbook moves to the wiki"],
      ["ccccc", "warning", expect.stringMatching(/^closed on 2026-11-18 by carol with the definition of done overridden \([0-9a-f]{7}\): \x1b\]0;pwned\x07 trust me$/)],
    ]);
    // Reopened since: no longer done with an override.
    const reopened = tasks.map((t) => (t.id === "bbbbb" ? { ...t, status: "in-progress" } : t));
    expect(doneWithOverrideRule.check({ tasks: reopened, problems: [], config, now, history: facts }, { severity: "warning", days: 7 }).map((f) => f.id)).toEqual(["aaaaa", "ccccc"]);
  });
});
