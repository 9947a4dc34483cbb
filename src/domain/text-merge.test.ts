import { describe, expect, it } from "vitest";
import { diffHunks, mergeText } from "./text-merge.js";

const lines = (text: string): string[] => text.split("\n");

describe("diffHunks", () => {
  it.each([
    ["no change", "a\nb\nc", "a\nb\nc", []],
    ["one line changed", "a\nb\nc", "a\nB\nc", [{ baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 2 }]],
    ["a line inserted", "a\nc", "a\nb\nc", [{ baseStart: 1, baseEnd: 1, sideStart: 1, sideEnd: 2 }]],
    ["a line removed", "a\nb\nc", "a\nc", [{ baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 1 }]],
    [
      "two separate changes",
      "a\nb\nc\nd\ne",
      "A\nb\nc\nd\nE",
      [
        { baseStart: 0, baseEnd: 1, sideStart: 0, sideEnd: 1 },
        { baseStart: 4, baseEnd: 5, sideStart: 4, sideEnd: 5 },
      ],
    ],
  ])("%s", (_name, base, side, expected) => {
    expect(diffHunks(lines(base), lines(side))).toEqual(expected);
  });
});

describe("mergeText (diff3)", () => {
  it.each([
    ["only ours changed", "a\nb\nc\n", "a\nB\nc\n", "a\nb\nc\n", "a\nB\nc\n", 0],
    ["only theirs changed", "a\nb\nc\n", "a\nb\nc\n", "a\nb\nC\n", "a\nb\nC\n", 0],
    ["different lines on each side", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", 0],
    ["the same change on both sides", "a\nb\n", "a\nX\n", "a\nX\n", "a\nX\n", 0],
    ["one side inserts at the top, the other at the bottom", "m\n", "top\nm\n", "m\nbottom\n", "top\nm\nbottom\n", 0],
    ["the same line changed differently", "a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n", "a\n<<<<<<< ours\nB1\n=======\nB2\n>>>>>>> theirs\nc\n", 1],
    ["both insert at the same place", "a\n", "a\nx\n", "a\ny\n", "a\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n", 1],
    ["adjacent changes conflict, as in git", "a\nb\nc\n", "A\nb\nc\n", "a\nB\nc\n", "<<<<<<< ours\nA\nb\n=======\na\nB\n>>>>>>> theirs\nc\n", 1],
    ["empty base (both created the file)", "", "same\n", "same\n", "same\n", 0],
  ])("%s", (_name, base, ours, theirs, expected, conflicts) => {
    const merged = mergeText(base, ours, theirs);
    expect(merged.text).toBe(expected);
    expect(merged.conflicts).toBe(conflicts);
  });

  it("keeps CRLF line ends on the marker lines of a CRLF file", () => {
    const merged = mergeText("a\r\nb\r\n", "a\r\nB1\r\n", "a\r\nB2\r\n");
    expect(merged.text).toBe("a\r\n<<<<<<< ours\r\nB1\r\n=======\r\nB2\r\n>>>>>>> theirs\r\n");
  });

  it("stays bounded on large inputs with a differing middle", () => {
    const base = Array.from({ length: 3000 }, (_v, i) => `line ${i}`);
    const ours = base.map((l, i) => (i % 2 === 0 ? `${l} ours` : l));
    const theirs = base.map((l, i) => (i % 3 === 0 ? `${l} theirs` : l));
    const merged = mergeText(base.join("\n"), ours.join("\n"), theirs.join("\n"));
    expect(merged.conflicts).toBeGreaterThan(0);
    expect(merged.text).toContain("line 2999");
  });
});
