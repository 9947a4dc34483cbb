import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/cli.js";

/**
 * docs/security.md points every promise and every hazard of reliability.md's table at the tests
 * that prove it; this keeps those pointers true as tests are renamed or moved.
 */

const DOC = readFileSync(join(PROJECT_ROOT, "docs", "security.md"), "utf8");
const REFERENCE = /`((?:src|test)\/[^`]+\.ts)` › "([^"]+)"/g;

const ROWS: Record<string, number> = { F: 23, T: 9, G: 8, X: 6, W: 9, S: 13, C: 7, M: 5, E: 2 };

describe("docs/security.md", () => {
  it("names only tests that exist, by their exact titles", () => {
    const references = [...DOC.matchAll(REFERENCE)];
    expect(references.length).toBeGreaterThan(50);
    const missing = references.filter(([, file, title]) => {
      const path = join(PROJECT_ROOT, file as string);
      return !existsSync(path) || !readFileSync(path, "utf8").includes(title as string);
    });
    expect(missing.map(([reference]) => reference)).toEqual([]);
  });

  it("points each of the ten promises at at least one test", () => {
    const sections = DOC.split(/^### /m).slice(1);
    const promises = sections.filter((section) => /^\d+\. /.test(section));
    expect(promises.map((section) => Number(/^(\d+)\./.exec(section)?.[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const section of promises) expect([...section.matchAll(REFERENCE)].length, section.split("\n")[0]).toBeGreaterThan(0);
  });

  it("has a line for every row of reliability.md's table", () => {
    const listed = [...DOC.matchAll(/^\| ([A-Z]\d+) \|/gm)].map((m) => m[1]);
    const expected = Object.entries(ROWS).flatMap(([area, count]) => Array.from({ length: count }, (_, i) => `${area}${i + 1}`));
    expect(listed).toEqual(expected);
  });
});
