import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/tasks.js";
import { fileNameProblems } from "./file-names.js";

const messages = (paths: string[], tasks = paths.map((path) => makeTask({ id: (path.split("/").pop() ?? "").slice(0, 5).toLowerCase() }, path))) =>
  fileNameProblems(paths, tasks).map((p) => `${p.path}: ${p.message}`);

describe("file names", () => {
  it("accepts the names the tool makes", () => {
    expect(messages(["tasks/2026-11/k7m2q-fix-login.md", "tasks/2026-11/p3x9t.md"])).toEqual([]);
  });

  it("flags a name that does not start with its task's id", () => {
    const task = makeTask({ id: "k7m2q" }, "tasks/2026-11/fix-login.md");
    const [problem] = fileNameProblems([task.path], [task]);
    expect(problem).toMatchObject({ kind: "file-name", line: 1, message: "the file name does not start with the task's id k7m2q" });
    expect(problem?.hint).toBe("rename it: git mv tasks/2026-11/fix-login.md tasks/2026-11/k7m2q-….md");
  });

  it.each([
    ["tasks/2026-11/k7m2q-caf\u00e9.md", "the path has characters outside printable ASCII"],
    ["tasks/2026-11/k7m2q-invoice\u202egpj.md", "the path has characters outside printable ASCII"],
    ["tasks/2026-11/k7m2q-a\nb.md", "the path has characters outside printable ASCII"],
    ["tasks/CON.md", '"CON.md" is a reserved name on Windows and cannot be checked out there'],
    ["tasks/lpt9.md", '"lpt9.md" is a reserved name on Windows and cannot be checked out there'],
    ["tasks/k7m2q-what?.md", '"k7m2q-what?.md" cannot be checked out on Windows (reserved character, or a trailing dot or space)'],
    ["tasks/k7m2q-x.md.", '"k7m2q-x.md." cannot be checked out on Windows (reserved character, or a trailing dot or space)'],
  ])("flags %j", (path, message) => {
    const problems = fileNameProblems([path], []).map((p) => p.message);
    expect(problems).toContain(message);
  });

  it("flags names that collide by letter case or Unicode normalisation, on both files", () => {
    expect(messages(["tasks/k7m2q-a.md", "tasks/K7M2Q-a.md"], [])).toEqual([
      "tasks/K7M2Q-a.md: differs only in letter case from tasks/k7m2q-a.md: one file hides the other on macOS and Windows",
      "tasks/k7m2q-a.md: differs only in letter case from tasks/K7M2Q-a.md: one file hides the other on macOS and Windows",
    ]);
    const nfc = "tasks/k7m2q-caf\u00e9.md";
    const nfd = "tasks/k7m2q-cafe\u0301.md";
    const collisions = fileNameProblems([nfc, nfd], []).filter((p) => p.message.includes("normalisation"));
    expect(collisions.map((p) => p.path).sort()).toEqual([nfc, nfd].sort());
  });
});
