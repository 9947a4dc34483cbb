import { describe, expect, it } from "vitest";
import { sanitizeLine, sanitizeText } from "./sanitize.js";

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
