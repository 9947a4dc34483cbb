import { describe, expect, it } from "vitest";
import { gitMerge } from "../../test/helpers/merge-text.js";
import { DEFAULT_CONFIG } from "./config.js";
import { mergeBody } from "./merge-body.js";
import { mergeLists, mergeTaskVersions, type TaskVersion } from "./merge.js";
import type { JsonValue } from "./task.js";

const LOG = "\n## Log\n- 2026-11-20 09:00 +00:00 alice: created\n";
const entry = (time: string, who: string, text: string): string => `- 2026-11-20 ${time} +00:00 ${who}: ${text}\n`;

function version(data: Record<string, JsonValue>, body = LOG): TaskVersion {
  return { data: { id: "k7m2q", title: "Fix login", status: "todo", ...data }, body };
}

describe("mergeTaskVersions: frontmatter field by field", () => {
  it.each<[string, Record<string, JsonValue>, Record<string, JsonValue>, Record<string, JsonValue>, Record<string, JsonValue | undefined>, string[]]>([
    ["different fields: both kept", {}, { priority: "high" }, { due: "2026-12-01" }, { due: "2026-12-01" }, []],
    ["only theirs changed", { owner: "alice" }, { owner: "alice" }, { owner: "bob" }, { owner: "bob" }, []],
    ["only ours changed: nothing to edit", { owner: "alice" }, { owner: "bob" }, { owner: "alice" }, {}, []],
    ["same change on both sides", {}, { owner: "bob" }, { owner: "bob" }, {}, []],
    ["owner changed differently: conflict", { owner: "alice" }, { owner: "bob" }, { owner: "carol" }, {}, ["owner"]],
    ["owner cleared on one side, changed on the other: conflict", { owner: "alice" }, { owner: null }, { owner: "carol" }, {}, ["owner"]],
    ["id changed differently: conflict", {}, { id: "aaaaa" }, { id: "bbbbb" }, {}, ["id"]],
    ["status: closed beats blocked", { status: "in-progress" }, { status: "blocked" }, { status: "done" }, { status: "done" }, []],
    ["status: blocked beats active", { status: "todo" }, { status: "blocked" }, { status: "in-progress" }, {}, []],
    ["status: within a category the later configured one", { status: "todo" }, { status: "in-progress" }, { status: "review" }, { status: "review" }, []],
    ["status: two unknown statuses conflict", { status: "todo" }, { status: "x1" }, { status: "x2" }, {}, ["status"]],
    ["priority: the higher wins", { priority: "normal" }, { priority: "urgent" }, { priority: "low" }, {}, []],
    ["due: the earlier wins", { due: "2026-12-10" }, { due: "2026-12-20" }, { due: "2026-12-05" }, { due: "2026-12-05" }, []],
    ["due: a date beats a cleared due", { due: "2026-12-10" }, { due: null }, { due: "2026-12-20" }, { due: "2026-12-20" }, []],
    ["labels: additions and removals of both sides", { labels: ["a", "b"] }, { labels: ["a", "b", "c"] }, { labels: ["b", "d"] }, { labels: ["b", "c", "d"] }, []],
    ["depends-on: additions of both", {}, { "depends-on": ["p3x9t"] }, { "depends-on": ["q4y8u"] }, { "depends-on": ["p3x9t", "q4y8u"] }, []],
    [
      "definition-of-done: an edit on each side keeps both new texts",
      { "definition-of-done": ["Test", "Docs"] },
      { "definition-of-done": ["Test on a slow network", "Docs"] },
      { "definition-of-done": ["Test", "Docs", "Runbook"] },
      { "definition-of-done": ["Test on a slow network", "Docs", "Runbook"] },
      [],
    ],
    ["an unknown key added by theirs", {}, {}, { estimate: 3 }, { estimate: 3 }, []],
    ["a key removed by theirs", { goal: "q4" }, { goal: "q4" }, {}, { goal: undefined }, []],
    ["title changed on both, no new log entries: conflict", {}, { title: "A" }, { title: "B" }, {}, ["title"]],
  ])("%s", async (_name, base, ours, theirs, expectedEdits, expectedConflicts) => {
    const merge = await mergeTaskVersions(version(base), version(ours), version(theirs), DEFAULT_CONFIG, gitMerge);
    expect(Object.fromEntries(merge.edits.map((e) => [e.key, e.value]))).toEqual(expectedEdits);
    expect(merge.conflicts.map((c) => c.key)).toEqual(expectedConflicts);
  });

  it("other scalars: the side with the later new log entry wins", async () => {
    const ours = version({ title: "A" }, LOG + entry("10:00", "alice", "set title=A"));
    const theirs = version({ title: "B" }, LOG + entry("11:00", "bob", "set title=B"));
    const merge = await mergeTaskVersions(version({}), ours, theirs, DEFAULT_CONFIG, gitMerge);
    expect(merge.edits).toEqual([{ key: "title", value: "B" }]);
    expect(merge.resolved).toEqual([{ key: "title", value: "B", rule: "later log entry" }]);
    const swapped = await mergeTaskVersions(version({}), theirs, ours, DEFAULT_CONFIG, gitMerge);
    expect(swapped.edits).toEqual([]);
  });

  it("is symmetric for the rules: swapping sides gives the same values", async () => {
    const base = version({ status: "in-progress", priority: "normal", due: "2026-12-10" });
    const a = version({ status: "done", priority: "low", due: "2026-12-01" });
    const b = version({ status: "blocked", priority: "high", due: "2026-12-20" });
    const ab = (await mergeTaskVersions(base, a, b, DEFAULT_CONFIG, gitMerge)).resolved;
    const ba = (await mergeTaskVersions(base, b, a, DEFAULT_CONFIG, gitMerge)).resolved;
    expect(ab.map((r) => [r.key, r.value])).toEqual(ba.map((r) => [r.key, r.value]));
    expect(Object.fromEntries(ab.map((r) => [r.key, r.value]))).toEqual({ status: "done", priority: "high", due: "2026-12-01" });
  });
});

describe("mergeLists", () => {
  it.each<[string, JsonValue | undefined, JsonValue | undefined, JsonValue | undefined, JsonValue[]]>([
    ["both add", [], ["a"], ["b"], ["a", "b"]],
    ["both add the same item once", [], ["a"], ["a"], ["a"]],
    ["theirs removes, ours adds", ["a", "b"], ["a", "b", "c"], ["b"], ["b", "c"]],
    ["ours removes, theirs adds", ["a", "b"], ["b"], ["a", "b", "c"], ["b", "c"]],
    ["absent lists", undefined, ["a"], undefined, ["a"]],
  ])("%s", async (_name, base, ours, theirs, expected) => {
    expect(mergeLists(base, ours, theirs)).toEqual(expected);
  });
});

describe("mergeBody: the log keeps both sides' entries in time order", () => {
  const base = `\nUsers are logged out.\n${LOG}`;
  it.each([
    ["entries appended on both sides, in time order", base, base + entry("10:00", "alice", "A"), base + entry("09:30", "bob", "B"), base + entry("09:30", "bob", "B") + entry("10:00", "alice", "A"), false],
    ["theirs later than ours goes after", base, base + entry("10:00", "alice", "A"), base + entry("11:00", "bob", "B"), base + entry("10:00", "alice", "A") + entry("11:00", "bob", "B"), false],
    ["the same entry on both sides is kept once", base, base + entry("10:00", "alice", "claimed"), base + entry("10:00", "alice", "claimed"), base + entry("10:00", "alice", "claimed"), false],
    ["an entry removed on one side stays removed", base + entry("10:00", "alice", "A"), base, base + entry("10:00", "alice", "A") + entry("11:00", "bob", "B"), base + entry("11:00", "bob", "B"), false],
    [
      "the description edited on one side, the log on the other",
      base,
      base + entry("10:00", "alice", "A"),
      base.replace("logged out.", "logged out after 10 s."),
      base.replace("logged out.", "logged out after 10 s.") + entry("10:00", "alice", "A"),
      false,
    ],
    [
      "the description edited differently on both sides: markers around it only",
      base,
      base.replace("logged out.", "ours text.") + entry("10:00", "alice", "A"),
      base.replace("logged out.", "theirs text."),
      `\n<<<<<<< ours\nUsers are ours text.\n=======\nUsers are theirs text.\n>>>>>>> theirs\n${LOG}${entry("10:00", "alice", "A")}`,
      true,
    ],
    [
      "continuation lines travel with their entry",
      base,
      base + entry("10:00", "alice", "first") + "  second line\n",
      base + entry("09:00", "bob", "B"),
      base + entry("09:00", "bob", "B") + entry("10:00", "alice", "first") + "  second line\n",
      false,
    ],
    ["a log section added on one side only", "\nText\n", `\nText\n${LOG}`, "\nText\n", `\nText\n${LOG}`, false],
    ["a log section added on both sides", "\nText\n", `\nText\n${LOG}`, `\nText\n${LOG}`, `\nText\n${LOG}`, false],
    ["a body changed on one side only is that side's, byte for byte", base, base, base + entry("08:00", "bob", "late note"), base + entry("08:00", "bob", "late note"), false],
    [
      "a section after the log merges as git merges it",
      `${base}\n## Notes\nOne.\n`,
      `${base}${entry("10:00", "alice", "A")}\n## Notes\nOne, ours.\n`,
      `${base}\n## Notes\nOne, theirs.\n`,
      `${base}${entry("10:00", "alice", "A")}\n## Notes\n<<<<<<< ours\nOne, ours.\n=======\nOne, theirs.\n>>>>>>> theirs\n`,
      true,
    ],
    [
      "git's merge, not a line-by-line guess: both appending to the description conflicts",
      "\nPara one.\n\nPara two.\n" + LOG,
      "\nPara one.\n\nPara two.\n\nPara three (ours).\n" + LOG + entry("10:00", "alice", "A"),
      "\nPara one, edited.\n\nPara two.\n\nPara three (theirs).\n" + LOG,
      "\nPara one, edited.\n\nPara two.\n\n<<<<<<< ours\nPara three (ours).\n=======\nPara three (theirs).\n>>>>>>> theirs\n" + LOG + entry("10:00", "alice", "A"),
      true,
    ],
    [
      "a log whose last line has no newline still ends the merged file with one",
      base.trimEnd(),
      base + entry("10:00", "alice", "A").trimEnd(),
      base + entry("09:30", "bob", "B").trimEnd(),
      base + entry("09:30", "bob", "B") + entry("10:00", "alice", "A"),
      false,
    ],
  ])("%s", async (_name, baseBody, ours, theirs, expected, conflicted) => {
    const merged = await mergeBody(baseBody, ours, theirs, gitMerge);
    expect(merged.text).toBe(expected);
    expect(merged.conflicted).toBe(conflicted);
  });
});
