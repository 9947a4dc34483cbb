import { describe, expect, it } from "vitest";
import { escapeInvisible, findInvisible, hasInvisible, showInvisible, tagCharacterText, visibleIdentity } from "./invisible-characters.js";

const cp = (code: number): string => String.fromCodePoint(code);

describe("invisible characters: one definition", () => {
  it.each([
    ["C0 control", 0x1b, "\\x1b"],
    ["DEL", 0x7f, "\\x7f"],
    ["C1 control (NEL)", 0x85, "\\x85"],
    ["soft hyphen (Cf)", 0xad, "<U+00AD>"],
    ["Arabic letter mark (Cf)", 0x61c, "<U+061C>"],
    ["Arabic number sign (Cf)", 0x600, "<U+0600>"],
    ["Mongolian vowel separator (Cf)", 0x180e, "<U+180E>"],
    ["zero-width space (Cf)", 0x200b, "<U+200B>"],
    ["zero-width joiner (Cf)", 0x200d, "<U+200D>"],
    ["right-to-left mark (Cf)", 0x200f, "<U+200F>"],
    ["right-to-left override (Cf)", 0x202e, "<U+202E>"],
    ["word joiner (Cf)", 0x2060, "<U+2060>"],
    ["invisible plus (Cf)", 0x2064, "<U+2064>"],
    ["unassigned U+2065 in the format block", 0x2065, "<U+2065>"],
    ["first strong isolate (Cf)", 0x2068, "<U+2068>"],
    ["nominal digit shapes (Cf)", 0x206f, "<U+206F>"],
    ["BOM / zero-width no-break space (Cf)", 0xfeff, "<U+FEFF>"],
    ["interlinear annotation (Cf)", 0xfff9, "<U+FFF9>"],
    ["musical symbol begin beam (Cf)", 0x1d173, "<U+1D173>"],
    ["unassigned tag U+E0000", 0xe0000, "<U+E0000>"],
    ["language tag (Cf)", 0xe0001, "<U+E0001>"],
    ["tag space", 0xe0020, "<U+E0020>"],
    ["tag A", 0xe0041, "<U+E0041>"],
    ["cancel tag", 0xe007f, "<U+E007F>"],
    ["combining grapheme joiner (Mn)", 0x34f, "<U+034F>"],
    ["Hangul choseong filler (Lo)", 0x115f, "<U+115F>"],
    ["Hangul jungseong filler (Lo)", 0x1160, "<U+1160>"],
    ["Hangul filler (Lo)", 0x3164, "<U+3164>"],
    ["halfwidth Hangul filler (Lo)", 0xffa0, "<U+FFA0>"],
    ["Khmer inherent vowel (Mn)", 0x17b4, "<U+17B4>"],
    ["line separator (Zl)", 0x2028, "<U+2028>"],
    ["paragraph separator (Zp)", 0x2029, "<U+2029>"],
  ])("%s U+%s is hidden and shown as %s", (_name, code, shown) => {
    const text = `a${cp(code)}b`;
    expect(findInvisible(text)).toEqual([cp(code)]);
    expect(escapeInvisible(cp(code))).toBe(shown);
    expect(showInvisible(text)).toBe(`a${shown}b`);
    expect(visibleIdentity(text)).toBe("ab");
  });

  it("shows a lone surrogate by its code", () => {
    expect(showInvisible("a\ud800b\udc00")).toBe("a<U+D800>b<U+DC00>");
  });

  it.each([
    ["letters, accents, right-to-left scripts", "Café zoë שלום مرحبا 日本"],
    ["spaces that show as spaces", "a\u00a0b\u3000c\u2003d"],
    ["emoji, pairs included", "ship 🚀 ☕"],
    ["one variation selector after a visible character: emoji presentation", "\u2764\ufe0f \u263a\ufe0e"],
    ["a keycap", "1\ufe0f\u20e3"],
    ["an ideographic variation sequence", "\u845b\u{e0100}"],
  ])("leaves ordinary text alone: %s", (_name, text) => {
    expect(hasInvisible(text)).toBe(false);
    expect(showInvisible(text)).toBe(text);
  });

  it.each([
    ["a selector after nothing", "\ufe0fbob", ["\ufe0f"]],
    ["a run of selectors: bytes hidden behind an emoji", "\u{1f600}\u{e0100}\u{e0148}\u{e0165}", ["\u{e0148}", "\u{e0165}"]],
    ["a selector after a hidden character", "a\u200b\ufe0f", ["\u200b", "\ufe0f"]],
    ["Mongolian free variation selectors likewise", "\u180b\u180c", ["\u180b", "\u180c"]],
  ])("counts a variation selector that follows nothing visible: %s", (_name, text, found) => {
    expect(findInvisible(text)).toEqual(found);
  });

  it("in identities, every variation selector counts", () => {
    expect(findInvisible("bob\ufe0f")).toEqual([]);
    expect(findInvisible("bob\ufe0f", { strict: true })).toEqual(["\ufe0f"]);
    expect(visibleIdentity("bob\ufe0f\u2060")).toBe("bob");
  });

  it("keeps what the caller keeps", () => {
    expect(showInvisible("a\nb\tc\rd", { keep: "\n\t" })).toBe("a\nb\tc\\rd");
    expect(findInvisible("\n\ufe0f", { keep: "\n" })).toEqual(["\ufe0f"]);
  });

  it("spells out the text tag characters hide", () => {
    const hidden = [..."ignore all"].map((ch) => cp(0xe0000 + ch.charCodeAt(0))).join("");
    expect(tagCharacterText(`Fix login${hidden}\u{e007f}`)).toBe("ignore all");
    expect(tagCharacterText("Fix login")).toBe("");
  });
});
