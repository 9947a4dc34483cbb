import { describe, expect, it } from "vitest";
import type { Finding } from "../checks/finding.js";
import type { CheckReport } from "../checks/report.js";
import { renderFindingsText, toCheckJson } from "./findings-text.js";
import { plainStyle } from "./style.js";

const base: Finding = { rule: "ownerless", severity: "error", path: "tasks/b.md", line: 3, id: "bbbbb", title: "B \x1b]0;PWNED\x07", message: "no owner", hint: "assign it" };

const report = (findings: Finding[], strict = false): CheckReport => ({ findings, tasksChecked: 2, filesUnreadable: 1, rules: [], strict, changedSince: null });

describe("check text", () => {
  it("groups by file under the task's id and title, one path:line: severity rule: message each, sanitized", () => {
    const findings: Finding[] = [
      { rule: "shallow-clone", severity: "warning", path: null, line: null, id: null, title: null, message: "shallow", hint: null },
      base,
      { ...base, rule: "stale", severity: "warning", line: 5, message: "old\nline", hint: null },
      { rule: "invalid-file", severity: "error", path: "tasks/c.md", line: 2, id: null, title: null, message: "invalid YAML", hint: null },
    ];
    expect(renderFindingsText(report(findings), plainStyle)).toBe(
      [
        "repository",
        "  warning shallow-clone: shallow",
        "",
        'bbbbb "B \\x1b]0;PWNED\\x07"',
        "  tasks/b.md:3: error ownerless: no owner",
        "    hint: assign it",
        "  tasks/b.md:5: warning stale: old\\nline",
        "",
        "tasks/c.md (not read as a task)",
        "  tasks/c.md:2: error invalid-file: invalid YAML",
        "",
        "2 errors, 2 warnings in 2 files; 2 tasks checked",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to report, and when --strict makes warnings fail", () => {
    expect(renderFindingsText(report([]), plainStyle)).toBe("no findings; 2 tasks checked\n");
    expect(renderFindingsText(report([{ ...base, severity: "warning" }], true), plainStyle)).toContain("0 errors, 1 warning in 1 file (--strict: warnings fail); 2 tasks checked");
  });

  it("puts every finding in the JSON envelope with counts", () => {
    const json = toCheckJson(report([base]), true);
    expect(json).toMatchObject({ schemaVersion: 1, kind: "check", ok: false, counts: { errors: 1, warnings: 0, files: 1, tasks: 2, unreadable: 1 } });
    expect(json.findings).toEqual([{ rule: "ownerless", severity: "error", path: "tasks/b.md", line: 3, id: "bbbbb", title: "B \x1b]0;PWNED\x07", message: "no owner", hint: "assign it" }]);
  });
});
