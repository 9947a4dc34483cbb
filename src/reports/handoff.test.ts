import { describe, expect, it } from "vitest";
import { CONFIG, exampleCommits, exampleEvents, exampleTasks, NOW } from "../../test/helpers/report-fixtures.js";
import type { Task } from "../domain/task.js";
import { buildHandoffView, chooseReceiver, type HandoffInput } from "./handoff.js";
import { buildTeamView } from "./team.js";

const tasks = exampleTasks();
const byId = new Map(tasks.map((t) => [t.id, t]));
const input: HandoffInput = {
  config: CONFIG,
  now: NOW,
  readerZone: "Europe/Berlin",
  tasks: [byId.get("k7m2q") as Task],
  lookup: (id) => byId.get(id),
  events: exampleEvents(),
  commits: exampleCommits(),
  branches: [{ name: "origin/feat/k7m2q-login-timeout", commit: "3e1f0c2", committerDate: "2026-11-19T14:30:00Z", subject: "x" }, { name: "main", commit: "a", committerDate: "", subject: "" }],
  from: "alice",
  to: "bob",
  note: "flag is merged, the test is next",
  dryRun: false,
  commit: null,
};

describe("buildHandoffView", () => {
  const view = buildHandoffView(input);
  const task = view.tasks[0];

  it("says what of the definition of done is met and what is left", () => {
    expect(task?.dod).toMatchObject({ total: 3, metCount: 1, leftCount: 2 });
    expect(task?.dod.met.map((c) => c.text)).toEqual(["Timeout raised to 30 s behind a flag"]);
    expect(task?.dod.left.map((c) => c.text)).toEqual(["Integration test on a throttled network", "Runbook updated"]);
  });

  it("says where the information is: the file, links, branches, files and commits that mention the id", () => {
    expect(task?.where.file).toBe("tasks/2026-11/k7m2q-fix-login-timeout-on-slow-networks.md");
    expect(task?.where.links).toEqual(["https://grafana.example.com/d/auth-latency"]);
    expect(task?.where.branches).toEqual(["origin/feat/k7m2q-login-timeout", "feat/k7m2q-login-timeout"]);
    expect(task?.where.files).toEqual(["src/auth/session.ts", "src/auth/flags.ts", "test/auth/session.test.ts"]);
    expect(task?.where.commits.map((c) => c.short)).toEqual(["3e1f0c2"]);
  });

  it("names what blocks it: depends-on work that is not closed", () => {
    expect(task?.blockers).toEqual({ blocked: false, reason: null, since: null, sinceText: null, waitingOn: [{ id: "p3x9t", title: "Rotate staging API keys", status: "blocked" }] });
  });

  it("lists recent activity and open questions, in the receiver's zone", () => {
    expect(view.zone).toBe("America/New_York");
    expect(task?.activity.map((a) => a.what)).toEqual(["created", "status todo → in-progress", "met: Timeout raised to 30 s behind a flag", "Do we keep the old 10 s value for the admin console?"]);
    expect(task?.activity[3]?.atText).toBe("Fri 20 Nov 05:05");
    expect(task?.questions.map((q) => q.text)).toEqual(["Should the flag default to on for EU tenants?", "Do we keep the old 10 s value for the admin console?"]);
  });

  it("gives the receiver's local time and working window", () => {
    expect(view.to).toMatchObject({ handle: "bob", localTimeText: "Fri 20 Nov 11:30", offset: "-05:00", working: true, windowEndText: "Fri 20 Nov 17:00", nextWindowStartText: "Mon 23 Nov 09:00", nextWindowStartReaderText: "Mon 23 Nov 15:00" });
    expect(view.from).toMatchObject({ handle: "alice", working: false });
  });
});

describe("chooseReceiver", () => {
  it("--to next follows the sun from the giver", () => expect(chooseReceiver(CONFIG, "next", "alice", NOW)).toEqual({ handle: "bob", onRoster: true }));
  it("resolves an email to the roster handle", () => expect(chooseReceiver(CONFIG, "chitra@example.com", "alice", NOW)).toEqual({ handle: "chitra", onRoster: true }));
  it("keeps someone off the roster as written", () => expect(chooseReceiver(CONFIG, "dana@contractor.example", "alice", NOW)).toEqual({ handle: "dana@contractor.example", onRoster: false }));
  it.each(["alice", "alice@example.com", "me", " "])("refuses to hand to oneself (%s)", (to) => expect(() => chooseReceiver(CONFIG, to, "alice", NOW)).toThrow(/someone else/));
  it("needs a roster for next", () => expect(() => chooseReceiver({ ...CONFIG, team: [] }, "next", "alice", NOW)).toThrow(/roster/));
});

describe("buildTeamView", () => {
  it("shows each member's local time, availability, next window in the reader's zone, and load", () => {
    const view = buildTeamView({ config: CONFIG, tasks, now: NOW, readerZone: "Asia/Tokyo" });
    expect(view.members.map((m) => [m.handle, m.localTimeText, m.working, m.nextWindowStartReaderText])).toEqual([
      ["alice", "Fri 20 Nov 17:30", false, "Mon 23 Nov 17:00"],
      ["bob", "Fri 20 Nov 11:30", true, "Mon 23 Nov 23:00"],
      ["chitra", "Fri 20 Nov 22:00", false, "Mon 23 Nov 12:30"],
    ]);
    expect(view.members.map((m) => m.counts)).toEqual([
      { open: 0, active: 1, blocked: 0, overdue: 0 },
      { open: 0, active: 0, blocked: 1, overdue: 1 },
      { open: 1, active: 1, blocked: 0, overdue: 0 },
    ]);
  });
});
