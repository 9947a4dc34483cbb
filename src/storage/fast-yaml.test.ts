import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFastYaml } from "./fast-yaml.js";
import { parseStrictYaml } from "./yaml-strict.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

/**
 * The fast reader is only allowed to be faster, never different: whenever it returns a value, the
 * strict Document parser must return the same data and line map; whenever the strict parser
 * refuses the text, the fast reader must decline (return undefined) too.
 */

function expectAgreement(text: string): ReturnType<typeof parseFastYaml> {
  const fast = parseFastYaml(text);
  const strict = parseStrictYaml(text);
  if (!strict.ok) {
    expect(fast, `strict refused (${strict.problem.message}) but fast accepted`).toBeUndefined();
  } else if (fast) {
    expect(fast.data).toStrictEqual(strict.data);
    expect(fast.lines).toStrictEqual({ ...strict.lines });
  }
  return fast;
}

// Shapes real task files have: the fast reader must take them (that is the point of it).
const TAKEN: readonly (readonly [string, string])[] = [
  ["empty block", ""],
  ["only comments", "# a comment\n\n  # indented comment\n"],
  ["product example", "id: k7m2q\ntitle: Fix login timeout on slow networks\nstatus: in-progress\nowner: alice\ndue: 2026-12-01\npriority: high\nlabels: [auth, backend]\ndepends-on: [p3x9t]\nreviewer: bob\ngoal: q4-reliability\ncreated: 2026-11-20T09:12:00+01:00\ndefinition-of-done:\n  - Timeout raised to 30 s behind a flag\n  - Integration test on a throttled network\n  - Runbook updated\n"],
  ["CRLF", "id: a\r\ntitle: b\r\nlabels: [x, y]\r\ndod:\r\n  - one\r\n"],
  ["no final newline", "id: a\ntitle: b"],
  ["integers", "a: 1\nb: +2\nc: 0123\nd: 00\ne: 9007199254740991\n"],
  ["null spellings", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: # comment\n"],
  ["bool spellings", "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n"],
  ["YAML 1.1 words stay text", "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: tRUE\nh: nULL\n"],
  ["dates and times stay text", "due: 2026-12-01\ncreated: 2026-11-20T09:12:00+01:00\nt: 1:30\n"],
  ["number-like text", "a: 0X1F\nb: 0b101\nc: 1_000\nd: +\ne: 1:2:3\n"],
  ["text that starts like a number", "id: 2e6s2\nb: 1e\nc: 3e5x\nd: 0x\ne: 0o9\nf: 1.2.3\ng: 1e5.5\nh: .5x\ni: 0x1g\nj: [7e2k, 1.0.1]\n"],
  ["single quotes and '' escapes", "a: 'it''s'\nb: ''\nc: ''''\nd: 'a # not a comment'\ne: 'x' # comment\n"],
  ["double quotes without escapes", 'a: "hello world"\nb: ""\nc: "it\'s # here"\nd: "yes"\n'],
  ["comments after values", "a: b # c\nb: x#y\nc: [p, q] # r\n"],
  ["colons inside plain text", "url: http://example.com/a\nratio: a:b\n"],
  ["brackets inside plain text", "a: x]\nb: y}z\nc: a, b, c\n"],
  ["flow list spacing", "a: []\nb: [ ]\nc: [x,y]\nd: [ x , y ]\ne: ['a, b', \"c\"]\nf: [1, true, null, ~, text]\n"],
  ["block list, indented dashes", "a:\n  - x\n  - 'y'\n  -\n  - 3\n"],
  ["block list, zero-indented dashes", "a:\n- x\n- y\nb: z\n"],
  ["block list after comment lines", "a: # why\n  # note\n  - x\n\n  - y\n"],
  ["keys that look odd but are text", "y: 1\nn: 2\nnan: 3\ninf: 4\n_x: 5\na.b-c: 6\nhasOwnProperty: 7\ntoString: 8\n"],
  ["unknown keys kept", "id: a\nx-custom: [1, 2]\nnotes: something\n"],
  ["non-breaking space is text", "a: x\u00a0\n"],
  ["non-ASCII text", "title: Café ☕ über 🚀\n"],
];

// Every tricky case: agreement is required, taking them is optional.
const TRICKY: readonly (readonly [string, string])[] = [
  ["float", "a: 1.5\n"],
  ["float no leading digit", "a: .5\n"],
  ["float trailing dot", "a: 5.\n"],
  ["exponent", "a: 1e5\nb: 1E-3\n"],
  ["exponent-looking text", "a: 1e\nb: e5\n"],
  ["infinity and nan", "a: .inf\nb: -.Inf\nc: .NaN\nd: +.inf\n"],
  ["octal", "a: 0o17\n"],
  ["hex", "a: 0x1F\n"],
  ["huge integer", "a: 9007199254740993\n"],
  ["negative numbers", "a: -1\nb: [-2]\n"],
  ["negative zero", "a: -0\n"],
  ["dash text", "a: -b\nb: [-c]\n"],
  ["empty item", "a:\n-\n"],
  ["item comment", "a:\n- # nothing\n"],
  ["double-quote escapes", 'a: "tab\\tnew\\nline"\nb: "\\u00e9"\n'],
  ["double quote adjacent quotes", 'a: "a""b"\n'],
  ["unterminated quote", "a: 'open\n"],
  ["quote continued on next line", "a: 'open\n  close'\n"],
  ["text after closing quote", "a: 'x' y\n"],
  ["comment glued to quote", "a: 'x'#c\n"],
  ["comment glued to flow", "a: [x]#c\n"],
  ["multi-line plain", "a: one\n  two\n"],
  ["multi-line plain after blank", "a: one\n\n  two\n"],
  ["multi-line plain item", "a:\n- one\n  two\n"],
  ["key then indented scalar", "a:\n  text\n"],
  ["nested map", "a:\n  b: 1\n  c: 2\n"],
  ["nested map in list", "a:\n- b: 1\n"],
  ["flow map", "a: {b: 1}\n"],
  ["flow map in list", "a: [b: 1]\n"],
  ["nested flow list", "a: [x, [y]]\n"],
  ["flow list over lines", "a: [x,\n  y]\n"],
  ["flow list trailing comma", "a: [x, ]\nb: [x,]\n"],
  ["flow list leading comma", "a: [, x]\n"],
  ["flow list comment inside", "a: [x # c\n]\n"],
  ["flow list unclosed", "a: [x, y\n"],
  ["flow list extra bracket", "a: [x]]\n"],
  ["flow plain with colon", "a: [x:y, http://e.com]\n"],
  ["flow plain with hash", "a: [x#y]\n"],
  ["flow plain with quote inside", "a: [it's]\n"],
  ["quoted item then junk", "a: ['x'y]\n"],
  ["anchors and aliases", "a: &x 1\nb: *x\n"],
  ["anchor on key", "&k a: 1\n"],
  ["tags", "a: !!str 1\nb: !custom x\n"],
  ["block scalar literal", "a: |\n  line one\n  line two\n"],
  ["block scalar folded", "a: >-\n  folded\n"],
  ["duplicate key", "a: 1\nb: 2\na: 3\n"],
  ["__proto__", "__proto__: x\n"],
  ["__proto__ nested", "a:\n  __proto__:\n    polluted: 1\n"],
  ["constructor key", "constructor: x\n"],
  ["prototype key", "prototype: x\n"],
  ["tab indentation", "a: b\n\tc: d\n"],
  ["tab after value", "a: b\t\n"],
  ["tab in comment", "a: b #\tc\n"],
  ["lone CR", "a: b\rc: d\n"],
  ["CR at end", "a: b\r"],
  ["control char", "a: b\u0001c\n"],
  ["escape char", "a: \u001b[2J\n"],
  ["NEL", "a: b\u0085c\n"],
  ["line separator", "a: b\u2028c\n"],
  ["BOM inside", "\ufeffa: b\n"],
  ["true as key", "true: x\n"],
  ["True as key", "True: x\n"],
  ["null as key", "null: x\n"],
  ["number as key", "1: x\n"],
  ["quoted key", "'a': x\n"],
  ["double-quoted key", '"a": x\n'],
  ["key with space before colon", "a : x\n"],
  ["key without space after colon", "a:b\n"],
  ["complex key", "? a\n: b\n"],
  ["merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n"],
  ["plain text value ends with colon", "a: b:\n"],
  ["colon space in value", "a: b: c\n"],
  ["value starting with indicators", "a: %x\nb: @y\n"],
  ["value starting with backtick", "a: `x`\n"],
  ["value starting with ?", "a: ?x\n"],
  ["value starting with :", "a: :x\n"],
  ["value starting with |x", "a: |x\n"],
  ["directive", "%YAML 1.1\n---\na: yes\n"],
  ["document marker", "a: 1\n---\nb: 2\n"],
  ["document end marker", "a: 1\n...\n"],
  ["not a mapping: list", "- a\n- b\n"],
  ["not a mapping: scalar", "just text\n"],
  ["not a mapping: null", "~\n"],
  ["items without key", "a: 1\n- x\n"],
  ["items at different indents", "a:\n  - x\n - y\n"],
  ["item deeper than first", "a:\n- x\n  - y\n"],
  ["items after another key", "a:\n- x\nb: 1\n- y\n"],
  ["indented key", "  a: 1\n"],
  ["indented key after list", "a:\n  - x\n  b: 1\n"],
  ["dash without space", "a:\n-x\n"],
  ["empty flow item", "a: [x, , y]\n"],
  ["plain with space hash in flow", "a: [x #y]\n"],
  ["sequence inside item", "a:\n- - x\n"],
  ["flow list in item", "a:\n- [x]\n"],
  ["quote in item with comment", "a:\n- 'x' # c\n- \"y\"\n"],
  ["keys with digits and dots", "a1.b: x\n"],
  ["unicode key", "titel_ü: x\n"],
  ["very long line", `a: ${"x".repeat(5000)}\n`],
  ["over 64 KiB of flat keys", Array.from({ length: 3000 }, (_, i) => `k${i}: ${"v".repeat(20)}\n`).join("")],
  ["over 64 KiB in multi-byte characters", `a: ${"é".repeat(33 * 1024)}\n`],
  ["just under 64 KiB", `a: ${"x".repeat(64 * 1024 - 4)}\n`],
];

describe("parseFastYaml agrees with the strict parser", () => {
  it.each(TAKEN)("takes %s", (_name, text) => {
    const fast = expectAgreement(text);
    expect(fast, "the fast reader should take this common shape").toBeDefined();
  });

  it.each(TRICKY)("agrees on %s", (_name, text) => {
    expectAgreement(text);
  });

  it("reads values and lines of the product example", () => {
    const fast = parseFastYaml("# c\nid: k7m2q\nlabels: [auth, backend]\ndod:\n  - a\n  - b\nn: 3\n");
    expect(fast).toEqual({
      data: { id: "k7m2q", labels: ["auth", "backend"], dod: ["a", "b"], n: 3 },
      lines: { id: 2, labels: 3, dod: 4, n: 7 },
    });
  });

  it.each([
    ["a float", "a: 1.5\n"],
    ["an anchor", "a: &x 1\n"],
    ["a tag", "a: !!str 1\n"],
    ["a block scalar", "a: |\n  x\n"],
    ["a nested map", "a:\n  b: 1\n"],
    ["an escape", 'a: "\\n"\n'],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a forbidden key", "__proto__: 1\n"],
  ])("declines %s", (_name, text) => {
    expect(parseFastYaml(text)).toBeUndefined();
  });
});

// A grammar of frontmatter close to what people and tools write, with the awkward corners in it.
const keyArb = fc.oneof(
  fc.constantFrom("id", "title", "status", "owner", "due", "labels", "depends-on", "x-note", "a.b", "_k", "y", "true", "null", "1", "__proto__", "a b", "'q'"),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/),
);
const plainArb = fc.oneof(
  fc.constantFrom(
    "alice", "Fix login", "yes", "no", "on", "~", "null", "Null", "true", "FALSE", "123", "+7", "-3", "0o17", "0x1f", "1.5", ".5", "1e3",
    ".inf", ".NaN", "2e6s2", "1e5x", "1.2.3", "0o8", "0x1g", "-.5", "+1.", "2026-12-01", "2026-11-20T09:12:00+01:00", "1:30", "a:b", "a: b", "a:", "#x", "x #y", "x#y", "-", "- x", "-x",
    "[x]", "{x}", "x]", "x, y", "&a", "*a", "!t", "|", ">", "%x", "@x", "`x`", "?x", ":x", "a  b", "Café", "9007199254740993", "00", "",
  ),
  fc.stringMatching(/^[a-z][a-z0-9 ]{0,8}$/),
);
const quotedArb = fc.oneof(
  plainArb.map((s) => `'${s.replace(/'/g, "''")}'`),
  plainArb.filter((s) => !s.includes('"')).map((s) => `"${s}"`),
  fc.constantFrom("'it''s'", '"a\\tb"', "'unterminated", '"a"b"', "''''"),
);
const scalarArb = fc.oneof({ weight: 3, arbitrary: plainArb }, { weight: 2, arbitrary: quotedArb });
const commentArb = fc.oneof({ weight: 3, arbitrary: fc.constant("") }, fc.constantFrom(" # note", " #", "# glued", "  # two spaces"));
const flowArb = fc
  .tuple(fc.array(scalarArb, { maxLength: 4 }), fc.constantFrom(", ", ",", " , "), fc.boolean(), fc.constantFrom("[", "[ "), fc.constantFrom("]", " ]"))
  .map(([items, sep, trailing, open, close]) => `${open}${items.join(sep)}${trailing && items.length > 0 ? "," : ""}${close}`);
const indentArb = fc.constantFrom("", "  ", "    ", " ");
const lineBlockArb = fc.oneof(
  // key: scalar
  fc.tuple(keyArb, fc.constantFrom(": ", ":  ", ":", " : "), scalarArb, commentArb).map(([k, sep, v, c]) => [`${k}${sep}${v}${c}`]),
  // key: [flow]
  fc.tuple(keyArb, flowArb, commentArb).map(([k, v, c]) => [`${k}: ${v}${c}`]),
  // key:\n  - item
  fc
    .tuple(keyArb, commentArb, indentArb, fc.array(fc.tuple(scalarArb, commentArb, fc.boolean()), { maxLength: 4 }))
    .map(([k, c, indent, items]) => [`${k}:${c}`, ...items.map(([v, ic, empty]) => (empty ? `${indent}-` : `${indent}- ${v}${ic}`))]),
  fc.tuple(keyArb, flowArb).map(([k, v]) => [`${k}:`, `- ${v}`, `-  ${v}`]),
  // comment and blank lines
  fc.constantFrom(["# comment"], [""], ["   "], ["  # indented comment"]),
  // rarer things: nested maps, block scalars, anchors, continuation lines
  fc.tuple(keyArb, scalarArb).map(([k, v]) => [`${k}:`, `  sub: ${v}`]),
  fc.tuple(keyArb, scalarArb).map(([k, v]) => [`${k}: |`, `  ${v}`]),
  fc.tuple(keyArb, scalarArb).map(([k, v]) => [`${k}: ${v}`, `  ${v}`]),
  fc.tuple(keyArb, scalarArb).map(([k, v]) => [`${k}: &a ${v}`, `b: *a`]),
);
const frontmatterArb = fc
  .tuple(fc.array(lineBlockArb, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([blocks, eol, finalEol]) => {
    const lines = blocks.flat();
    return lines.join(eol) + (finalEol && lines.length > 0 ? eol : "");
  });

describe("parseFastYaml agrees with the strict parser on generated frontmatter", () => {
  it("never disagrees", () => {
    fc.assert(
      fc.property(frontmatterArb, (text) => {
        expectAgreement(text);
      }),
      runs(1500),
    );
  }, PROPERTY_TIMEOUT);

  it("takes most generated well-formed flat frontmatter", () => {
    // Guard against the fast path silently declining everything (it would still "agree").
    const simple = fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), fc.stringMatching(/^[a-z][a-z ]{0,8}[a-z]$/)), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(simple, (pairs) => {
        const unique = [...new Map(pairs).entries()].filter(([k]) => !["null", "true", "false"].includes(k));
        const text = unique.map(([k, v]) => `${k}: ${v}\n`).join("");
        const fast = expectAgreement(text);
        const strict = parseStrictYaml(text);
        if (strict.ok) expect(fast).toBeDefined();
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);
});
