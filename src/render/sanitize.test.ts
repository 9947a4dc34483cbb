import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { hasUnsafeCharacters, sanitizeLine, sanitizeText } from "./sanitize.js";

describe("terminal sanitizer", () => {
  it.each([
    ["plain text", "Fix login", "Fix login"],
    ["escape sequences become visible", "\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"],
    ["carriage return", "safe text\rEVIL", "safe text\\rEVIL"],
    ["C1 control", "a\u009bb", "a\\x9bb"],
    ["bidi override", "invoice\u202Egpj.exe", "invoice<U+202E>gpj.exe"],
    ["zero-width space", "ad\u200Bmin", "ad<U+200B>min"],
    ["newline on one line", "a\nb", "a\\nb"],
    ["lone surrogate", "a\ud800b", "a<U+D800>b"],
    ["emoji pair kept", "ship 🚀", "ship 🚀"],
  ])("sanitizeLine: %s", (_name, input, expected) => {
    expect(sanitizeLine(input)).toBe(expected);
  });

  it("keeps newlines and tabs in text blocks, normalises CRLF, escapes the rest", () => {
    expect(sanitizeText("a\r\nb\tc\x1b[31m")).toBe("a\nb\tc\\x1b[31m");
  });
});

describe("terminal sanitizer on any input", () => {
  const unsafeLine = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

  it("never lets a control, bidi or lone surrogate character through, and keeps safe text as is", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = sanitizeLine(text);
        expect(line).not.toMatch(unsafeLine);
        expect(sanitizeText(text).replace(/[\n\t]/g, "")).not.toMatch(unsafeLine);
        if (!unsafeLine.test(text)) expect(line).toBe(text);
        expect(hasUnsafeCharacters(text)).toBe(unsafeLine.test(text));
      }),
      runs(300),
    );
  }, PROPERTY_TIMEOUT);
});
