import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinFrontmatter, splitErrorMessage, splitFrontmatter, type SplitError, type SplitFile } from "./frontmatter.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

/** The delimiter grammar (reliability.md F6/F7) and the byte-exact split/join round trip. */

function ok(text: string): SplitFile {
  const result = splitFrontmatter(text);
  if (!result.ok) throw new Error(`expected a split, got ${result.error.kind}`);
  return result.file;
}

function error(text: string): SplitError {
  const result = splitFrontmatter(text);
  if (result.ok) throw new Error("expected a split error");
  return result.error;
}

describe("splitFrontmatter accepts", () => {
  it.each([
    ["the usual shape", "---\nid: a\n---\nbody\n", { yaml: "id: a\n", body: "body\n", closeLine: "---\n", eol: "\n", bom: "" }],
    ["an empty block", "---\n---\nbody", { yaml: "", body: "body", closeLine: "---\n" }],
    ["no body and no final newline", "---\nid: a\n---", { yaml: "id: a\n", body: "", closeLine: "---" }],
    ["a `...` close", "---\nid: a\n...\nbody\n", { yaml: "id: a\n", closeLine: "...\n", body: "body\n" }],
    ["CRLF", "---\r\nid: a\r\n---\r\nbody\r\n", { yaml: "id: a\r\n", closeLine: "---\r\n", body: "body\r\n", eol: "\r\n" }],
    ["a UTF-8 BOM", "\ufeff---\nid: a\n---\n", { bom: "\ufeff", yaml: "id: a\n" }],
    ["a yaml tag", "---yaml\nid: a\n---\n", { openLine: "---yaml\n", yaml: "id: a\n" }],
    ["a YML tag with spaces", "--- YML \nid: a\n---\n", { openLine: "--- YML \n", yaml: "id: a\n" }],
    ["trailing spaces on the opening line", "--- \nid: a\n---\n", { openLine: "--- \n", yaml: "id: a\n" }],
    ["a later `---` in the body", "---\nid: a\n---\nbody\n---\nmore\n", { yaml: "id: a\n", body: "body\n---\nmore\n" }],
    ["an indented `---` inside the block", "---\ntext: |\n  ---\n---\n", { yaml: "text: |\n  ---\n" }],
    ["`--- ` (with a space) is not a close", "---\na: 1\n--- \nb: 2\n---\nbody", { yaml: "a: 1\n--- \nb: 2\n", body: "body" }],
  ])("%s", (_name, text, expected) => {
    const file = ok(text);
    expect(file).toMatchObject(expected);
    expect(file.yamlFirstLine).toBe(2);
  });
});

describe("splitFrontmatter refuses", () => {
  it.each([
    ["no delimiter", "just a body\n", "missing"],
    ["an empty file", "", "missing"],
    ["an indented opening", " ---\nid: a\n---\n", "missing"],
    ["four dashes", "----\nx: 1\n----\n", "missing"],
    ["a thematic break", "-----\n", "missing"],
    ["a BOM then text", "\ufeffbody\n", "missing"],
    ["a lone `---`", "---", "unterminated"],
    ["a lone `---` with a newline", "---\n", "unterminated"],
    ["F6: no closing line", "---\ntitle: A\nNotes: call Bob\n", "unterminated"],
    ["F7: a close with a trailing space", "---\ntitle: a\n--- \nbody", "unterminated"],
    ["a close with text after it", "---\ntitle: a\n---x\nbody", "unterminated"],
    ["an indented close", "---\ntitle: a\n ---\n", "unterminated"],
  ])("%s", (_name, text, kind) => {
    expect(error(text)).toEqual({ kind, line: 1 });
  });

  it.each(["js", "JS", "javascript", "JavaScript", "coffee", "cson", "json", "toml", "constructor", "__proto__"])("the language %s", (language) => {
    expect(error(`---${language}\n{ a: 1 }\n---\n`)).toEqual({ kind: "language", line: 1, language });
    expect(error(`--- ${language}\n{ a: 1 }\n---\n`)).toEqual({ kind: "language", line: 1, language });
  });

  it("says what went wrong and how to fix it", () => {
    expect(splitErrorMessage({ kind: "language", line: 1, language: "js" }).message).toBe('unsupported frontmatter language "js"');
    expect(splitErrorMessage({ kind: "unterminated", line: 1 }).message).toBe("unterminated frontmatter (opened at line 1)");
    for (const kind of ["missing", "unterminated"] as const) expect(splitErrorMessage({ kind, line: 1 }).hint).toMatch(/---/);
  });
});

describe("joinFrontmatter", () => {
  it.each([
    "---\nid: a\n---\nbody\n",
    "---\nid: a\n---",
    "---\nid: a\n---\n",
    "\ufeff---\r\nid: a\r\n...\r\nbody without final newline",
    "---yaml\n# c\n\n---\n\n\nbody\n\n",
    "---\n---\n",
  ])("gives back the same bytes for %j", (text) => {
    const file = ok(text);
    expect(joinFrontmatter(file, file.yaml)).toBe(text);
  });

  it("adds a line ending after the close only when a body follows", () => {
    const file = ok("---\r\nid: a\r\n---");
    expect(joinFrontmatter(file, "id: b\r\n")).toBe("---\r\nid: b\r\n---");
    expect(joinFrontmatter(file, "id: b\r\n", "body")).toBe("---\r\nid: b\r\n---\r\nbody");
  });

  it("round-trips any file that splits, byte for byte", () => {
    const line = fc.oneof(
      fc.constantFrom("---", "...", "--- ", "----", "id: a", "# c", "", " ---", "title: x", "\ufeff"),
      fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, "")),
    );
    const file = fc
      .tuple(fc.boolean(), fc.constantFrom("---", "---yaml", "--- "), fc.array(line, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([bom, open, lines, eol, finalEol]) => (bom ? "\ufeff" : "") + [open, ...lines].join(eol) + (finalEol ? eol : ""));
    fc.assert(
      fc.property(file, (text) => {
        const result = splitFrontmatter(text);
        if (!result.ok) return;
        expect(joinFrontmatter(result.file, result.file.yaml)).toBe(text);
        expect(result.file.bom + result.file.openLine + result.file.yaml + result.file.closeLine + result.file.body).toBe(text);
      }),
      runs(300),
    );
  }, PROPERTY_TIMEOUT);
});
