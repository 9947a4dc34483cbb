import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldEdit, JsonValue } from "../domain/task.js";
import { joinFrontmatter, splitFrontmatter } from "./frontmatter.js";
import { editFrontmatterYaml, renderFrontmatter } from "./yaml-edit.js";
import { parseStrictYaml } from "./yaml-strict.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

/**
 * The round trip that keeps diffs clean: an edit rewrites only the lines of the field it touches,
 * and every other byte (comments, order, quoting, spacing, line endings) stays.
 */

function edit(yaml: string, edits: readonly FieldEdit[], eol: "\n" | "\r\n" = "\n"): string {
  return editFrontmatterYaml(yaml, edits, eol);
}

function set(key: string, value: JsonValue | undefined): FieldEdit {
  return { key, value };
}

function dataOf(yaml: string): Record<string, JsonValue> {
  const parsed = parseStrictYaml(yaml);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.data;
}

/** Lines that differ between two texts of the same line count, as [index, before, after]. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length, "the edit should not add or remove lines").toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i, line, b[i] as string] as [number, string, string]]));
}

const F22 = "---\n# owner agreed in standup\ntitle: Fix login   # keep short\nstatus: open\ndue: 2024-03-01\ntags: [auth, p1]\n---\n";

const BASE = [
  "# owner agreed in standup",
  "id: k7m2q",
  "title: 'Fix login'   # keep short",
  'status: "open"',
  "owner: alice",
  "due:    2026-12-01",
  "labels: [auth, backend]   # flow",
  "x-custom: {a: 1}",
  "definition-of-done:",
  "  - Timeout raised",
  "  - Runbook updated",
  "goal: q4",
  "",
].join("\n");

describe("editFrontmatterYaml changes exactly the edited line", () => {
  it.each([
    ["plain scalar", set("owner", "bob"), 4, "owner: bob"],
    ["single-quoted scalar keeps its quotes and comment", set("title", "Fix logout"), 2, "title: 'Fix logout'   # keep short"],
    ["single quotes escape a quote", set("title", "it's"), 2, "title: 'it''s'   # keep short"],
    ["double-quoted scalar keeps its quotes", set("status", "done"), 3, 'status: "done"'],
    ["extra spacing before a value is kept", set("due", "2027-01-15"), 5, "due:    2027-01-15"],
    ["flow list stays flow and keeps its comment", set("labels", ["auth", "ui"]), 6, "labels: [auth, ui]   # flow"],
    ["flow list emptied", set("labels", []), 6, "labels: []   # flow"],
    ["unknown key edited", set("x-custom", "plain"), 7, "x-custom: plain"],
    ["last key", set("goal", "q1"), 11, "goal: q1"],
  ])("%s", (_name, change, index, expected) => {
    const after = edit(BASE, [change]);
    expect(changedLines(BASE, after)).toEqual([[index, BASE.split("\n")[index], expected]]);
    expect(dataOf(after)[change.key]).toEqual(change.value);
  });

  it("F22: changing status in the reliability fixture differs by exactly one line", () => {
    const split = splitFrontmatter(F22);
    if (!split.ok) throw new Error("fixture should split");
    const yaml = edit(split.file.yaml, [set("status", "done")], split.file.eol);
    const after = joinFrontmatter(split.file, yaml);
    expect(changedLines(F22, after)).toEqual([[3, "status: open", "status: done"]]);
    expect(after).toContain("# owner agreed in standup\n");
    expect(after).toContain("title: Fix login   # keep short\n");
    expect(after).toContain("due: 2024-03-01\n");
    expect(after).toContain("tags: [auth, p1]\n");
  });

  it("keeps CRLF line endings", () => {
    const yaml = BASE.replace(/\n/g, "\r\n");
    const after = edit(yaml, [set("owner", "bob"), set("labels", ["x"]), set("definition-of-done", ["one", "two"])], "\r\n");
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(after.split("\r\n")[4]).toBe("owner: bob");
    expect(dataOf(after)["definition-of-done"]).toEqual(["one", "two"]);
  });

  it("keeps a UTF-8 BOM and the rest of the file through split, edit and join", () => {
    const file = "\ufeff---\r\nid: a\r\ntitle: T\r\nstatus: open\r\n---\r\nbody\r\n";
    const split = splitFrontmatter(file);
    if (!split.ok) throw new Error("fixture should split");
    const after = joinFrontmatter(split.file, edit(split.file.yaml, [set("status", "done")], split.file.eol));
    expect(after).toBe(file.replace("status: open", "status: done"));
  });

  it("keeps a missing final newline", () => {
    const yaml = "id: a\nstatus: open";
    expect(edit(yaml, [set("status", "done")])).toBe("id: a\nstatus: done");
    expect(edit(yaml, [set("id", "b")])).toBe("id: b\nstatus: open");
  });

  it("replaces a block list as a block list, keeping its indentation", () => {
    const after = edit(BASE, [set("definition-of-done", ["Timeout raised", "Tests added", "Runbook updated"])]);
    expect(after).toContain("definition-of-done:\n  - Timeout raised\n  - Tests added\n  - Runbook updated\ngoal: q4\n");
    expect(after.replace("  - Tests added\n", "")).toBe(BASE);
  });

  it("keeps a zero-indented block list zero-indented", () => {
    const yaml = "id: a\nlabels:\n- x\n- y\nstatus: open\n";
    expect(edit(yaml, [set("labels", ["x", "z"])])).toBe("id: a\nlabels:\n- x\n- z\nstatus: open\n");
  });

  it("keeps a block-style labels list block style", () => {
    const yaml = "id: a\nlabels:\n  - x\nstatus: open\n";
    expect(edit(yaml, [set("labels", ["x", "z"])])).toBe("id: a\nlabels:\n  - x\n  - z\nstatus: open\n");
  });

  it("keeps a flow definition-of-done flow style", () => {
    const yaml = "id: a\ndefinition-of-done: [one]\nstatus: open\n";
    expect(edit(yaml, [set("definition-of-done", ["one", "two"])])).toBe("id: a\ndefinition-of-done: [one, two]\nstatus: open\n");
  });

  it("edits several fields at once, each on its own line", () => {
    const after = edit(BASE, [set("owner", "bob"), set("status", "in-progress"), set("due", "2026-12-24")]);
    expect(changedLines(BASE, after).map(([i]) => i)).toEqual([3, 4, 5]);
  });
});

describe("editFrontmatterYaml adds and removes keys", () => {
  it("inserts a new key in canonical order", () => {
    const yaml = "id: a\ntitle: T\nstatus: open\ndue: 2026-12-01\n";
    expect(edit(yaml, [set("owner", "bob")])).toBe("id: a\ntitle: T\nstatus: open\nowner: bob\ndue: 2026-12-01\n");
  });

  it("inserts after a preceding block list", () => {
    const yaml = "id: a\ntitle: T\nstatus: open\nlabels:\n  - x\ngoal: g\n";
    expect(edit(yaml, [set("depends-on", ["b2c3d"])])).toBe("id: a\ntitle: T\nstatus: open\nlabels:\n  - x\ndepends-on: [b2c3d]\ngoal: g\n");
  });

  it("inserts a key whose predecessors are all missing at the end", () => {
    const yaml = "x: 1\ny: 2\n";
    expect(edit(yaml, [set("title", "T")])).toBe("x: 1\ny: 2\ntitle: T\n");
  });

  it("puts a new id first when the file has fields after it", () => {
    const yaml = "title: T\n";
    expect(dataOf(edit(yaml, [set("id", "a")]))).toEqual({ title: "T", id: "a" });
  });

  it("appends an unknown new key at the end", () => {
    expect(edit(BASE, [set("x-new", "v")])).toBe(`${BASE}x-new: v\n`);
  });

  it("appends to a block without a final newline", () => {
    expect(edit("id: a", [set("x-new", "v")])).toBe("id: a\nx-new: v\n");
  });

  it("appends with CRLF", () => {
    expect(edit("id: a\r\n", [set("owner", "bob")], "\r\n")).toBe("id: a\r\nowner: bob\r\n");
  });

  it("writes a new block list for definition-of-done", () => {
    const yaml = "id: a\ncreated: 2026-11-20T09:00:00Z\n";
    expect(edit(yaml, [set("definition-of-done", ["one", "two"])])).toBe(`${yaml}definition-of-done:\n  - one\n  - two\n`);
  });

  it("adds a key to an empty block", () => {
    expect(edit("", [set("id", "a")])).toBe("id: a\n");
  });

  it.each([
    ["a scalar", "owner", ["# owner agreed in standup", "id: k7m2q", "title: 'Fix login'   # keep short", 'status: "open"', "due:    2026-12-01"]],
    ["a block list with its items", "definition-of-done", ["x-custom: {a: 1}", "goal: q4"]],
    ["the last key", "goal", ["  - Runbook updated", ""]],
  ])("deleting %s removes only its lines", (_name, key, neighbours) => {
    const after = edit(BASE, [set(key, undefined)]);
    expect(Object.keys(dataOf(after))).not.toContain(key);
    const removed = BASE.split("\n").filter((line) => !after.split("\n").includes(line));
    expect(removed.every((line) => line.startsWith(key) || line.startsWith("  - "))).toBe(true);
    for (const line of neighbours) expect(after.split("\n")).toContain(line);
    expect({ ...dataOf(after), [key]: dataOf(BASE)[key] }).toEqual(dataOf(BASE));
  });

  it("deleting a key that is not there changes nothing", () => {
    expect(edit(BASE, [set("reviewer", undefined)])).toBe(BASE);
  });

  it("clearing with null writes `key:` and keeps the comment-free line", () => {
    const after = edit(BASE, [set("owner", null)]);
    expect(changedLines(BASE, after)).toEqual([[4, "owner: alice", "owner:"]]);
    expect(dataOf(after).owner).toBeNull();
  });

  it("clearing with null on CRLF keeps CRLF", () => {
    expect(edit("id: a\r\nowner: alice\r\n", [set("owner", null)], "\r\n")).toBe("id: a\r\nowner:\r\n");
  });

  it("setting a cleared key fills it in place", () => {
    expect(edit("id: a\nowner:\nstatus: open\n", [set("owner", "bob")])).toBe("id: a\nowner: bob\nstatus: open\n");
  });

  it.each([
    ["filling an empty value keeps the comment", "owner: # nobody yet\n", set("owner", "bob"), "owner: bob # nobody yet\n"],
    ["clearing keeps the comment", "owner: alice   # lead\n", set("owner", null), "owner:   # lead\n"],
    ["clearing a flow list", "labels: [a] # c\n", set("labels", null), "labels: # c\n"],
    ["a block list keeps the comment on its key line", "definition-of-done: # items\n  - a\ngoal: q\n", set("definition-of-done", ["b"]), "definition-of-done: # items\n  - b\ngoal: q\n"],
    ["a comment after a block list stays with the next key", "labels:\n  - x\n# about goal\ngoal: q\n", set("labels", ["p", "z"]), "labels:\n  - p\n  - z\n# about goal\ngoal: q\n"],
    ["deleting a block list keeps the next key's comment", "labels:\n  - x\n# about goal\ngoal: q\n", set("labels", undefined), "# about goal\ngoal: q\n"],
    ["a nested map becomes a scalar", "x:\n  a: 1\nstatus: open\n", set("x", "flat"), "x: flat\nstatus: open\n"],
    ["a block scalar becomes a plain one", "x: |\n  text\n  more\nstatus: open\n", set("x", "flat"), "x: flat\nstatus: open\n"],
    ["a scalar becomes a list", "labels: x\n", set("labels", ["q", "r"]), "labels: [q, r]\n"],
    ["a block list becomes a scalar", "labels:\n  - x\nid: a\n", set("labels", "text"), "labels: text\nid: a\n"],
    ["a block list emptied", "labels:\n  - x\nid: a\n", set("labels", []), "labels: []\nid: a\n"],
    ["a new empty definition of done", "id: a\n", set("definition-of-done", []), "id: a\ndefinition-of-done: []\n"],
  ])("%s", (_name, yaml, change, expected) => {
    expect(edit(yaml, [change])).toBe(expected);
  });
});

describe("editFrontmatterYaml writes text that reads back as the same text", () => {
  it.each(["yes", "no", "on", "off", "y", "N", "true", "null", "~", "123", "-7", "0o17", "1.5", ".inf", "2026-12-01", "a: b", "#x", "x #y", "- x", "[x]", "{x}", "'q'", '"q"', "*a", "&a", "!t", "|", ">", "%x", "@x", "", " padded ", "tab\there", "line\nbreak", "Café ☕"])(
    "%j",
    (value) => {
      const after = edit("id: a\ntitle: T\n", [set("title", value), set("x-list", [value])]);
      expect(dataOf(after).title).toBe(value);
      expect(dataOf(after)["x-list"]).toEqual([value]);
    },
  );

  it.each([
    ["a line break in a flow list item", ["a", "b\nc"], 'labels: [a, "b\\nc"]'],
    ["a lone line break", ["\n"], 'labels: ["\\n"]'],
    ["a long list", Array.from({ length: 40 }, (_, i) => `label-${i}`), `labels: [${Array.from({ length: 40 }, (_, i) => `label-${i}`).join(", ")}]`],
  ])("keeps %s on one line", (_name, value, line) => {
    const after = edit("id: a\nlabels: []\n", [set("labels", value)]);
    expect(after).toBe(`id: a\n${line}\n`);
    expect(dataOf(after).labels).toEqual(value);
  });

  it("keeps a title with a line break on one line", () => {
    expect(edit("title: x\n", [set("title", "a\nb")])).toBe('title: "a\\nb"\n');
  });

  it("writes control characters escaped in double quotes, whatever the old quoting", () => {
    expect(edit("title: 'x'\n", [set("title", "a\x1bb")])).toBe('title: "a\\eb"\n');
  });

  it("writes YAML 1.1 booleans quoted so other readers see text", () => {
    expect(edit("status: open\n", [set("status", "yes")])).toBe('status: "yes"\n');
  });

  it("writes numbers and booleans of unknown keys as such", () => {
    const after = edit("id: a\n", [set("x-n", 3), set("x-b", false)]);
    expect(dataOf(after)).toEqual({ id: "a", "x-n": 3, "x-b": false });
  });
});

describe("editFrontmatterYaml refuses what it cannot do safely", () => {
  it.each([
    ["broken YAML", "id: [a\n"],
    ["a duplicate key", "id: a\nid: b\n"],
    ["not a mapping", "- a\n"],
  ])("%s", (_name, yaml) => {
    expect(() => edit(yaml, [set("status", "done")])).toThrow(/cannot be edited|mapping/);
  });
});

describe("renderFrontmatter", () => {
  it("writes fields in the given order, lists of labels flow and definition of done block", () => {
    const text = renderFrontmatter(
      [
        ["id", "a"],
        ["title", "yes"],
        ["owner", null],
        ["labels", ["x", "z"]],
        ["definition-of-done", ["one"]],
      ],
      "\n",
    );
    expect(text).toBe('id: a\ntitle: "yes"\nowner:\nlabels: [x, z]\ndefinition-of-done:\n  - one\n');
  });

  it("uses CRLF when asked", () => {
    expect(renderFrontmatter([["definition-of-done", ["a", "b"]]], "\r\n")).toBe("definition-of-done:\r\n  - a\r\n  - b\r\n");
  });
});

describe("editFrontmatterYaml on generated values", () => {
  const text = fc.string({ unit: "binary", maxLength: 30 });
  const value: fc.Arbitrary<JsonValue> = fc.oneof(
    { weight: 4, arbitrary: text },
    fc.constantFrom<JsonValue>(null, true, 0, -12, 1.5),
    fc.array(text, { maxLength: 4 }),
  );
  const key = fc.constantFrom("id", "title", "status", "owner", "due", "labels", "x-custom", "goal");

  it("changes only the edited field's line and reads back the value", () => {
    fc.assert(
      fc.property(key, value, fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"), (k, v, eol) => {
        const yaml = BASE.replace(/\n/g, eol);
        const after = edit(yaml, [set(k, v)], eol);
        expect(dataOf(after)[k]).toEqual(v);
        const before = yaml.split(eol);
        const lines = after.split(eol);
        expect(lines.length).toBe(before.length);
        const changed = before.flatMap((line, i) => (line === lines[i] ? [] : [i]));
        expect(changed.length).toBeLessThanOrEqual(1);
        if (changed.length === 1) expect(before[changed[0] as number]?.startsWith(k)).toBe(true);
      }),
      runs(400),
    );
  }, PROPERTY_TIMEOUT);
});
