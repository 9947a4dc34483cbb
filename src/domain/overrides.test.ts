import { describe, expect, it } from "vitest";
import { CONFIG } from "../../test/helpers/report-fixtures.js";
import type { TaskEvent } from "./history.js";
import { overriddenText, overrideClosings } from "./overrides.js";

const base = { path: "tasks/2026-11/k7m2q.md", authorName: "Alice Ng", authorEmail: "alice@example.com", commit: "c".repeat(40), subject: "tasks: done k7m2q", action: "done" };
const status = (to: string, at: string, override?: { reason: string; reviewer: string | null }): TaskEvent => ({
  ...base,
  id: "k7m2q",
  at,
  kind: "changed",
  field: "status",
  from: "in-progress",
  to,
  ...(override ? { override } : {}),
});

describe("overrideClosings", () => {
  const why = { reason: "prod is down", reviewer: "bob" };
  it.each([
    ["a forced done", [status("done", "2026-11-17T09:00:00Z", why)], [["k7m2q", "alice", "bob", "prod is down"]]],
    ["a done without trailers", [status("done", "2026-11-17T09:00:00Z")], []],
    ["trailers on a commit that drops the task", [status("dropped", "2026-11-17T09:00:00Z", why)], []],
    ["trailers on a commit that only retitles it", [{ ...status("done", "2026-11-17T09:00:00Z", why), field: "title" } as TaskEvent], []],
    ["a forced done outside the window", [status("done", "2026-11-10T09:00:00Z", why)], []],
  ])("%s", (_name, events, expected) => {
    expect(overrideClosings(events, CONFIG, Date.parse("2026-11-16T00:00:00Z")).map((o) => [o.id, o.closedBy, o.reviewer, o.reason])).toEqual(expected);
  });

  it("says what was overridden", () => {
    expect(overriddenText({ reviewer: null })).toBe("definition of done");
    expect(overriddenText({ reviewer: "bob" })).toBe("review by bob and definition of done");
  });
});
