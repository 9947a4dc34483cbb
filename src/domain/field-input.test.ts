import { describe, expect, it } from "vitest";
import { makeTask, thrownTasksError } from "../../test/helpers/fixtures.js";
import { DEFAULT_CONFIG } from "./config.js";
import { cleanText, type InputContext, parseAssignments, parseFieldValue, splitList, validatePriority } from "./field-input.js";
import type { JsonValue, Task } from "./task.js";

const context: InputContext = {
  config: DEFAULT_CONFIG,
  now: new Date("2026-11-20T09:00:00Z"),
  zone: "UTC",
  idExists: (id) => ["p3x9t", "b2c3d"].includes(id),
};

function task(data: Record<string, JsonValue>): Task {
  return makeTask("k7m2q", { title: "T", data: { id: "k7m2q", title: "T", status: "todo", ...data } });
}

describe("parseFieldValue", () => {
  it.each<[string, string, JsonValue | undefined]>([
    ["title", "  Fix login  ", "Fix login"],
    ["status", "in-progress", "in-progress"],
    ["due", "friday", "2026-11-27"],
    ["due", "2026-12-01T17:00:00+01:00", "2026-12-01T17:00:00+01:00"],
    ["due", "", undefined],
    ["created", "2026-11-20T09:12:00+01:00", "2026-11-20T09:12:00+01:00"],
    ["priority", "HIGH", "high"],
    ["priority", "", undefined],
    ["owner", "bob", "bob"],
    ["owner", "", null],
    ["reviewer", " ", null],
    ["labels", "auth, backend,,", ["auth", "backend"]],
    ["labels", "", []],
    ["depends-on", "P3X9T, b2c3d", ["p3x9t", "b2c3d"]],
    ["definition-of-done", "Tests pass; Docs updated ;", ["Tests pass", "Docs updated"]],
    ["goal", "q4", "q4"],
    ["goal", "", undefined],
    ["x-custom", "anything: at all", "anything: at all"],
  ])("%s = %j", (key, raw, value) => {
    expect(parseFieldValue(key, raw, context)).toEqual(value);
  });

  it.each<[string, string, string, RegExp]>([
    ["id", "new", "INVALID_VALUE", /cannot be changed/],
    ["title", "", "INVALID_VALUE", /cannot be empty/],
    ["title", "a\nb", "INVALID_VALUE", /control characters/],
    ["title", "a\x1b[2Jb", "INVALID_VALUE", /control characters/],
    ["status", "doing", "INVALID_VALUE", /unknown status "doing"/],
    ["due", "someday", "INVALID_VALUE", /not a due date/],
    ["created", "yesterday", "INVALID_VALUE", /not an ISO date-time/],
    ["priority", "critical", "INVALID_VALUE", /unknown priority/],
    ["owner", "bob\tsmith", "INVALID_VALUE", /control characters/],
    ["depends-on", "../x", "INVALID_VALUE", /not a task id/],
    ["depends-on", "zzzzz", "INVALID_VALUE", /no task with id zzzzz/],
    ["labels", "a, b\u0007", "INVALID_VALUE", /control characters/],
  ])("refuses %s = %j", (key, raw, code, message) => {
    const error = thrownTasksError(() => parseFieldValue(key, raw, context));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("names the configured statuses and priorities in the hint", () => {
    expect(thrownTasksError(() => parseFieldValue("status", "x", context)).hint).toBe("configured statuses: todo, in-progress, review, blocked, done, dropped");
    expect(thrownTasksError(() => validatePriority(DEFAULT_CONFIG, "x")).hint).toBe("use one of: low, normal, high, urgent");
  });
});

describe("parseAssignments", () => {
  it.each<[string, Record<string, JsonValue>, string[], { key: string; value: JsonValue | undefined }[]]>([
    ["one field", {}, ["priority=high"], [{ key: "priority", value: "high" }]],
    ["several fields in order", {}, ["owner=bob", "due=tomorrow"], [{ key: "owner", value: "bob" }, { key: "due", value: "2026-11-21" }]],
    ["a value with = in it", {}, ["x-note=a=b"], [{ key: "x-note", value: "a=b" }]],
    ["a dashed field", {}, ["depends-on=p3x9t"], [{ key: "depends-on", value: ["p3x9t"] }]],
    ["a dashed unknown field", {}, ["x-custom=1"], [{ key: "x-custom", value: "1" }]],
    ["clearing", {}, ["owner=", "due="], [{ key: "owner", value: null }, { key: "due", value: undefined }]],
    ["adding to a list", { labels: ["auth"] }, ["labels+=ui, auth"], [{ key: "labels", value: ["auth", "ui"] }]],
    ["removing from a list", { labels: ["auth", "ui"] }, ["labels-=auth"], [{ key: "labels", value: ["ui"] }]],
    ["adding to a dashed list", { "depends-on": ["p3x9t"] }, ["depends-on+=b2c3d"], [{ key: "depends-on", value: ["p3x9t", "b2c3d"] }]],
    ["removing from a dashed list", { "depends-on": ["p3x9t", "b2c3d"] }, ["depends-on-=p3x9t"], [{ key: "depends-on", value: ["b2c3d"] }]],
    ["adding to a definition of done", {}, ["definition-of-done+=Docs"], [{ key: "definition-of-done", value: ["Docs"] }]],
    [
      "list edits building on each other",
      { labels: ["a"] },
      ["labels=b", "labels+=c", "labels-=b"],
      [
        { key: "labels", value: ["b"] },
        { key: "labels", value: ["b", "c"] },
        { key: "labels", value: ["c"] },
      ],
    ],
  ])("%s", (_name, data, assignments, edits) => {
    expect(parseAssignments(task(data), assignments, context)).toEqual(edits);
  });

  it.each<[string, string[], string, RegExp]>([
    ["nothing", [], "USAGE", /nothing to set/],
    ["no operator", ["owner"], "USAGE", /is not key=value/],
    ["an empty key", ["=x"], "USAGE", /is not key=value/],
    ["a capitalised key", ["Owner=bob"], "INVALID_VALUE", /is not a field name/],
    ["__proto__", ["__proto__=x"], "INVALID_VALUE", /is not a field name/],
    ["constructor", ["constructor=x"], "INVALID_VALUE", /is not a field name/],
    ["+= on a scalar", ["owner+=bob"], "INVALID_VALUE", /list fields only/],
    ["the id", ["id=x"], "INVALID_VALUE", /cannot be changed/],
  ])("refuses %s", (_name, assignments, code, message) => {
    const error = thrownTasksError(() => parseAssignments(task({}), assignments, context));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe("text helpers", () => {
  it("cleanText trims and refuses control characters and emptiness", () => {
    expect(cleanText("  a b  ", "title")).toBe("a b");
    expect(() => cleanText(" ", "title")).toThrow(/empty/);
    expect(() => cleanText("a\u0085", "title")).toThrow(/control/);
  });

  it.each([
    ["owner", "bob\u2060", "<U+2060>"],
    ["reviewer", "car\u200bol", "<U+200B>"],
    ["label", "bug\ufe0f", "<U+FE0F>"],
    ["labels", `x${String.fromCodePoint(0xe0041)}`, "<U+E0041>"],
  ])("cleanText refuses a %s holding invisible characters: it would name someone no tool matches", (field, value, shown) => {
    expect(() => cleanText(value, field)).toThrow(`${field} holds invisible characters (${shown})`);
  });

  it("cleanText leaves a title its emoji variation selector", () => {
    expect(cleanText("Ship it \u2764\ufe0f", "title")).toBe("Ship it \u2764\ufe0f");
  });

  it("splitList drops empty items", () => {
    expect(splitList(" a ,, b ,")).toEqual(["a", "b"]);
  });
});
