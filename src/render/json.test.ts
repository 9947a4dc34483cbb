import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/fixtures.js";
import { envelope, renderJson, SCHEMA_VERSION, toTaskJson } from "./json.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";

// Everything but the newlines of the pretty-printing: controls, format characters (tags included), fillers, separators.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\p{Cf}\u007f-\u009f\u034f\u115f\u1160\u3164\uffa0\u2028\u2029\u{e0000}-\u{e007f}]/u;

describe("renderJson", () => {
  it.each([
    ["DEL", "a\u007fb", "a\\u007fb"],
    ["a C1 control", "a\u009bb", "a\\u009bb"],
    ["NEL", "a\u0085b", "a\\u0085b"],
    ["a bidi override", "invoice\u202egpj.exe", "invoice\\u202egpj.exe"],
    ["a bidi isolate", "a\u2066b", "a\\u2066b"],
    ["zero-width space", "ad\u200bmin", "ad\\u200bmin"],
    ["line separator", "a\u2028b", "a\\u2028b"],
    ["BOM", "\ufeffx", "\\ufeffx"],
    ["a tag character", "Fix\u{e0041}", "Fix\\udb40\\udc41"],
    ["a word joiner", "bob\u2060", "bob\\u2060"],
    ["a soft hyphen", "ad\u00admin", "ad\\u00admin"],
    ["a Hangul filler", "\u3164", "\\u3164"],
    ["ESC (JSON.stringify's own escape)", "\u001b[2J", "\\u001b[2J"],
    ["a backslash before an escaped character", "\\\u202e", "\\\\\\u202e"],
  ])("escapes %s and stays valid JSON", (_name, value, escaped) => {
    const text = renderJson({ [value]: value });
    expect(text).toBe(`{\n  "${escaped}": "${escaped}"\n}\n`);
    expect(JSON.parse(text)).toEqual({ [value]: value });
  });

  it("never emits an unsafe character and always parses back to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: fc.constantFrom("a", "\u{e0041}", "\u2060", "\u00ad", "\ufe0f", "\n"), maxLength: 10 })), (value, text) => {
        const input = { value, text, list: [text] };
        const out = renderJson(input);
        expect(out).not.toMatch(UNSAFE);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(input)));
      }),
      runs(200),
    );
  }, PROPERTY_TIMEOUT);

  it("escapes lone surrogates", () => {
    expect(renderJson("a\ud800b")).toBe('"a\\ud800b"\n');
  });
});

describe("toTaskJson and envelope", () => {
  const task = makeTask("k7m2q", {
    title: "Fix login",
    data: { "x-custom": [1, 2], title: "Fix login", id: "k7m2q", status: "todo", path: "forged", category: "forged" },
    path: "tasks/2026-11/k7m2q-fix-login.md",
  });

  it("carries every field under its own name, absent ones as null or [], plus path and category", () => {
    expect(toTaskJson(task, "open")).toEqual({
      id: "k7m2q",
      title: "Fix login",
      status: "todo",
      owner: null,
      due: null,
      priority: null,
      labels: [],
      "depends-on": [],
      reviewer: null,
      goal: null,
      created: null,
      "definition-of-done": [],
      "x-custom": [1, 2],
      path: "tasks/2026-11/k7m2q-fix-login.md",
      category: "open",
    });
  });

  it("gives the known fields their validated values: an empty `labels:` (YAML null) is still a list", () => {
    const written = makeTask("k7m2q", { data: { id: "k7m2q", title: "Task k7m2q", status: "todo", labels: null, "depends-on": null, "definition-of-done": null, owner: null } });
    expect(toTaskJson(written, "open")).toMatchObject({ labels: [], "depends-on": [], "definition-of-done": [], owner: null });
  });

  it("puts the known fields first, in canonical order", () => {
    expect(Object.keys(toTaskJson(task, null)).slice(0, 3)).toEqual(["id", "title", "status"]);
  });

  it("wraps results in a versioned envelope", () => {
    expect(envelope("task-list", { count: 0, tasks: [], problems: [] })).toEqual({ schemaVersion: SCHEMA_VERSION, kind: "task-list", count: 0, tasks: [], problems: [] });
    expect(SCHEMA_VERSION).toBe(1);
  });
});
