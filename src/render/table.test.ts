import { describe, expect, it } from "vitest";
import { displayWidth, pad, renderTable, renderTsv, truncate } from "./table.js";

const bracket = (text: string): string => `[${text}]`;

describe("displayWidth", () => {
  it.each([
    ["ascii", "Fix login", 9],
    ["accented (precomposed)", "café", 4],
    ["accented (combining mark)", "cafe\u0301", 4],
    ["CJK", "日本語", 6],
    ["Hangul", "한국", 4],
    ["fullwidth letters", "ＡＢ", 4],
    ["emoji", "ship 🚀", 7],
    ["emoji with variation selector", "❤️", 2],
    ["empty", "", 0],
  ])("%s", (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("truncate and pad", () => {
  it.each([
    ["fits", "abc", 3, "abc"],
    ["cut with an ellipsis", "abcdef", 4, "abc…"],
    ["wide characters never overflow", "日本語です", 5, "日本…"],
    ["an emoji is not split", "a🚀🚀", 3, "a…"],
    ["zero width", "abc", 0, ""],
    ["one cell", "abc", 1, "…"],
  ])("truncate: %s", (_name, text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
    expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(width);
  });

  it("pads by display width", () => {
    expect(pad("日本", 6)).toBe("日本  ");
    expect(pad("toolong", 3)).toBe("toolong");
  });
});

describe("renderTable", () => {
  const columns = [{ header: "ID" }, { header: "OWNER" }, { header: "TITLE", flexible: true }];
  const rows = [
    [{ text: "k7m2q" }, { text: "alice" }, { text: "Fix login timeout on slow networks" }],
    [{ text: "p3x9t" }, { text: "李雷" }, { text: "短い" }],
  ];

  it("aligns columns by display width, with a header and no trailing spaces", () => {
    expect(renderTable(columns, rows, { width: 100, header: (t) => t })).toBe(
      ["ID     OWNER  TITLE", "k7m2q  alice  Fix login timeout on slow networks", "p3x9t  李雷   短い", ""].join("\n"),
    );
  });

  it("shortens the flexible column to fit the width", () => {
    const out = renderTable(columns, rows, { width: 30, header: (t) => t });
    for (const line of out.trimEnd().split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(out).toContain("k7m2q  alice  Fix login timeo…\n");
  });

  it("never shrinks the flexible column below 8 cells", () => {
    const out = renderTable(columns, rows, { width: 10, header: (t) => t });
    expect(out.split("\n")[1]).toBe("k7m2q  alice  Fix log…");
  });

  it("paints after measuring and padding", () => {
    const out = renderTable([{ header: "A" }, { header: "B" }], [[{ text: "x", paint: bracket }, { text: "y" }]], { width: 80, header: bracket });
    expect(out).toBe("[A]  [B]\n[x]  y\n");
  });

  it("keeps empty trailing cells from leaving spaces", () => {
    expect(renderTable([{ header: "A" }, { header: "B" }], [[{ text: "x" }, { text: "" }]], { width: 80, header: (t) => t })).toBe("A  B\nx\n");
  });
});

describe("renderTsv", () => {
  it("joins cells with tabs and flattens tabs and line breaks inside cells", () => {
    expect(renderTsv([["a", "b\tc", "d\r\ne"], ["", "x", ""]])).toBe("a\tb c\td  e\n\tx\t\n");
  });

  it("prints nothing for no rows", () => {
    expect(renderTsv([])).toBe("");
  });
});

describe("optional columns", () => {
  const columns = [{ header: "A" }, { header: "LONGER", optional: true }, { header: "B" }, { header: "ZONE", optional: true }];
  const rows = [[{ text: "a" }, { text: "long value" }, { text: "b" }, { text: "Europe/Berlin" }]];

  it("are kept when the table fits", () => {
    expect(renderTable(columns, rows, { width: 80, header: (s) => s })).toBe("A  LONGER      B  ZONE\na  long value  b  Europe/Berlin\n");
  });

  it("are left out, the last first, until the table fits", () => {
    expect(renderTable(columns, rows, { width: 26, header: (s) => s })).toBe("A  LONGER      B\na  long value  b\n");
    expect(renderTable(columns, rows, { width: 10, header: (s) => s })).toBe("A  B\na  b\n");
  });
});
