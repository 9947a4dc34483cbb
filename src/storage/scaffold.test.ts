import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { githubWorkflow } from "./scaffold.js";

describe("the GitHub workflow tasks init --ci github writes", () => {
  it("is valid YAML with a read-only token, the full history and the check", () => {
    interface Workflow {
      on: Record<string, unknown>;
      permissions: unknown;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: unknown }[] }>;
    }
    const workflow = parse(githubWorkflow()) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(["pull_request", "push"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    const steps = workflow.jobs["tasks-check"]?.steps ?? [];
    expect(steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0, "persist-credentials": false } });
    expect(steps.at(-1)?.run).toContain("npx --yes git-tasks check");
    expect(githubWorkflow()).not.toContain("pull_request_target");
  });

  it("is the one docs/ci.md shows, and every YAML block there parses", () => {
    const doc = readFileSync(new URL("../../docs/ci.md", import.meta.url), "utf8");
    expect(doc).toContain(githubWorkflow());
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(() => parse(block)).not.toThrow();
  });
});
