import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { hiddenCharactersRule } from "./hidden-characters.js";

const run = (...tasks: ReturnType<typeof makeTask>[]) => hiddenCharactersRule.check(context({ tasks }), { severity: "warning", days: 0 });

describe("hidden-characters (reliability.md T6)", () => {
  it.each([
    ["a bidi override in the title", { title: "invoice\u202egpj.exe" }, "title", "<U+202E>"],
    ["a zero-width space in the owner", { owner: "ad\u200bmin" }, "owner", "<U+200B>"],
    ["an escape sequence in the reviewer", { reviewer: "\x1b]0;x\x07bob" }, "reviewer", "\\x1b \\x07"],
    ["a carriage return in the goal", { goal: "q4\rEVIL" }, "goal", "\\r"],
    ["isolates in a label", { labels: ["ok", "a\u2066b\u2069"] }, "labels", "<U+2066> <U+2069>"],
    ["a BOM in a criterion", { "definition-of-done": ["Tests\ufeff pass"] }, "definition-of-done", "<U+FEFF>"],
  ])("%s", (_name, fields, field, shown) => {
    const findings = run(makeTask(fields));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "hidden-characters", severity: "warning", line: Object.keys({ id: 1, title: 1, status: 1, ...fields }).indexOf(field) + 2 });
    expect(findings[0]?.message).toBe(`${field} holds control, bidi or invisible characters (${shown}): other tools may show it differently`);
    expect(findings[0]?.hint).toBe(`retype the ${field} without them: tasks edit aaaaa`);
  });

  it("says nothing about ordinary text, accents, emoji and right-to-left scripts", () => {
    expect(run(makeTask({ title: "Café ☕ 🚀 שלום مرحبا", owner: "zoë", labels: ["naïve"], goal: "q4 — reliability" }))).toEqual([]);
  });

  it("reports each field once, listing each character once", () => {
    const findings = run(makeTask({ title: "\u202ea\u202eb\u202e", owner: "\u200b" }));
    expect(findings.map((f) => [f.message.split(" ")[0], f.message.match(/\((.*)\)/)?.[1]])).toEqual([
      ["title", "<U+202E>"],
      ["owner", "<U+200B>"],
    ]);
  });
});
