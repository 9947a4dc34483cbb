import { describe, expect, it } from "vitest";
import type { JsonValue } from "./task.js";
import { validateTask } from "./task-schema.js";

const SHA = "3f2a9c1d".repeat(5);
const source = (links: JsonValue) => ({ path: "tasks/2026-11/k7m2q-x.md", data: { id: "k7m2q", title: "X", status: "todo", links }, lines: { id: 2, links: 6 }, body: "" });

describe("links: in task files", () => {
  it.each([[[SHA, "https://github.com/acme/app/pull/12", "http://wiki.example/design"]], [null], [[]]] as const)("accepts %j", (links) => {
    expect(validateTask(source(links as JsonValue))).toMatchObject({ id: "k7m2q" });
  });

  it.each([
    [["javascript:alert(1)"], 'links item 1 "javascript:alert(1)" is neither a full commit id nor an http(s) address'],
    [[SHA, "3f2a9c1"], 'links item 2 "3f2a9c1" is neither a full commit id nor an http(s) address'],
    [["https://x.example/a b"], 'links item 1 "https://x.example/a b" is neither a full commit id nor an http(s) address'],
    [["../../etc/passwd"], 'links item 1 "../../etc/passwd" is neither a full commit id nor an http(s) address'],
    ["https://x.example", "links must be a list, found text"],
    [[12], "links item 1 must be text, found a number"],
  ] as const)("refuses %j with one line naming the file, line and field", (links, message) => {
    expect(validateTask(source(links as JsonValue))).toMatchObject({ path: "tasks/2026-11/k7m2q-x.md", line: 6, field: "links", kind: "schema", message, hint: expect.any(String) });
  });
});
