import { describe, expect, it } from "vitest";
import { makeTask, thrownTasksError } from "../../test/helpers/fixtures.js";
import { DEFAULT_CONFIG, type Config } from "./config.js";
import { brokenTwins, importIdentity, importLine, type ImportRecord, planImport } from "./import-plan.js";

const config: Config = {
  ...DEFAULT_CONFIG,
  team: [{ handle: "alice", name: "Alice", emails: ["alice@example.com"], timezone: "UTC", hours: { start: 540, end: 1020 }, days: [1, 2, 3, 4, 5] }],
};

const record = (sourceId: string, extra: Partial<ImportRecord> = {}): ImportRecord => ({
  where: `row ${sourceId}`,
  sourceId,
  title: `Title ${sourceId}`,
  status: "todo",
  people: [],
  labels: [],
  dod: [],
  dependsOn: [],
  aliases: [],
  body: "",
  ...extra,
});

const ids = (): (() => string) => {
  let n = 0;
  return () => `new${++n}a`;
};

describe("planImport", () => {
  it("creates what is new, with our ids for dependencies, and lists unknown people", () => {
    const plan = planImport("csv", [record("A", { people: ["nobody", "alice@example.com"] }), record("B", { dependsOn: ["A"] })], [], config, ids());
    expect(plan.creates.map((c) => c.id)).toEqual(["new1a", "new2a"]);
    expect(plan.creates[0]?.fields).toContainEqual(["owner", "alice"]);
    expect(plan.creates[1]?.fields).toContainEqual(["depends-on", ["new1a"]]);
    expect(plan.unknownPeople).toEqual(["nobody"]);
  });

  it("matches on source and source-id: updates only the changed fields, never duplicates", () => {
    const existing = makeTask("k7m2q", { data: { id: "k7m2q", title: "Title A", status: "todo", source: "csv", "source-id": "A", owner: "bob" } });
    const other = makeTask("p3x9t", { data: { id: "p3x9t", title: "Title B", status: "todo", source: "github", "source-id": "B" } });
    const plan = planImport("csv", [record("A", { status: "done", people: ["stranger"] }), record("B")], [existing, other], config, ids());
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]?.edits).toEqual([{ key: "status", value: "done" }]);
    expect(plan.creates.map((c) => c.record.sourceId)).toEqual(["B"]);
  });

  it("refuses a duplicate source id and a dependency it cannot place, naming the record and field", () => {
    expect(thrownTasksError(() => planImport("csv", [record("A"), record("A")], [], config, ids())).message).toBe("row A: A appears twice in the input (id); nothing was imported");
    expect(thrownTasksError(() => planImport("csv", [record("A", { dependsOn: ["Z"] })], [], config, ids())).message).toContain("(depends-on)");
  });
});

describe("imported text", () => {
  it.each([
    ["\u001b[31mred\u001b]0;title\u0007", "[31mred ]0;title"],
    ["two\nlines\r\n", "two lines"],
  ])("importLine(%j) is %j", (input, expected) => expect(importLine(input)).toBe(expected));

  it("identities lose invisible characters", () => expect(importIdentity("bob\u2060\u200b")).toBe("bob"));
});

describe("brokenTwins", () => {
  const broken = (text: string) => ({ problem: { path: "tasks/x.md", line: 2, kind: "yaml" as const, message: "invalid YAML" }, text });
  const creates = planImport("backlog", [record("TASK-1"), record("TASK-2")], [], config, ids()).creates;

  it("finds a record to be created whose source-id an unreadable file carries (quoted or not), with the line", () => {
    const twins = brokenTwins("backlog", creates, [broken("---\ntitle: [x\nsource: backlog\nsource-id: 'TASK-2'\n---\n")]);
    expect(twins.map((t) => [t.create.record.sourceId, t.sourceIdLine])).toEqual([["TASK-2", 4]]);
  });

  it("a missing source line still counts; another tracker's file or another id does not", () => {
    expect(brokenTwins("backlog", creates, [broken("<<<<<<< ours\nsource-id: TASK-1\r\n")])).toHaveLength(1);
    expect(brokenTwins("backlog", creates, [broken("source: github\nsource-id: TASK-1\n")])).toEqual([]);
    expect(brokenTwins("backlog", creates, [broken("source-id: TASK-10\n"), broken("title: source-id: TASK-1\n")])).toEqual([]);
  });
});
