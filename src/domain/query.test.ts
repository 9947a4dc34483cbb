import { describe, expect, it } from "vitest";
import { type Config, DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS, type Member } from "./config.js";
import { makeTask } from "../../test/helpers/fixtures.js";
import { filterTasks, isOverdue, type SortKey, sortTasks, type TaskFilter } from "./query.js";
import type { Task } from "./task.js";

function member(handle: string, timezone: string, email = `${handle}@example.com`): Member {
  return { handle, name: null, emails: [email], timezone, hours: DEFAULT_HOURS, days: DEFAULT_DAYS };
}

const config: Config = { ...DEFAULT_CONFIG, timezone: "UTC", team: [member("priya", "Asia/Kolkata"), member("bob", "America/New_York")] };
const NOW = new Date("2026-12-01T20:00:00Z");

const TASKS: readonly Task[] = [
  makeTask("a1", { owner: "priya", due: "2026-12-01", labels: ["auth", "ui"], priority: "high", created: "2026-11-20T09:00:00+01:00" }),
  makeTask("b2", { owner: "bob", due: "2026-12-01", status: "in-progress", goal: "q4", priority: "urgent", created: "2026-11-20T08:30:00Z" }),
  makeTask("c3", { owner: "bob@example.com", status: "blocked", labels: ["auth"], priority: "low" }),
  makeTask("d4", { status: "done", due: "2026-11-01", title: "alpha" }),
  makeTask("e5", { owner: "stranger@x.org", status: "review", due: "2026-12-01T19:00:00Z", created: "2026-11-19" }),
  makeTask("f6", { status: "mystery", due: "2026-11-30" }),
];

const ids = (tasks: readonly Task[]): string[] => tasks.map((t) => t.id);

describe("isOverdue", () => {
  it.each([
    ["a date past the end of the day in the owner's zone (Kolkata)", "a1", true],
    ["the same date, not yet over in the owner's zone (New York)", "b2", false],
    ["a closed task is never overdue", "d4", false],
    ["a date-time with an offset, passed", "e5", true],
    ["no due date", "c3", false],
    ["an unknown status counts as open", "f6", true],
  ])("%s", (_name, id, overdue) => {
    expect(isOverdue(TASKS.find((t) => t.id === id) as Task, config, NOW)).toBe(overdue);
  });

  it("uses the repository's zone for owners not on the roster", () => {
    const t = makeTask("x", { owner: "stranger@x.org", due: "2026-12-01" });
    expect(isOverdue(t, { ...config, timezone: "Asia/Tokyo" }, NOW)).toBe(true);
    expect(isOverdue(t, { ...config, timezone: "America/Los_Angeles" }, NOW)).toBe(false);
  });
});

describe("filterTasks", () => {
  it.each<[string, TaskFilter, string[]]>([
    ["hides closed tasks by default", {}, ["a1", "b2", "c3", "e5", "f6"]],
    ["shows them when asked", { includeClosed: true }, ["a1", "b2", "c3", "d4", "e5", "f6"]],
    ["by status name, closed included", { statuses: ["done", "todo"] }, ["a1", "d4"]],
    ["by category", { statuses: ["active"] }, ["b2", "e5"]],
    ["by owner handle", { owners: ["bob"] }, ["b2", "c3"]],
    ["by owner email, matching the handle too", { owners: ["BOB@example.com"] }, ["b2", "c3"]],
    ["by owner not on the roster", { owners: ["stranger@x.org"] }, ["e5"]],
    ["unowned", { owners: ["none"] }, ["f6"]],
    ["by every label given", { labels: ["auth", "ui"] }, ["a1"]],
    ["by one label", { labels: ["auth"] }, ["a1", "c3"]],
    ["by goal", { goals: ["q4"] }, ["b2"]],
    ["overdue", { overdue: true }, ["a1", "e5", "f6"]],
    ["blocked", { blocked: true }, ["c3"]],
    ["stale ids from the caller", { staleIds: new Set(["c3", "d4"]) }, ["c3"]],
    ["due before a moment", { dueBefore: Date.parse("2026-12-01T19:30:00Z") }, ["a1", "e5", "f6"]],
    ["combined", { owners: ["bob"], labels: ["auth"] }, ["c3"]],
  ])("%s", (_name, filter, expected) => {
    expect(ids(filterTasks(TASKS, filter, config, NOW))).toEqual(expected);
  });
});

describe("filterTasks: people and labels as they read (hidden characters ignored; check reports them)", () => {
  const hidden = [
    makeTask("h1", { owner: "bob\u2060" }),
    makeTask("h2", { owner: "stranger\u200b@x.org", labels: ["au\u00adth"] }),
    makeTask("h3", { owner: "bob\ufe0f", goal: "q4\u{e0020}" }),
    makeTask("h4", { owner: "bobby" }),
  ];
  it.each<[string, TaskFilter, string[]]>([
    ["a roster handle finds its owner behind a word joiner or a variation selector", { owners: ["bob"] }, ["h1", "h3"]],
    ["so does the roster email", { owners: ["bob@example.com"] }, ["h1", "h3"]],
    ["an owner not on the roster, behind a zero-width space", { owners: ["stranger@x.org"] }, ["h2"]],
    ["a label behind a soft hyphen", { labels: ["auth"] }, ["h2"]],
    ["a goal behind a tag space", { goals: ["q4"] }, ["h3"]],
  ])("%s", (_name, filter, expected) => {
    expect(ids(filterTasks(hidden, filter, config, NOW))).toEqual(expected);
    expect(ids(filterTasks(hidden, filter, { ...config, team: [] }, NOW))).toEqual(filter.owners?.[0] === "bob@example.com" ? [] : expected);
  });
});

describe("sortTasks", () => {
  it.each<[SortKey, string[]]>([
    ["due", ["d4", "f6", "a1", "e5", "b2", "c3"]],
    ["priority", ["b2", "a1", "c3", "e5", "d4", "f6"]],
    ["status", ["a1", "b2", "e5", "c3", "d4", "f6"]],
    ["owner", ["b2", "c3", "a1", "e5", "d4", "f6"]],
    ["created", ["e5", "a1", "b2", "c3", "d4", "f6"]],
    ["id", ["a1", "b2", "c3", "d4", "e5", "f6"]],
  ])("by %s", (key, expected) => {
    expect(ids(sortTasks(TASKS, key, config))).toEqual(expected);
  });

  it("orders creation by instant, not by text, across offsets", () => {
    const early = makeTask("x", { created: "2026-11-20T09:00:00+01:00" });
    const late = makeTask("y", { created: "2026-11-20T08:30:00Z" });
    expect(ids(sortTasks([late, early], "created", config))).toEqual(["x", "y"]);
  });

  it("does not change the input", () => {
    const input = [...TASKS].reverse();
    sortTasks(input, "id", config);
    expect(ids(input)).toEqual(["f6", "e5", "d4", "c3", "b2", "a1"]);
  });
});
