import { describe, expect, it } from "vitest";
import { context, makeTask } from "../../../test/helpers/tasks.js";
import { dependencyCycleRule, stronglyConnected } from "./dependency-cycle.js";

const run = (deps: Record<string, string[]>) =>
  dependencyCycleRule.check(context({ tasks: Object.entries(deps).map(([id, on]) => makeTask({ id, "depends-on": on })) }), { severity: "error", days: 0 });

describe("dependency-cycle", () => {
  it("tells each task in a loop the whole loop, starting from itself", () => {
    const findings = run({ aaaaa: ["bbbbb"], bbbbb: ["ccccc"], ccccc: ["aaaaa"], ddddd: ["aaaaa"] });
    expect(findings.map((f) => [f.id, f.message])).toEqual([
      ["aaaaa", "dependencies form a cycle: aaaaa → bbbbb → ccccc → aaaaa"],
      ["bbbbb", "dependencies form a cycle: bbbbb → ccccc → aaaaa → bbbbb"],
      ["ccccc", "dependencies form a cycle: ccccc → aaaaa → bbbbb → ccccc"],
    ]);
    expect(findings[0]?.line).toBe(5);
  });

  it("flags a task that depends on itself", () => {
    expect(run({ aaaaa: ["aaaaa"] }).map((f) => f.message)).toEqual(["depends on itself"]);
  });

  it("is silent on a chain, a diamond and dependencies on missing ids", () => {
    expect(run({ aaaaa: ["bbbbb", "ccccc"], bbbbb: ["ddddd"], ccccc: ["ddddd"], ddddd: ["zzzzz"] })).toEqual([]);
  });

  it("handles a 20,000-long chain without overflowing the stack", () => {
    const graph = new Map<string, string[]>();
    for (let i = 0; i < 20_000; i++) graph.set(`t${i}`, i + 1 < 20_000 ? [`t${i + 1}`] : ["t0"]);
    const components = stronglyConnected(graph);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(20_000);
  });
});
