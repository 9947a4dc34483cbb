import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { expectSafeRun, runHostile } from "../helpers/hostile.js";
import { type HostileRepo, hostileManifest, makeHostileRepo } from "../helpers/hostile-repo.js";

beforeAll(assertBuilt);

/**
 * Each file of the hostile corpus produces exactly the outcome its manifest entry names
 * (test/fixtures/hostile/manifest.json, written by scripts/make-hostile-fixtures.mjs): the problem
 * the reader reports, and the findings `tasks check` reports for that file, at the file's line.
 */

let hostile: HostileRepo;
beforeAll(() => {
  hostile = makeHostileRepo();
});
afterAll(() => hostile.remove());

interface ListJson {
  tasks: { id: string; path: string }[];
  problems: { path: string; line: number; kind: string; message: string }[];
}
interface CheckJson {
  findings: { rule: string; severity: string; path: string | null; line: number | null; message: string }[];
}

const { fixtures } = hostileManifest();

let list: ListJson;
let check: CheckJson;
beforeAll(async () => {
  const listed = await runHostile(["list", "--all", "--json"], { cwd: hostile.repo.dir, env: hostile.repo.env });
  expectSafeRun(listed, [0]);
  list = JSON.parse(listed.stdout) as ListJson;
  const checked = await runHostile(["check", "--format", "json"], { cwd: hostile.repo.dir, env: hostile.repo.env });
  expectSafeRun(checked, [3]);
  check = JSON.parse(checked.stdout) as CheckJson;
});

describe("the hostile corpus, file by file", () => {

  it.each(fixtures.map((f) => [`${f.rows.join(" ")} ${f.file}: ${f.about}`, f] as const))("%s", (_name, fixture) => {
    const { problem, task, findings } = fixture.expect;
    const problems = list.problems.filter((p) => p.path === fixture.file).map(({ kind, line, message }) => ({ kind, line, message }));
    if (problem) {
      expect(problems).toEqual([{ kind: problem.kind, line: problem.line, message: problem.message }]);
      expect(list.tasks.some((t) => t.path === fixture.file)).toBe(false);
    } else {
      expect(problems).toEqual([]);
      expect(list.tasks.filter((t) => t.path === fixture.file).map((t) => t.id)).toEqual([task]);
    }
    const found = check.findings.filter((f) => f.path === fixture.file);
    const key = (f: { rule: string; severity: string }): string => `${f.rule}:${f.severity}`;
    expect(found.map(key).sort()).toEqual(findings.map(key).sort());
    for (const wanted of findings.filter((f) => f.line !== undefined)) {
      expect(found.some((f) => key(f) === key(wanted) && f.line === wanted.line), `${key(wanted)} at line ${wanted.line}`).toBe(true);
    }
    if (problem) expect(found.some((f) => f.message.startsWith(problem.message))).toBe(true);
  });
});

describe("the hazards only a repository can hold (test/helpers/hostile-repo.ts)", () => {

  it.each([
    ["W2 a symlink to a file outside", "tasks/paths/w02aa-link.md", "invalid-file", "symbolic link in the tasks folder; it is not read"],
    ["W2 a symlink to /proc/self/environ", "tasks/paths/w02bb-environ.md", "invalid-file", "symbolic link in the tasks folder; it is not read"],
    ["W2 a symlinked folder", "tasks/linked", "invalid-file", "symbolic link in the tasks folder; it is not read"],
    ["W4 a name Windows reserves", "tasks/paths/w04aa-reserved/CON.md", "invalid-file", '"CON.md" is a reserved name on Windows and cannot be checked out there'],
    ["W4 a colon in the name", "tasks/paths/w04cc-a:b.md", "invalid-file", '"w04cc-a:b.md" cannot be checked out on Windows'],
    ["W5 names that differ only in case", "tasks/paths/W05AA-CASE.md", "invalid-file", "differs only in letter case from tasks/paths/w05aa-case.md"],
    ["W6 NFC and NFD spellings of one name", "tasks/paths/w06aa-caf\u00e9.md", "invalid-file", "is the same name after Unicode normalisation from tasks/paths/w06aa-cafe\u0301.md"],
    ["T6 a bidi override in a file name", "tasks/paths/t06cc-invoice\u202egpj.md", "invalid-file", "the path has characters outside printable ASCII"],
    ["T8 a newline in a file name", "tasks/paths/t08aa-a\nb.md", "invalid-file", "the path has characters outside printable ASCII"],
    ["S11 two files with one id", "tasks/dup/s11aa-second.md", "duplicate-id", "id s11aa is also used by tasks/dup/s11aa-first.md"],
    ["W9 a 100 MB file (never read whole: see the memory bound)", "tasks/paths/w09aa-huge.md", "invalid-file", "file is larger than 1 MiB"],
  ])("%s", (_name, path, rule, message) => {
    expect(check.findings.filter((f) => f.path === path && f.rule === rule).map((f) => f.message)).toContainEqual(expect.stringContaining(message));
  });

  it("G2 a comma path is one task among the others, its findings on its own path", () => {
    expect(check.findings.filter((f) => f.path === "tasks/paths/g02aa-a,line=1,title=All clear.md").map((f) => f.rule)).toEqual(["missing-dod"]);
  });
});
