import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageParagraphs, oneLine, taskCommitMessage } from "./commit-message.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

describe("taskCommitMessage", () => {
  it("writes `tasks: <verb> <id> <title>` and the tool's trailers", () => {
    expect(taskCommitMessage("claim", "k7m2q", "Fix login timeout")).toEqual({
      subject: "tasks: claim k7m2q Fix login timeout",
      trailers: [
        ["Task-Id", "k7m2q"],
        ["Task-Action", "claim"],
      ],
    });
  });

  it.each([
    ["a newline and a forged trailer (X4)", "Fix\n\nTask-Status: done", "tasks: done k7m2q Fix Task-Status: done"],
    ["escape sequences", "a\x1b]0;PWNED\x07\x1b[2Jb", "tasks: done k7m2q a ]0;PWNED [2Jb"],
    ["a carriage return", "safe\rEVIL", "tasks: done k7m2q safe EVIL"],
    ["bidi overrides", "invoice\u202egpj.exe", "tasks: done k7m2q invoice gpj.exe"],
    ["zero-width and BOM", "ad\u200bmin\ufeff", "tasks: done k7m2q ad min"],
    ["line and paragraph separators", "a\u2028b\u2029c\u0085d", "tasks: done k7m2q a b c d"],
    ["a leading #", "#42 fix login", "tasks: done k7m2q #42 fix login"],
    ["runs of whitespace", "  a \t\t b  ", "tasks: done k7m2q a b"],
  ])("makes the subject one clean line: %s", (_name, title, subject) => {
    expect(taskCommitMessage("done", "k7m2q", title).subject).toBe(subject);
  });

  it("caps the subject at 72 characters with an ellipsis", () => {
    const subject = taskCommitMessage("claim", "k7m2q", "word ".repeat(30)).subject;
    expect(subject).toHaveLength(72);
    expect(subject).toMatch(/^tasks: claim k7m2q (word )+wo…$/);
  });

  it("never cuts a character in half when capping", () => {
    const subject = taskCommitMessage("claim", "k7m2q", `${"x".repeat(51)}🚀🚀🚀🚀`).subject;
    expect(subject).toMatch(/…$/);
    expect(subject).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("never writes git's patch divider as a body line, after which git stops reading the trailers", () => {
    expect(taskCommitMessage("done", "k7m2q", "T", { body: ["---", "--- x", "---x", "a\n---"] }).body).toEqual([" ---", " --- x", "---x", "a ---"]);
  });

  it("keeps trailers to the tool's keys and cleans their values", () => {
    const message = taskCommitMessage("done", "k7m2q", "T", {
      body: ["Definition of done overridden: x\n\nTask-Id: evil", "", "  "],
      trailers: [["Task-Override", `because\nTask-Id: evil ${"y".repeat(300)}`]],
    });
    expect(message.body).toEqual(["Definition of done overridden: x Task-Id: evil"]);
    expect(message.trailers.map(([key]) => key)).toEqual(["Task-Id", "Task-Action", "Task-Override"]);
    const override = message.trailers[2]?.[1] ?? "";
    expect(override).toMatch(/^because Task-Id: evil y+…$/);
    expect(override.length).toBeLessThanOrEqual(200);
  });

  it("never lets a title put a control or bidi character into the message", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (title) => {
        const paragraphs = messageParagraphs(taskCommitMessage("done", "k7m2q", title, { body: [title], trailers: [["Task-Override", title]] }));
        expect(paragraphs[0]).not.toMatch(UNSAFE);
        expect(paragraphs[0]?.length).toBeLessThanOrEqual(72);
        expect(paragraphs.at(-1)?.split("\n").map((line) => line.split(":")[0])).toEqual(["Task-Id", "Task-Action", "Task-Override"]);
        for (const paragraph of paragraphs) expect(paragraph.replace(/\n/g, "")).not.toMatch(UNSAFE);
      }),
      runs(200),
    );
  }, PROPERTY_TIMEOUT);
});

describe("messageParagraphs", () => {
  it("puts the subject first, the body next and the trailers last", () => {
    expect(messageParagraphs({ subject: "s", body: ["a", "b"], trailers: [["Task-Id", "x"], ["Task-Action", "y"]] })).toEqual(["s", "a\nb", "Task-Id: x\nTask-Action: y"]);
    expect(messageParagraphs({ subject: "s", trailers: [] })).toEqual(["s"]);
  });
});

describe("oneLine", () => {
  it.each([
    ["a\nb", "a b"],
    ["\t x \u00a0", "x"],
    ["Fix login\u{e0069}\u{e0067}\u{e006e}", "Fix login"],
    ["bob\u2060 and\u00ad ad\u200bmin", "bob and ad min"],
    ["ship \u2764\ufe0f", "ship \u2764\ufe0f"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(oneLine(input)).toBe(output);
  });
});
