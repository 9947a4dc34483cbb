import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/report-fixtures.js";
import type { TasksError } from "../app/errors.js";
import { dodProgress, recordCriteria, resolveCriterion } from "./dod-progress.js";

const dod = ["Timeout raised to 30 s", "Integration test on a throttled network", "Runbook updated"];
/** Log lines; those starting with two spaces continue the entry above. */
const task = (log: string[]) => makeTask({ id: "k7m2q", title: "T", "definition-of-done": dod }, `\n## Log\n${log.map((l) => (l.startsWith("  ") ? `${l}\n` : `- ${l}\n`)).join("")}`);

describe("dodProgress", () => {
  it("reads met:/unmet: lines from the log, latest wins, text matched loosely", () => {
    const progress = dodProgress(
      task([
        "2026-11-19 10:00 +01:00 alice: met: timeout raised to  30 s",
        "2026-11-19 11:00 +01:00 alice: met: Runbook updated",
        "  met: Integration test on a throttled network",
        "2026-11-20 09:00 +01:00 bob: unmet: Runbook updated",
      ]),
    );
    expect(progress.map((c) => [c.index, c.met, c.by])).toEqual([
      [1, true, "alice"],
      [2, true, "alice"],
      [3, false, null],
    ]);
  });

  it("a reworded criterion is left again; unrelated comments count for nothing", () => {
    const reworded = makeTask({ id: "k7m2q", title: "T", "definition-of-done": ["Timeout raised to 45 s"] }, "\n## Log\n- 2026-11-19 10:00 +01:00 alice: met: Timeout raised to 30 s\n- 2026-11-19 10:05 +01:00 alice: we met: at noon\n");
    expect(dodProgress(reworded).map((c) => c.met)).toEqual([false]);
  });
});

describe("resolveCriterion and recordCriteria", () => {
  const fresh = task([]);
  it.each([
    ["2", 2],
    ["runbook", 3],
    ["  INTEGRATION test on a throttled network ", 2],
  ])("%s → %i", (ref, index) => expect(resolveCriterion(fresh, ref)).toBe(index));
  it.each([["4"], ["0"], ["t"], ["deploy"]])("refuses %s, listing the criteria", (ref) => {
    let hint: string | undefined;
    try {
      resolveCriterion(fresh, ref);
    } catch (error) {
      hint = (error as TasksError).hint;
    }
    expect(hint).toContain("1. Timeout raised to 30 s; 2. Integration test");
  });

  it("writes one entry, a line per criterion that changes, and nothing when nothing changes", () => {
    expect(recordCriteria(fresh, ["3", "1", "runbook"], true)).toEqual({ action: "dod", edits: [], log: "met: Timeout raised to 30 s\nmet: Runbook updated" });
    expect(recordCriteria(fresh, ["1"], false)).toBeNull();
  });
});
