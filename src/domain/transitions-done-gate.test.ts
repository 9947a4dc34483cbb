import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config.js";
import type { Task } from "./task.js";
import { assertNotBypassingDone } from "./transitions.js";

function task(status: string, definitionOfDone: string[]): Task {
  return {
    id: "k7m2q", title: "Fix login timeout", status, owner: null, due: null, priority: null, labels: [], dependsOn: [], reviewer: null, goal: null, created: null,
    definitionOfDone, data: { id: "k7m2q", title: "Fix login timeout", status }, body: "", path: "tasks/k7m2q.md", lines: {},
  };
}

describe("the definition-of-done gate outside tasks done (tasks status, tasks set status=…)", () => {
  it.each([
    ["in-progress", ["Tested"], "done", true],
    ["todo", ["Tested"], "done", true],
    ["in-progress", [], "done", false],
    ["in-progress", ["Tested"], "dropped", false],
    ["in-progress", ["Tested"], "review", false],
    ["dropped", ["Tested"], "done", false],
  ])("%s with %j → %s refused: %s", (from, dod, to, refused) => {
    const check = (): void => assertNotBypassingDone(task(from, dod), DEFAULT_CONFIG, to);
    if (refused) expect(check).toThrow(/close it with tasks done/);
    else expect(check).not.toThrow();
  });
});
