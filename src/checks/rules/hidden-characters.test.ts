import { describe, expect, it } from "vitest";
import { configWith, context, makeTask, member } from "../../../test/helpers/tasks.js";
import { hiddenCharactersRule } from "./hidden-characters.js";

const run = (...tasks: ReturnType<typeof makeTask>[]) => hiddenCharactersRule.check(context({ tasks }), { severity: "warning", days: 0 });
const lineOf = (fields: Record<string, unknown>, field: string) => Object.keys({ id: 1, title: 1, status: 1, ...fields }).indexOf(field) + 2;
const tags = (text: string) => [...text].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join("");

describe("hidden-characters (reliability.md T6)", () => {
  it.each([
    ["a bidi override in the title", { title: "invoice\u202egpj.exe" }, "title", "<U+202E>"],
    ["a carriage return in the goal", { goal: "q4\rEVIL" }, "goal", "\\r"],
    ["isolates in a label", { labels: ["ok", "a\u2066b\u2069"] }, "labels", "<U+2066> <U+2069>"],
    ["a BOM in a criterion", { "definition-of-done": ["Tests\ufeff pass"] }, "definition-of-done", "<U+FEFF>"],
    ["a word joiner in the title", { title: "Fix\u2060 login" }, "title", "<U+2060>"],
    ["a soft hyphen in the goal", { goal: "re\u00adlease" }, "goal", "<U+00AD>"],
    ["a Mongolian vowel separator in a criterion", { "definition-of-done": ["a\u180eb"] }, "definition-of-done", "<U+180E>"],
    ["a combining grapheme joiner in the title", { title: "a\u034fb" }, "title", "<U+034F>"],
    ["a Hangul filler as the goal", { goal: "\u3164" }, "goal", "<U+3164>"],
    ["a run of variation selectors hiding bytes behind an emoji", { title: "ship \u{1f680}\u{e0100}\u{e0151}" }, "title", "<U+E0151>"],
    ["a variation selector in a label (an identity)", { labels: ["bug\ufe0f"] }, "labels", "<U+FE0F>"],
  ])("%s", (_name, fields, field, shown) => {
    const findings = run(makeTask(fields));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "hidden-characters", severity: "warning", line: lineOf(fields, field) });
    expect(findings[0]?.message).toBe(`${field} holds control, bidi or invisible characters (${shown}): other tools may show it differently`);
    expect(findings[0]?.hint).toBe(`retype the ${field} without them: tasks edit aaaaa`);
  });

  it("spells out the text that tag characters hide, with the code points", () => {
    const fields = { title: `Fix login${tags("ok")}` };
    const [finding] = run(makeTask(fields));
    expect(finding?.message).toBe('title holds control, bidi or invisible characters (<U+E006F> <U+E006B>); its tag characters spell "ok": other tools may show it differently');
    expect(finding?.line).toBe(lineOf(fields, "title"));
  });

  it.each([
    ["a word joiner after the owner", { owner: "bob\u2060" }, "owner", "bob\u2060", "<U+2060>", "tasks assign aaaaa bob"],
    ["a zero-width space inside the owner", { owner: "ad\u200bmin" }, "owner", "ad\u200bmin", "<U+200B>", "tasks assign aaaaa admin"],
    ["an emoji variation selector on the owner", { owner: "bob\ufe0f" }, "owner", "bob\ufe0f", "<U+FE0F>", "tasks assign aaaaa bob"],
    ["an escape sequence in the reviewer", { reviewer: "\x1b]0;x\x07bob" }, "reviewer", "\x1b]0;x\x07bob", "\\x1b \\x07", "tasks edit aaaaa"],
    ["tag characters on the reviewer", { reviewer: `carol${tags("hi")}` }, "reviewer", `carol${tags("hi")}`, "<U+E0068> <U+E0069>", "tasks set aaaaa reviewer=carol"],
  ])("people are identities, so %s is an error naming the field", (_name, fields, field, person, shown, fix) => {
    const findings = run(makeTask(fields));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "hidden-characters", severity: "error", line: lineOf(fields, field) });
    expect(findings[0]?.message).toMatch(new RegExp(`^${field} "${person.replace(/[\]\\[]/g, "\\$&")}" holds invisible characters \\(${shown.replace(/[\\+]/g, "\\$&")}\\)`));
    expect(findings[0]?.message).toMatch(/: it looks like .* but other tools see someone else$/);
    expect(findings[0]?.hint).toBe(`write the ${field} without them: ${fix}`);
  });

  it("says nothing about ordinary text, accents, emoji and right-to-left scripts", () => {
    expect(run(makeTask({ title: "Café ☕ 🚀 ❤\ufe0f שלום مرحبا", owner: "zoë", labels: ["naïve"], goal: "q4 — reliability", "definition-of-done": ["1\ufe0f\u20e3 step"] }))).toEqual([]);
  });

  it("reports each field once, listing each character once", () => {
    const findings = run(makeTask({ title: "\u202ea\u202eb\u202e", owner: "\u200b" }));
    expect(findings.map((f) => [f.message.split(" ")[0], f.message.match(/\((.*?)\)/)?.[1]])).toEqual([
      ["title", "<U+202E>"],
      ["owner", "<U+200B>"],
    ]);
  });

  it("looks at the roster: an email holding them is an error, a name a finding of the rule's severity", () => {
    const config = configWith({ team: [member("bob", "UTC", { emails: ["bob\u2060@example.com"], name: "Bob\u202e" }), member("alice", "UTC")] });
    const findings = hiddenCharactersRule.check(context({ config }), { severity: "warning", days: 0 });
    expect(findings.map((f) => [f.path, f.severity, f.message])).toEqual([
      [".tasks/config.yml", "error", 'team.bob email "bob\u2060@example.com" holds invisible characters (<U+2060>): it matches no one\'s commits'],
      [".tasks/config.yml", "warning", "team.bob.name holds control, bidi or invisible characters (<U+202E>): other tools may show it differently"],
    ]);
  });
});
