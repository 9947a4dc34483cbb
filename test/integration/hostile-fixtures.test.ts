import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../helpers/hostile-repo.js";

/**
 * The committed corpus (test/fixtures/hostile) is exactly what scripts/make-hostile-fixtures.mjs
 * generates: the bytes under review are the bytes the tests use. After changing the script, run
 * `node scripts/make-hostile-fixtures.mjs` and commit both.
 */

const SCRIPT = join(FIXTURE_DIR, "..", "..", "..", "scripts", "make-hostile-fixtures.mjs");

function committed(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(FIXTURE_DIR, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(FIXTURE_DIR, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe("the hostile corpus", () => {
  it("on disk equals what the script generates, byte for byte", async () => {
    const { hostileFixtures } = (await import(pathToFileURL(SCRIPT).href)) as { hostileFixtures: () => Map<string, Buffer> };
    const generated = hostileFixtures();
    const onDisk = committed();
    expect([...onDisk.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [name, bytes] of generated) expect(onDisk.get(name)?.equals(bytes), name).toBe(true);
  });

  it("names, for every file, the rows it covers and what it must produce", () => {
    const manifest = JSON.parse(readFileSync(join(FIXTURE_DIR, "manifest.json"), "utf8")) as { fixtures: { file: string; rows: string[]; expect: { problem?: unknown; task?: string; findings: unknown[] } }[] };
    for (const fixture of manifest.fixtures) {
      expect(fixture.rows.length, fixture.file).toBeGreaterThan(0);
      for (const row of fixture.rows) expect(row).toMatch(/^[FTGXWSCME]\d{1,2}$/);
      expect(fixture.expect.problem !== undefined || fixture.expect.task !== undefined, fixture.file).toBe(true);
    }
  });
});

describe("the test suite itself", () => {
  it("runs with code generation from strings disallowed (reliability.md E1)", () => {
    expect(() => new Function("return 1")).toThrow(EvalError);
    expect(() => eval("1")).toThrow(EvalError);
  });
});
