import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config.js";
import { parseAssignments } from "./field-input.js";
import type { Task } from "./task.js";

const task: Task = {
  id: "k7m2q",
  title: "Fix login timeout",
  status: "todo",
  owner: null,
  due: null,
  priority: null,
  labels: ["auth", "ui"],
  dependsOn: [],
  reviewer: null,
  goal: null,
  created: null,
  definitionOfDone: ["Test on a slow network"],
  data: { id: "k7m2q", title: "Fix login timeout", status: "todo", labels: ["auth", "ui"], "definition-of-done": ["Test on a slow network"] },
  body: "",
  path: "tasks/2026-11/k7m2q-fix-login-timeout.md",
  lines: {},
};
const context = { config: DEFAULT_CONFIG, now: new Date("2026-11-20T09:00:00Z"), zone: "UTC", idExists: (id: string) => id === "p3x9t" };

describe("parseAssignments: key=value, key=, list+=item, list-=item", () => {
  it.each([
    ["depends-on=p3x9t", { key: "depends-on", value: ["p3x9t"] }],
    ["depends-on+=p3x9t", { key: "depends-on", value: ["p3x9t"] }],
    ["definition-of-done+=Runbook updated", { key: "definition-of-done", value: ["Test on a slow network", "Runbook updated"] }],
    ["definition-of-done-=Test on a slow network", { key: "definition-of-done", value: [] }],
    ["labels-=ui", { key: "labels", value: ["auth"] }],
    ["labels+=db", { key: "labels", value: ["auth", "ui", "db"] }],
    ["title=a=b", { key: "title", value: "a=b" }],
    ["due=", { key: "due", value: undefined }],
    ["x-ticket=JIRA-12", { key: "x-ticket", value: "JIRA-12" }],
  ])("%s", (assignment, edit) => {
    expect(parseAssignments(task, [assignment], context)).toEqual([edit]);
  });

  it("refuses text without an operator", () => {
    expect(() => parseAssignments(task, ["depends-on"], context)).toThrow(/is not key=value/);
  });
});
