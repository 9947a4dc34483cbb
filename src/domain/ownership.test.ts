import { describe, expect, it } from "vitest";
import type { TaskEvent } from "./history.js";
import { heldSince } from "./ownership.js";

const base = { id: "k7m2q", path: "tasks/k.md", authorName: "A", authorEmail: "a@x", commit: "c", subject: "s", action: null };
const created = (at: string, owner: string | null): TaskEvent => ({ ...base, at, kind: "created", data: { id: "k7m2q", owner } });
const owner = (at: string, from: string | null, to: string | null): TaskEvent => ({ ...base, at, kind: "changed", field: "owner", from, to });

describe("heldSince", () => {
  it.each([
    ["created with the owner", [created("t1", "bob")], "bob", "t1"],
    ["claimed later", [created("t1", null), owner("t2", null, "bob")], "bob", "t2"],
    ["held, lost, taken again: the last time counts", [created("t1", "bob"), owner("t2", "bob", "carol"), owner("t3", "carol", "bob")], "bob", "t3"],
    ["someone else holds it now", [created("t1", "bob"), owner("t2", "bob", "carol")], "bob", undefined],
    ["another task's events are ignored", [{ ...created("t1", "bob"), id: "other" }], "bob", undefined],
  ])("%s", (_name, events, who, at) => {
    expect(heldSince(events, "k7m2q", who)?.at).toBe(at);
  });
});
