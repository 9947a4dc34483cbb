import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_DEPTH, nestingDepth, parseStrictYaml } from "./yaml-strict.js";

/** The strict parser against the hostile inputs of reliability.md (F9–F23). */

function refused(text: string): { line: number; message: string; hint?: string; field?: string } {
  const result = parseStrictYaml(text);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.problem;
}

function data(text: string): Record<string, unknown> {
  const result = parseStrictYaml(text);
  if (!result.ok) throw new Error(`expected data, got ${result.problem.message}`);
  return result.data;
}

const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`),
].join("\n");

describe("parseStrictYaml reads YAML 1.2 core", () => {
  it.each([
    ["dates stay text (F8)", "due: 2024-03-01\n", { due: "2024-03-01" }],
    ["date-times stay text", "created: 2026-11-20T09:12:00+01:00\n", { created: "2026-11-20T09:12:00+01:00" }],
    ["a leading zero is decimal (F8)", "mode: 0755\n", { mode: 755 }],
    ["sexagesimal is text (F8)", "t: 1:30\n", { t: "1:30" }],
    ["YAML 1.1 booleans are text", "done: yes\nx: on\n", { done: "yes", x: "on" }],
    ["core numbers", "a: 0o17\nb: 0x1F\nc: 1.5\nd: -3\n", { a: 15, b: 31, c: 1.5, d: -3 }],
    ["an empty block", "", {}],
    ["comments only", "# nothing\n", {}],
    ["nested values", "a:\n  b: [1, {c: d}]\n", { a: { b: [1, { c: "d" }] } }],
    ["F9: a %YAML 1.1 directive does not switch schema", "%YAML 1.1\n---\ndone: yes\nmode: 0755\n", { done: "yes", mode: 755 }],
  ])("%s", (_name, text, expected) => {
    expect(data(text)).toStrictEqual(expected);
  });

  it("maps every top-level key to its line", () => {
    const result = parseStrictYaml("# c\nid: a\n\nlist:\n  - x\nlast: |\n  text\n");
    expect(result.ok && { ...result.lines }).toEqual({ id: 2, list: 4, last: 6 });
  });

  it("maps lines in CRLF text", () => {
    const result = parseStrictYaml("id: a\r\n# c\r\ntitle: b\r\n");
    expect(result.ok && { ...result.lines }).toEqual({ id: 1, title: 3 });
  });
});

describe("parseStrictYaml refuses hostile input", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("F10: billion laughs is refused at the first alias, without expanding", () => {
    expect(laughs.length).toBeLessThan(400);
    expect(refused(laughs)).toMatchObject({ line: 2, message: expect.stringMatching(/aliases/) });
  });

  it("refuses an alias at its line", () => {
    expect(refused("a: &x 1\nb: *x\n").line).toBe(2);
  });

  it("F11: 200 KB of `[` is refused before parsing", () => {
    const text = "[".repeat(100000) + "]".repeat(100000);
    expect(nestingDepth(text)).toBeGreaterThan(MAX_DEPTH);
    expect(refused(text).line).toBe(1);
  });

  it.each([
    ["flow brackets", `a: ${"[".repeat(40000)}`],
    ["flow maps", `a: ${"{a: ".repeat(10000)}`],
    ["compact block sequences", `${"- ".repeat(30000)}x\n`],
    ["compact complex keys", `${"? ".repeat(20000)}x\n`],
    ["mixed indicators", `${"? - ".repeat(8000)}x\n`],
    ["sequences opening flow lists", `${"- [".repeat(8000)}\n`],
    ["one space more per level", `${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}b:`).join("\n")} x\n`],
  ])("F11: deep nesting under the size cap is refused by the depth cap: %s", (_name, text) => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    expect(refused(text).message).toBe(`frontmatter is nested deeper than ${MAX_DEPTH} levels`);
  });

  it.each([
    ["a flat task", "id: a\ntitle: b\nlabels: [x, y]\ndod:\n  - one\n", 4],
    ["nested maps", "a:\n  b:\n    c: [1, [2, {d: 3}]]\n", 6],
    ["a block scalar's indented text is not nesting", `a: |\n${Array.from({ length: 100 }, (_, i) => `${" ".repeat(i + 2)}line`).join("\n")}\n`, 1],
    ["brackets inside quotes", `a: "${"[".repeat(100)}"\nb: '${"{".repeat(100)}'\n`, 1],
  ])("nestingDepth of %s", (_name, text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
    expect(parseStrictYaml(text).ok).toBe(true);
  });

  it("refuses frontmatter over 64 KiB", () => {
    expect(refused(`a: ${"x".repeat(64 * 1024)}\n`).message).toMatch(/larger than 64 KiB/);
  });

  it.each([
    ["at the top", "title: x\n__proto__:\n  isAdmin: true\n", 2],
    ["quoted", 'title: x\n"__proto__": 1\n', 2],
    ["nested", "a:\n  b:\n    __proto__: 1\n", 3],
    ["in a flow map", "a: {__proto__: 1}\n", 1],
    ["in a list item", "a:\n  - __proto__: 1\n", 2],
    ["constructor", "a:\n  constructor: 1\n", 2],
    ["prototype", "prototype: 1\n", 1],
  ])("F12: __proto__-like keys are refused %s", (_name, text, line) => {
    expect(refused(text)).toMatchObject({ line, message: expect.stringMatching(/is not allowed/) });
  });

  it("F12: no prototype is polluted by a refused file", () => {
    parseStrictYaml("a:\n  __proto__:\n    polluted: 1\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("F14: a duplicate key is refused at its line", () => {
    expect(refused("status: done\nstatus: open\n")).toMatchObject({ line: 2, message: expect.stringMatching(/unique/) });
    expect(refused("a: 1\nb:\n  c: 1\n  c: 2\n").line).toBe(4);
  });

  it.each([
    ["!!binary", "a: !!binary aGVsbG8=\n", "!!binary"],
    ["!!set", "ok: 1\na: !!set {x}\n", "!!set"],
    ["!!timestamp", "a: !!timestamp 2001-12-14\n", "!!timestamp"],
    ["!!str", "a: !!str 1\n", "!!str"],
    ["a custom tag", "a: !env HOME\n", "!env"],
    ["!!js/function", 'a: !!js/function "function(){}"\n', "!!js/function"],
    ["a tag on a list item", "a:\n  - !x y\n", "!x"],
    ["a tag on a collection", "a: !!map {b: 1}\n", "!!map"],
  ])("F15: the tag %s is refused", (_name, text, tag) => {
    expect(refused(text).message).toContain(`YAML tags (${tag}) are not allowed`);
  });

  it("F16: a tag carrying escape codes is refused without a process warning", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    expect(refused('t: !evil "x\\e]0;PWNED\\a"\n').message).toContain("!evil");
    parseStrictYaml("%FOO bar\n---\na: 1\n");
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ["F17: an unclosed flow list", "title: ok\nstatus: [open\n", 3],
    ["an unclosed flow map", "a: 1\nb: {c: 1\n", 3],
    ["an unclosed quote", "a: 1\nb: 'open\n", 3],
    ["a stray indent (reported where the value starts)", "a: 1\nb: 2\n  c: 3\n", 2],
    ["two documents", "a: 1\n---\nb: 2\n", 2],
    ["F21: conflict markers in the frontmatter", "title: Fix login\n<<<<<<< HEAD\nstatus: blocked\n", 2],
    ["F23: a tab as indentation", "title: a\n\tstatus: b\n", 2],
  ])("%s is reported with its line", (_name, text, line) => {
    const problem = refused(text);
    expect(problem.message).toMatch(/^invalid YAML: /);
    expect(problem.message).not.toMatch(/at line \d+/);
    expect(problem.line).toBe(line);
  });

  it.each([
    ["a list", "- a\n- b\n"],
    ["a string", "just a string\n"],
    ["a number", "42\n"],
    ["a null", "~\n"],
  ])("F19: %s is not a mapping", (_name, text) => {
    expect(refused(text)).toMatchObject({ line: 1, message: "frontmatter must be a YAML mapping of fields" });
  });

  it.each([
    ["a number", "1: x\n"],
    ["a boolean", "true: x\n"],
    ["null", "~: x\n"],
    ["an empty key", ": x\n"],
    ["a list", "[a]: x\n"],
    ["a nested number", "a:\n  1: x\n"],
  ])("a key that is %s is refused", (_name, text) => {
    expect(refused(text).message).toBe("field names must be plain text");
  });

  it("names what it parses in its messages", () => {
    expect(parseStrictYaml("- a\n", "config")).toMatchObject({ ok: false, problem: { message: "config must be a YAML mapping of fields" } });
  });
});
