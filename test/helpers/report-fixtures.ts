import { type Config, DEFAULT_CONFIG, type Member } from "../../src/domain/config.js";
import type { HistoryCommit, TaskEvent } from "../../src/domain/history.js";
import { validateTask } from "../../src/domain/task-schema.js";
import type { JsonValue, Task } from "../../src/domain/task.js";

/**
 * A small team over three zones and a week of task history, as plain data: the input of the
 * report builders in unit tests and of the examples in docs/templates.md.
 */

export const NOW = new Date("2026-11-20T16:30:00Z");

function member(handle: string, name: string, timezone: string): Member {
  return { handle, name, emails: [`${handle}@example.com`], timezone, hours: { start: 540, end: 1020 }, days: [1, 2, 3, 4, 5] };
}

export const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  timezone: "Europe/Berlin",
  present: true,
  team: [member("alice", "Alice Ng", "Europe/Berlin"), member("bob", "Bob Okafor", "America/New_York"), member("chitra", "Chitra Rao", "Asia/Kolkata")],
};

export function makeTask(data: Record<string, JsonValue>, body = "\n## Log\n"): Task {
  const slug = String(data.title).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const result = validateTask({ path: `tasks/2026-11/${String(data.id)}-${slug}.md`, data: { status: "todo", ...data }, lines: {}, body });
  if (!("title" in result)) throw new Error(result.message);
  return result;
}

const log = (...lines: string[]): string => `\n## Log\n${lines.map((l) => `- ${l}`).join("\n")}\n`;

export function exampleTasks(): Task[] {
  return [
    makeTask(
      { id: "k7m2q", title: "Fix login timeout on slow networks", status: "in-progress", owner: "alice", due: "2026-11-25", priority: "high", labels: ["auth"], "depends-on": ["p3x9t"], goal: "q4-reliability", created: "2026-11-16T09:12:00+01:00", "definition-of-done": ["Timeout raised to 30 s behind a flag", "Integration test on a throttled network", "Runbook updated"] },
      `Users on hotel Wi-Fi are logged out after 10 s. Trace: https://grafana.example.com/d/auth-latency\nShould the flag default to on for EU tenants?\n${log("2026-11-16 09:12 +01:00 alice: created", "2026-11-17 10:02 +01:00 alice: claimed", "2026-11-19 15:40 +01:00 alice: met: Timeout raised to 30 s behind a flag", "2026-11-20 11:05 +01:00 alice: Do we keep the old 10 s value for the admin console?")}`,
    ),
    makeTask(
      { id: "p3x9t", title: "Rotate staging API keys", status: "blocked", owner: "bob", due: "2026-11-19", goal: "q4-reliability", created: "2026-11-16T08:00:00-05:00" },
      log("2026-11-16 08:00 -05:00 bob: created", "2026-11-18 09:30 -05:00 bob: claimed", "2026-11-19 10:15 -05:00 bob: blocked: waiting for the vendor's new keys"),
    ),
    makeTask(
      { id: "w4n8c", title: "Runbook for session timeouts", status: "done", owner: "alice", due: "2026-11-20", goal: "q4-reliability", created: "2026-11-16T09:30:00+01:00" },
      log("2026-11-16 09:30 +01:00 alice: created", "2026-11-17 14:00 +01:00 alice: claimed", "2026-11-19 16:20 +01:00 alice: done"),
    ),
    makeTask({ id: "h2d5f", title: "Billing export in CSV", owner: "chitra", due: "2026-11-23", goal: "billing-v2", created: "2026-11-18T10:00:00+05:30" }, log("2026-11-18 10:00 +05:30 chitra: created")),
    makeTask({ id: "r9c3x", title: "Upgrade Node to 22 in CI", status: "in-progress", owner: "chitra", created: "2026-11-02T10:00:00+05:30" }, log("2026-11-02 10:00 +05:30 chitra: created", "2026-11-09 11:00 +05:30 chitra: claimed")),
    makeTask({ id: "m5t7b", title: "Drop the legacy SOAP endpoint", status: "dropped", owner: "bob", created: "2026-11-03T09:00:00-05:00" }, log("2026-11-18 16:00 -05:00 bob: dropped")),
    makeTask({ id: "z8q2e", title: "Localise error messages", goal: "billing-v2", created: "2026-11-19T12:00:00-05:00" }, log("2026-11-19 12:00 -05:00 bob: created")),
  ];
}

let counter = 0;
function event(id: string, at: string, who: string, rest: Record<string, unknown>): TaskEvent {
  counter++;
  return {
    id,
    path: `tasks/2026-11/${id}.md`,
    at,
    authorName: who,
    authorEmail: `${who}@example.com`,
    commit: `${String(counter).padStart(4, "0")}${"c".repeat(36)}`,
    subject: `tasks: change ${id}`,
    action: null,
    ...rest,
  } as TaskEvent;
}

const created = (id: string, at: string, who: string, status = "todo"): TaskEvent => event(id, at, who, { kind: "created", data: { id, status } });
const moved = (id: string, at: string, who: string, from: string, to: string): TaskEvent => event(id, at, who, { kind: "changed", field: "status", from, to });
const said = (id: string, at: string, who: string, text: string): TaskEvent =>
  event(id, at, who, { kind: "log", entry: { stamp: at, at, who, text, line: 0 } });

/** Events as the history module gives them: time order, committer dates in UTC. */
export function exampleEvents(): TaskEvent[] {
  counter = 0;
  return [
    created("r9c3x", "2026-11-02T04:30:00Z", "chitra"),
    moved("r9c3x", "2026-11-09T05:30:00Z", "chitra", "todo", "in-progress"),
    created("k7m2q", "2026-11-16T08:12:00Z", "alice"),
    created("w4n8c", "2026-11-16T08:30:00Z", "alice"),
    created("p3x9t", "2026-11-16T13:00:00Z", "bob"),
    moved("k7m2q", "2026-11-17T09:02:00Z", "alice", "todo", "in-progress"),
    moved("w4n8c", "2026-11-17T13:00:00Z", "alice", "todo", "in-progress"),
    created("h2d5f", "2026-11-18T04:30:00Z", "chitra"),
    moved("p3x9t", "2026-11-18T14:30:00Z", "bob", "todo", "in-progress"),
    moved("m5t7b", "2026-11-18T21:00:00Z", "bob", "todo", "dropped"),
    moved("p3x9t", "2026-11-19T15:15:00Z", "bob", "in-progress", "blocked"),
    said("p3x9t", "2026-11-19T15:15:00Z", "bob", "blocked: waiting for the vendor's new keys"),
    said("k7m2q", "2026-11-19T14:40:00Z", "alice", "met: Timeout raised to 30 s behind a flag"),
    moved("w4n8c", "2026-11-19T15:20:00Z", "alice", "in-progress", "done"),
    created("z8q2e", "2026-11-19T17:00:00Z", "bob"),
    said("k7m2q", "2026-11-20T10:05:00Z", "alice", "Do we keep the old 10 s value for the admin console?"),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** A code commit that mentions k7m2q, on a branch named after it: handoff's "where things are". */
export function exampleCommits(): HistoryCommit[] {
  return [
    {
      hash: "3e1f0c2a9b7d4e5f60718293a4b5c6d7e8f90a1b",
      authorName: "Alice Ng",
      authorEmail: "alice@example.com",
      committerDate: "2026-11-19T14:30:00Z",
      subject: "Raise the session timeout behind a flag (k7m2q)",
      actions: [],
      changes: [],
      refs: ["feat/k7m2q-login-timeout"],
      body: "",
      files: ["src/auth/session.ts", "src/auth/flags.ts", "test/auth/session.test.ts"],
    },
  ];
}
