import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendLogEntry, formatLogEntry, parseLogEntries } from "./task-log.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

const STAMP = "2026-11-20 14:02 +01:00";

describe("formatLogEntry", () => {
  it.each([
    ["one line", "alice", "claimed", ["- 2026-11-20 14:02 +01:00 alice: claimed"]],
    ["an email as the person", "bob@example.com", "started", ["- 2026-11-20 14:02 +01:00 bob@example.com: started"]],
    ["colons and spaces in the name", "Bob: The Builder", "x", ["- 2026-11-20 14:02 +01:00 Bob_The_Builder: x"]],
    ["an empty name", "", "x", ["- 2026-11-20 14:02 +01:00 unknown: x"]],
    ["control characters in the name", "ev\x1b[2Jil\u0085", "x", ["- 2026-11-20 14:02 +01:00 ev_[2Jil_: x"]],
    ["several lines", "alice", "first\nsecond\r\nthird", ["- 2026-11-20 14:02 +01:00 alice: first", "  second", "  third"]],
    ["blank lines dropped", "alice", "\nfirst\n\n\nsecond\n\n", ["- 2026-11-20 14:02 +01:00 alice: first", "  second"]],
    ["control characters in the text", "alice", "a\x1b]0;PWNED\x07b\tc\u009bd", ["- 2026-11-20 14:02 +01:00 alice: a ]0;PWNED b c d"]],
    ["trailing spaces trimmed", "alice", "a   \nb  ", ["- 2026-11-20 14:02 +01:00 alice: a", "  b"]],
    ["a lone CR is a line break", "alice", "safe\rEVIL", ["- 2026-11-20 14:02 +01:00 alice: safe", "  EVIL"]],
  ])("%s", (_name, who, text, lines) => {
    expect(formatLogEntry(STAMP, who, text)).toEqual(lines);
  });

  it("caps a very long name so the entry still parses", () => {
    const lines = formatLogEntry(STAMP, "x".repeat(300), "hello");
    expect(parseLogEntries(`## Log\n${lines.join("\n")}\n`)).toMatchObject([{ text: "hello" }]);
  });
});

describe("appendLogEntry", () => {
  const entry = ["- 2026-11-21 09:00 +01:00 bob: done"];

  it.each([
    ["an empty body", "", "\n", "## Log\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a body without a log", "Notes.\n\n\n", "\n", "Notes.\n\n## Log\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a body without a log or final newline", "Notes.", "\n", "Notes.\n\n## Log\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a log at the end", "Notes.\n\n## Log\n- 2026-11-20 14:02 +01:00 alice: claimed\n", "\n", "Notes.\n\n## Log\n- 2026-11-20 14:02 +01:00 alice: claimed\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a log without a final newline", "## Log\n- 2026-11-20 14:02 +01:00 alice: claimed", "\n", "## Log\n- 2026-11-20 14:02 +01:00 alice: claimed\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a log followed by another section", "## Log\n- a\n\n## Links\nx\n", "\n", "## Log\n- a\n- 2026-11-21 09:00 +01:00 bob: done\n\n## Links\nx\n"],
    ["a log with a sub-heading inside", "## Log\n- a\n### older\n- b\n", "\n", "## Log\n- a\n### older\n- b\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["an empty log heading", "## Log\n", "\n", "## Log\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["a heading with no newline", "## Log", "\n", "## Log\n- 2026-11-21 09:00 +01:00 bob: done\n"],
    ["CRLF", "Notes.\r\n\r\n## Log\r\n- a\r\n\r\n## Links\r\n", "\r\n", "Notes.\r\n\r\n## Log\r\n- a\r\n- 2026-11-21 09:00 +01:00 bob: done\r\n\r\n## Links\r\n"],
    ["CRLF without a log", "Notes.\r\n", "\r\n", "Notes.\r\n\r\n## Log\r\n- 2026-11-21 09:00 +01:00 bob: done\r\n"],
    ["two log sections: the last one", "## Log\n- a\n## Other\n## Log\n- b\n", "\n", "## Log\n- a\n## Other\n## Log\n- b\n- 2026-11-21 09:00 +01:00 bob: done\n"],
  ])("%s", (_name, body, eol, expected) => {
    expect(appendLogEntry(body, entry, eol as "\n" | "\r\n")).toBe(expected);
  });

  it("changes nothing before the insertion point", () => {
    const body = "Intro with `## Log` in text\n\n## Log\n- 2026-11-20 14:02 +01:00 alice: claimed\n\n## After\ntext\n";
    const after = appendLogEntry(body, entry, "\n");
    expect(after.replace(`${entry[0]}\n`, "")).toBe(body);
  });
});

describe("parseLogEntries", () => {
  it("reads entries of the Log section only, with continuation lines", () => {
    const body = [
      "- 2026-11-19 10:00 +01:00 mallory: not in the log",
      "## Log",
      "- 2026-11-20 14:02 +01:00 alice: claimed",
      "- 2026-11-21 09:10 -05:00 bob@example.com: blocked: waiting for the API keys",
      "  second line",
      "    indented third",
      "- 2026-11-22 00:00 Z Alice Ng: note",
      "- not an entry",
      "## Links",
      "- 2026-11-23 10:00 +01:00 mallory: not in the log either",
    ].join("\r\n");
    expect(parseLogEntries(body)).toEqual([
      { stamp: "2026-11-20 14:02 +01:00", at: "2026-11-20T14:02:00+01:00", who: "alice", text: "claimed", line: 2 },
      { stamp: "2026-11-21 09:10 -05:00", at: "2026-11-21T09:10:00-05:00", who: "bob@example.com", text: "blocked: waiting for the API keys\nsecond line\n  indented third", line: 3 },
      { stamp: "2026-11-22 00:00 Z", at: "2026-11-22T00:00:00Z", who: "Alice Ng", text: "note", line: 6 },
    ]);
  });

  it("reads nothing from a body without a log", () => {
    expect(parseLogEntries("Notes\n- 2026-11-20 14:02 +01:00 alice: claimed\n")).toEqual([]);
  });

  it("gives back what was written (format → append → parse)", () => {
    const who = fc.oneof(fc.constantFrom("alice", "bob@example.com", "Alice Ng"), fc.string({ unit: "binary", maxLength: 20 }));
    const text = fc.string({ unit: "binary", minLength: 1, maxLength: 60 }).filter((t) => /\S/.test(t.replace(/[\u0000-\u001f\u007f-\u009f]/g, "")));
    fc.assert(
      fc.property(who, text, fc.constantFrom("", "Notes.\n", "## Log\n- 2026-11-20 14:02 +01:00 alice: claimed\n"), (person, comment, body) => {
        const lines = formatLogEntry(STAMP, person, comment);
        const entries = parseLogEntries(appendLogEntry(body, lines, "\n"));
        const last = entries[entries.length - 1];
        const expected = comment
          .replace(/\r\n?/g, "\n")
          .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ")
          .split("\n")
          .map((line) => line.trimEnd())
          .filter((line) => line !== "")
          .join("\n");
        expect(last?.text).toBe(expected);
        expect(last?.stamp).toBe(STAMP);
        for (const line of lines) expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }),
      runs(200),
    );
  }, PROPERTY_TIMEOUT);
});
