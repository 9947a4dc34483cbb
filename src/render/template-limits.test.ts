import { describe, expect, it } from "vitest";
import type { TasksError } from "../app/errors.js";
import { renderTemplate } from "./template-engine.js";
import { BudgetEmitter, MEMORY_LIMIT, MemoryBudget, outputText, valueCost } from "./template-limits.js";

const model = { title: "Fix login", people: [{ name: "Alice" }, { name: "Bob" }] };

async function failure(text: string, data: Record<string, unknown> = model): Promise<TasksError> {
  try {
    await renderTemplate({ name: ".tasks/templates/standup.md", text }, data);
  } catch (error) {
    return error as TasksError;
  }
  throw new Error("the template rendered");
}

// A string of 2^20 characters (1 MiB), or 2^bits, made the cheap way: a capture that prints itself twice.
const MIB = (seed: string, print = "{{ s }}", bits = 20): string =>
  `{% capture s %}${seed}{% endcapture %}{% for i in (1..${bits - Math.log2(seed.length)}) %}{% capture s %}${print}${print}{% endcapture %}{% endfor %}`;
const DOUBLE = (body: string): string => `{% capture s %}ab{% endcapture %}{% for i in (1..40) %}${body}{% endfor %}{{ s.size }}`;
const PUSH_NEST = "{% assign a = '' | split: ',' %}{% for i in (1..60) %}{% assign a = a | push: a %}{% endfor %}";

const MEMORY = /the template allocated more than 10 MB \(the memory limit\)$/;
const OUTPUT = /the note grew larger than 1 MB \(the output limit\)$/;

/**
 * Templates a teammate could commit to take the machine down. Each is stopped by a limit with a
 * TEMPLATE_ERROR naming the template, the line, and the limit; without the shared budget most
 * ran to the time limit after hundreds of MB, and some rendered a note of many MB or never ended.
 */
const CORPUS: readonly [string, string, RegExp][] = [
  ["a capture printing itself twice, 40 times", DOUBLE("{% capture s %}{{ s }}{{ s }}{% endcapture %}"), MEMORY],
  ["the same, printed raw", DOUBLE("{% capture s %}{{ s | raw }}{{ s | raw }}{% endcapture %}"), MEMORY],
  ["the same through echo", DOUBLE("{% capture s %}{% echo s %}{% echo s %}{% endcapture %}"), MEMORY],
  ["the same inside {% liquid %}", "{% liquid\nassign s = 'ab'\nfor i in (1..40)\ncapture s\necho s\necho s\nendcapture\nendfor\n%}", MEMORY],
  ["the same through a block", DOUBLE("{% capture s %}{% block b %}{{ s }}{{ s }}{% endblock %}{% endcapture %}"), MEMORY],
  ["the same through a tablerow", DOUBLE("{% capture s %}{% tablerow j in (1..2) %}{{ s }}{% endtablerow %}{% endcapture %}"), MEMORY],
  ["the same with an increment", DOUBLE("{% capture s %}{{ s }}{% increment n %}{{ s }}{% endcapture %}"), MEMORY],
  ["assign and append, doubling", "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}", MEMORY],
  ["assign and prepend, doubling", "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | prepend: s %}{% endfor %}", MEMORY],
  ["replace with a replacement that grows", "{% assign r = 'x' %}{% for i in (1..40) %}{% assign r = 'aaaa' | replace: 'a', r %}{% endfor %}", MEMORY],
  ["replace doubling every character", "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | replace: 'x', 'xx' %}{% endfor %}", MEMORY],
  ["split into a list per character", `${MIB("xxxxxxxx")}\n{% assign a = s | split: '' %}{{ a.size }}`, /:2: .*memory limit/],
  ["join and split, doubling", "{% assign a = 'x,x' | split: ',' %}{% for i in (1..40) %}{% assign s = a | join: ',' %}{% assign a = s | append: ',' | append: s | split: ',' %}{% endfor %}", MEMORY],
  ["join with a 1 MiB separator", `${MIB("xxxxxxxx")}\n{{ (1..100000) | join: s | size }}`, /:2: .*memory limit/],
  ["concat doubling a list", "{% assign a = 'x' | split: ',' %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}", MEMORY],
  ["a list pushed onto itself (its text doubles), printed", `${PUSH_NEST}{{ a }}`, MEMORY],
  ["the same, joined", `${PUSH_NEST}{{ a | join: ',' | size }}`, MEMORY],
  ["the same, in contains", `${PUSH_NEST}{% if 'x' contains a %}y{% endif %}`, MEMORY],
  ["the same, as a cycle group", `${PUSH_NEST}{% cycle a: 'x' %}`, MEMORY],
  ["loops over (1..100000) nested three deep", "{% for i in (1..100000) %}{% for j in (1..100000) %}{% for k in (1..100000) %}{% break %}{% endfor %}{% endfor %}{% endfor %}", MEMORY],
  ["a range just under ten million", "{% for i in (1..9999999) %}{% endfor %}", MEMORY],
  ["a range made with times", "{% assign n = 1000 | times: 10000 %}{% for i in (1..n) %}{% endfor %}", MEMORY],
  ["three ranges of three million kept", "{% assign a = (1..3000000) %}{% assign b = (1..3000000) %}{% assign c = (1..3000000) %}", MEMORY],
  ["a kept list looped over reversed, a thousand times", "{% assign a = (1..500000) %}{% for i in (1..1000) %}{% for j in a reversed %}{% break %}{% endfor %}{% endfor %}", MEMORY],
  ["a kept list in a tablerow, a thousand times", "{% assign a = (1..500000) %}{% for i in (1..1000) %}{% tablerow j in a limit: 1 %}{% endtablerow %}{% endfor %}", MEMORY],
  ["twenty million", "{% for i in (1..20000000) %}x{% endfor %}", MEMORY],
  ["a loop that only prints, past 1 MB", `{% for i in (1..100000) %}${"x".repeat(1000)}{% endfor %}`, OUTPUT],
  ["a new cycle group each time, with a long candidate", `{% for i in (1..100000) %}{% cycle i: '', '${"x".repeat(30_000)}' %}{% endfor %}`, MEMORY],
  ["where_exp with a 650 KB expression (ran 49 s inside one filter call)", "{% assign e = 'x == 1 or ' %}{% for i in (1..16) %}{% assign e = e | append: e %}{% endfor %}{% assign e = e | append: 'x == 1' %}{{ (1..100) | where_exp: 'x', e | size }}", MEMORY],
  ["map through a 512 KB property path", "{% assign p = 'a.' %}{% for i in (1..18) %}{% assign p = p | append: p %}{% endfor %}{% for i in (1..100) %}{% assign s = people | map: p %}{% endfor %}", MEMORY],
  ["escape, five characters for one", `${MIB("&&&&&&&&", "{{ s }}", 21)}\n{{ s | escape | size }}`, /:2: .*memory limit/],
  ["url_encode, nine characters for one", `${MIB("…")}\n{{ s | url_encode | size }}`, /:2: .*memory limit/],
  ["newline_to_br, seven characters for one", `${MIB("\n\n\n\n", "{{ s | raw }}")}\n{{ s | newline_to_br | size }}`, /:6: .*memory limit/],
  ["upcase, two characters for ß", `${MIB("ßßßßßßßß", "{{ s }}", 21)}\n{{ s | upcase | size }}`, /:2: .*memory limit/],
  ["base64_encode over and over", "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..60) %}{% assign s = s | base64_encode %}{% endfor %}", MEMORY],
  ["json over and over", "{% assign s = 'x' %}{% for i in (1..40) %}{% assign s = s | json %}{% endfor %}", MEMORY],
  ["a date padded to a billion", "{{ 'now' | date: '%999999999d' | size }}", MEMORY],
  ["escapes the note would show as eight characters", `${MIB("\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e", "{{ s | raw }}")}\n{{ s }}`, /:2: .*memory limit/],
  ["a simple template printing a value 7,000 times", "{{title}}".repeat(7000), OUTPUT],
  ["ifs nested 2,000 deep", `${"{% if true %}".repeat(2000)}x${"{% endif %}".repeat(2000)}`, /Maximum call stack size exceeded$/],
  ["an include of itself", "{% include '.tasks/templates/standup.md' %}", /Failed to lookup/],
  ["a render of itself", "{% render 'standup.md' %}", /Failed to lookup/],
];

describe("hostile templates stop at a limit with a TEMPLATE_ERROR naming the template and the limit", () => {
  it.each(CORPUS)("%s", async (_name, text, message) => {
    const error = await failure(text, { ...model, title: "x".repeat(200), people: Array.from({ length: 50 }, () => ({ a: 1 })) });
    expect(error.code).toBe("TEMPLATE_ERROR");
    expect(error.message).toMatch(/^template \.tasks\/templates\/standup\.md(:\d+)?: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    if (/limit\)$/.test(error.message)) expect(error.hint).toMatch(/10 MB.*1 MB.*2 s.*docs\/templates\.md/);
  });

  it("loops that neither print nor keep anything stop at the time limit", async () => {
    const error = await failure("{% assign r = (1..1000) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}");
    expect(error.message).toMatch(/^template \.tasks\/templates\/standup\.md:1: the template ran longer than 2 s \(the time limit\)$/);
  });
});

describe("what ordinary templates do still works", () => {
  it("captures, cycles, increments and filters in a loop over a long list", async () => {
    const people = Array.from({ length: 500 }, (_, i) => ({ name: `Person ${i}` }));
    const text = "{% for p in people %}{% capture line %}{{ p.name | upcase | replace: 'PERSON', 'P' }}{% endcapture %}{% cycle 'a', 'b' %}{% increment n %}{{ line | append: ';' }}{% endfor %}|{{ people | map: 'name' | join: ',' | size }}";
    const out = await renderTemplate({ name: "t.md", text }, { people });
    expect(out.startsWith("a0P 0;b1P 1;a2P 2;")).toBe(true);
    expect(out.endsWith("|5389")).toBe(true);
  });

  it("a note of almost 1 MB renders", async () => {
    expect(await renderTemplate({ name: "t.md", text: `{% for i in (1..1000) %}${"x".repeat(1000)}{% endfor %}` }, {})).toHaveLength(1_000_000);
  });

  it("the template cannot change the data it is given (--json prints that same object)", async () => {
    const data = { kind: "standup", title: "x" };
    expect(await renderTemplate({ name: "t.md", text: "{% increment kind %}{% decrement title %}{{ kind }}" }, data)).toBe("0-11");
    expect(data).toEqual({ kind: "standup", title: "x" });
  });
});

describe("the budget", () => {
  it("counts a character as one and a list item as eight, nested lists as often as they are printed", () => {
    const inner = ["ab", "c"];
    expect(valueCost("abc")).toBe(3);
    expect(valueCost(42)).toBe(0);
    expect(valueCost(inner)).toBe(2 * 8 + 3);
    expect(valueCost([inner, inner])).toBe(2 * 8 + 2 * (2 * 8 + 3));
    let nested: unknown[] = [];
    for (let i = 0; i < 60; i++) nested = [...nested, nested];
    expect(valueCost(nested, 1000)).toBeGreaterThan(1000);
  });

  it("stops a printed list as it is joined, not after", () => {
    const budget = new MemoryBudget();
    expect(outputText(["a", ["b", "c"], null, 1], (v) => v, budget)).toBe("abc1");
    let nested: unknown[] = ["x"];
    for (let i = 0; i < 60; i++) nested = [nested, nested];
    const nearlySpent = new MemoryBudget();
    nearlySpent.charge(MEMORY_LIMIT - 1000);
    expect(() => outputText(nested, (v) => v, nearlySpent)).toThrow(/memory limit/);
  });

  it("an emitter charges every write; the note's own stops past its size", () => {
    const budget = new MemoryBudget();
    const emitter = new BudgetEmitter(budget, (v) => v, 10);
    for (let i = 0; i < 1000; i++) emitter.write(i === 0 ? "a" : "");
    emitter.write("bcdefghij");
    expect(emitter.buffer).toBe("abcdefghij");
    expect(budget.used).toBe(10);
    expect(() => emitter.write("k")).toThrow(/output limit/);
    budget.charge(MEMORY_LIMIT - budget.used);
    expect(() => new BudgetEmitter(budget, (v) => v).write("x")).toThrow(/memory limit/);
  });
});
