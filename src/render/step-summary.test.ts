import { describe, expect, it } from "vitest";
import type { Finding } from "../checks/finding.js";
import type { CheckReport } from "../checks/report.js";
import { escapeMarkdown, renderStepSummary } from "./step-summary.js";

const hostile: Finding = {
  rule: "ownerless",
  severity: "error",
  path: "tasks/a|b.md",
  line: 3,
  id: "k7m2q",
  title: '<img src=x onerror=alert(1)> | **bold** [link](https://evil.example) `code`\n# heading',
  message: "open task has no owner",
  hint: null,
};

const report = (findings: Finding[]): CheckReport => ({ findings, tasksChecked: 3, filesUnreadable: 0, rules: [], strict: false, changedSince: null });

describe("the job summary", () => {
  it("shows task text literally: no tag, no link, no emphasis, no extra table cell", () => {
    const markdown = renderStepSummary(report([hostile]), true);
    const row = markdown.split("\n").find((line) => line.startsWith("| error"));
    expect(row).toBeDefined();
    expect(row).not.toMatch(/(?<!\\)[<>[\]`*]/);
    // Five cells: every | inside a cell is escaped.
    expect((row ?? "").split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(row).toContain("\\<img src\\=x onerror\\=alert\\(1\\)\\>");
    expect(row).toContain("\\\\n\\# heading"); // the newline was shown as \\n by the sanitizer, then escaped
  });

  it("says whether the check passed, with counts", () => {
    expect(renderStepSummary(report([]), false)).toContain("**passed**: no findings; 3 tasks checked");
    expect(renderStepSummary(report([{ ...hostile, severity: "warning" }]), false)).toContain("**passed with warnings**");
    expect(renderStepSummary(report([hostile]), true)).toContain("**failed**: 1 error, 0 warnings in 1 file; 3 tasks checked");
  });

  it("escapes every ASCII punctuation character and nothing else", () => {
    expect(escapeMarkdown("a_b*c!")).toBe("a\\_b\\*c\\!");
    expect(escapeMarkdown("plain words 42")).toBe("plain words 42");
  });
});
