import { describe, expect, it } from "vitest";
import type { Problem } from "../../domain/task.js";
import { context } from "../../../test/helpers/tasks.js";
import { conflictMarkersRule } from "./conflict-markers.js";
import { invalidFileRule } from "./invalid-file.js";

const problems: Problem[] = [
  { path: "tasks/a.md", line: 3, kind: "yaml", message: "invalid YAML: bad indentation" },
  { path: "tasks/b.md", line: 4, kind: "schema", field: "labels", message: "labels must be a list, found text", hint: "write labels: [x]" },
  { path: "tasks/c.md", line: 1, kind: "frontmatter", message: 'unsupported frontmatter language "js"' },
  { path: "tasks/d.md", line: 1, kind: "size", message: "file is larger than 1 MiB" },
  { path: "tasks/e.md", line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read" },
  { path: "tasks/CON.md", line: 1, kind: "file-name", message: '"CON.md" is a reserved name on Windows' },
  { path: "tasks/f.md", line: 7, kind: "conflict-markers", message: "file holds git conflict markers" },
];

describe("invalid-file and conflict-markers", () => {
  it("reports every unusable file but the conflicted one, with its line, field and hint", () => {
    const findings = invalidFileRule.check(context({ problems }), { severity: "error", days: 0 });
    expect(findings.map((f) => f.path)).toEqual(["tasks/a.md", "tasks/b.md", "tasks/c.md", "tasks/d.md", "tasks/e.md", "tasks/CON.md"]);
    expect(findings[1]).toMatchObject({ rule: "invalid-file", line: 4, id: null, title: null, message: "labels must be a list, found text (field labels)", hint: "write labels: [x]" });
  });

  it("reports conflict markers under their own rule, at the marker's line", () => {
    const findings = conflictMarkersRule.check(context({ problems }), { severity: "error", days: 0 });
    expect(findings).toEqual([expect.objectContaining({ rule: "conflict-markers", path: "tasks/f.md", line: 7 })]);
  });

  it("is silent when every file reads", () => {
    expect(invalidFileRule.check(context({}), { severity: "error", days: 0 })).toEqual([]);
    expect(conflictMarkersRule.check(context({}), { severity: "error", days: 0 })).toEqual([]);
  });
});
