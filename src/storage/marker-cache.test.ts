import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMarkerFacts, writeMarkerFacts } from "./marker-cache.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function gitDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tasks-markers-"));
  dirs.push(dir);
  return dir;
}

const COMMIT = "a".repeat(40);
const good = { tool: "1.0.0", dir: "tasks", commit: COMMIT, marked: ["tasks/2026-11/x.md"], unknown: [] };

describe("marker facts file", () => {
  it("reads back what was written, for the same tool and folder only", () => {
    const dir = gitDir();
    writeMarkerFacts(dir, "1.0.0", "tasks", { commit: COMMIT, marked: ["tasks/2026-11/x.md"], unknown: ["tasks/y.md"] });
    expect(readMarkerFacts(dir, "1.0.0", "tasks")).toEqual({ commit: COMMIT, marked: ["tasks/2026-11/x.md"], unknown: ["tasks/y.md"] });
    expect(readMarkerFacts(dir, "1.0.1", "tasks")).toBeUndefined();
    expect(readMarkerFacts(dir, "1.0.0", "work")).toBeUndefined();
  });

  it.each([
    ["truncated", JSON.stringify(good).slice(0, 30)],
    ["not JSON", "{nope"],
    ["null", "null"],
    ["a short commit id", JSON.stringify({ ...good, commit: "abc" })],
    ["a path outside the folder", JSON.stringify({ ...good, marked: ["src/x.md"] })],
    ["a path that climbs out", JSON.stringify({ ...good, unknown: ["tasks/../../etc/passwd"] })],
    ["a path with an empty part", JSON.stringify({ ...good, marked: ["tasks//x.md"] })],
    ["a list that is not one", JSON.stringify({ ...good, marked: "tasks/x.md" })],
    ["a number for a path", JSON.stringify({ ...good, unknown: [1] })],
  ])("ignores a cache file with %s", (_what, text) => {
    const dir = gitDir();
    mkdirSync(join(dir, "tasks-cache"));
    writeFileSync(join(dir, "tasks-cache", "markers-v1.json"), text);
    expect(readMarkerFacts(dir, "1.0.0", "tasks")).toBeUndefined();
  });
});
