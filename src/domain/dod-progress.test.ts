import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/report-fixtures.js";
import type { TasksError } from "../app/errors.js";
import { criterionLabel, dodProgress, recordCriteria, resolveCriterion } from "./dod-progress.js";

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

describe("criteria with equal text are separate items, addressed by position", () => {
  const twice = ["Tests pass", "tests  PASS", "Runbook updated"];
  const make = (log: string[]) => makeTask({ id: "k7m2q", title: "T", "definition-of-done": twice }, `\n## Log\n${log.map((l) => `- ${l}\n`).join("")}`);

  it("marking the first records only the first, and says which occurrence", () => {
    const change = recordCriteria(make([]), ["1"], true);
    expect(change?.log).toBe("met: Tests pass (1st)");
    const progress = dodProgress(make([`2026-11-19 10:00 +01:00 alice: ${change?.log ?? ""}`]));
    expect(progress.map((c) => c.met)).toEqual([true, false, false]);
  });

  it("the second is its own line; each can be taken back alone", () => {
    expect(recordCriteria(make([]), ["2", "3"], true)?.log).toBe("met: tests  PASS (2nd)\nmet: Runbook updated");
    const both = make(["2026-11-19 10:00 +01:00 alice: met: Tests pass (1st)", "2026-11-19 10:01 +01:00 alice: met: Tests pass (2nd)"]);
    expect(dodProgress(both).map((c) => c.met)).toEqual([true, true, false]);
    expect(recordCriteria(both, ["2"], false)?.log).toBe("unmet: tests  PASS (2nd)");
    const undone = make(["2026-11-19 10:00 +01:00 alice: met: Tests pass (1st)", "2026-11-19 10:01 +01:00 alice: met: Tests pass (2nd)", "2026-11-19 10:02 +01:00 bob: unmet: Tests pass (2nd)"]);
    expect(dodProgress(undone).map((c) => [c.met, c.by])).toEqual([
      [true, "alice"],
      [false, null],
      [false, null],
    ]);
  });

  it("a plain line (an older file, or by hand) names the first occurrence only", () => {
    expect(dodProgress(make(["2026-11-19 10:00 +01:00 alice: met: Tests pass"])).map((c) => c.met)).toEqual([true, false, false]);
  });

  it("a text of its own that ends like an occurrence still matches itself; the label adds one only when repeated", () => {
    const odd = makeTask({ id: "k7m2q", title: "T", "definition-of-done": ["Review (2nd)", "Other"] }, "\n## Log\n- 2026-11-19 10:00 +01:00 alice: met: Review (2nd)\n");
    expect(dodProgress(odd).map((c) => c.met)).toEqual([true, false]);
    expect(criterionLabel(["Review (2nd)", "Other"], 1)).toBe("Review (2nd)");
    const many = Array.from({ length: 23 }, () => "Same");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map((n) => criterionLabel(many, n))).toEqual(
      ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd"].map((o) => `Same (${o})`),
    );
  });

  it("naming a repeated text refuses: it names more than one criterion", () => {
    expect(() => resolveCriterion(make([]), "tests pass")).toThrow('"tests pass" is the text of criteria 1 and 2 of k7m2q');
  });
});
