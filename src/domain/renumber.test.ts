import { describe, expect, it } from "vitest";
import type { TaskEvent } from "./history.js";
import { type Holder, meantHolder, orderHolders, referenceCommit, renamedFileName, replaceDependency } from "./renumber.js";

describe("renumber decisions", () => {
  it.each<[string, Holder[], string[]]>([
    ["the earlier created keeps the id", [{ path: "b.md", created: "2026-11-20T10:00:00+01:00", addedAt: null }, { path: "a.md", created: "2026-11-20T10:30:00+01:00", addedAt: null }], ["b.md", "a.md"]],
    ["offsets are compared as instants", [{ path: "a.md", created: "2026-11-20T10:00:00+01:00", addedAt: null }, { path: "b.md", created: "2026-11-20T09:30:00Z", addedAt: null }], ["a.md", "b.md"]],
    ["no created field counts as later", [{ path: "a.md", created: null, addedAt: "2026-11-01T00:00:00Z" }, { path: "b.md", created: "2026-11-20T10:00:00Z", addedAt: null }], ["b.md", "a.md"]],
    ["same created: the file committed first", [{ path: "a.md", created: "2026-11-20T10:00:00Z", addedAt: "2026-11-21T00:00:00Z" }, { path: "b.md", created: "2026-11-20T10:00:00Z", addedAt: "2026-11-20T12:00:00Z" }], ["b.md", "a.md"]],
    ["all equal: by path", [{ path: "b.md", created: null, addedAt: null }, { path: "a.md", created: null, addedAt: null }], ["a.md", "b.md"]],
  ])("%s", (_name, holders, order) => {
    expect(orderHolders(holders).map((h) => h.path)).toEqual(order);
  });

  it.each([
    ["k7m2q-fix-login.md", "p3x9t-fix-login.md"],
    ["k7m2q.md", "p3x9t.md"],
    ["notes-on-k7m2q.md", "notes-on-k7m2q.md"],
  ])("renames %s to %s", (name, expected) => {
    expect(renamedFileName(name, "k7m2q", "p3x9t")).toBe(expected);
  });

  it("replaces a dependency in place, never duplicating it", () => {
    expect(replaceDependency(["a", "k7m2q", "b"], "k7m2q", "p3x9t")).toEqual(["a", "p3x9t", "b"]);
    expect(replaceDependency(["p3x9t", "k7m2q"], "k7m2q", "p3x9t")).toEqual(["p3x9t"]);
  });

  it("finds the commit that gave a task its dependency, and tells which file it meant", () => {
    const base = { id: "t1", path: "t.md", authorName: "A", authorEmail: "a@x", subject: "s", action: null, at: "t" };
    const events: TaskEvent[] = [
      { ...base, commit: "c1", kind: "created", data: { id: "t1", "depends-on": [] } },
      { ...base, commit: "c2", kind: "changed", field: "depends-on", from: [], to: ["k7m2q"] },
      { ...base, commit: "c3", kind: "changed", field: "depends-on", from: ["k7m2q"], to: ["k7m2q", "zz"] },
    ];
    expect(referenceCommit(events, "t1", "k7m2q")).toBe("c2");
    expect(referenceCommit(events, "t1", "other")).toBeUndefined();
    const never = (): boolean => false;
    expect(meantHolder(["a.md"], never)).toBe("a.md");
    expect(meantHolder(["a.md", "b.md"], never)).toBeUndefined();
    expect(meantHolder(["a.md", "b.md"], (a, b) => a === "a.md" && b === "b.md")).toBe("b.md");
    expect(meantHolder([], never)).toBeUndefined();
  });
});
