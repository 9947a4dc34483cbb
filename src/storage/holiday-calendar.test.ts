import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadHolidayCalendars } from "./holiday-calendar.js";

/**
 * The parsed holiday calendars kept in `.git/tasks-cache/holidays-v1.json` by a hash of each
 * file's bytes: used when the bytes are the same, never when the file changed, the cache is
 * damaged or another version of the tool wrote it.
 */

const GERMANY = readFileSync(join(import.meta.dirname, "../../test/fixtures/holidays/germany.ics"), "utf8");
const NEPAL = readFileSync(join(import.meta.dirname, "../../test/fixtures/holidays/nepal.ics"), "utf8");
const PATH = ".tasks/holidays/team.ics";
const dirs: string[] = [];

function setup(text: string): { root: string; gitDir: string; cacheFile: string } {
  const root = mkdtempSync(join(tmpdir(), "tasks-holidays-"));
  dirs.push(root);
  mkdirSync(join(root, ".tasks", "holidays"), { recursive: true });
  mkdirSync(join(root, ".git"));
  writeFileSync(join(root, PATH), text);
  return { root, gitDir: join(root, ".git"), cacheFile: join(root, ".git", "tasks-cache", "holidays-v1.json") };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const hashOf = (text: string): string => createHash("sha256").update(text).digest("hex");

async function load(root: string, gitDir?: string): Promise<[string, string][]> {
  return [...((await loadHolidayCalendars(root, [PATH], gitDir)).get(PATH) ?? new Map())];
}

describe("the holiday calendar cache", () => {
  it("serves a calendar whose bytes it has seen, without parsing it again", async () => {
    const { root, gitDir, cacheFile } = setup(GERMANY);
    const fresh = await load(root, gitDir);
    expect(fresh.length).toBeGreaterThan(100);
    expect(await load(root, gitDir)).toEqual(fresh);
    // What the cache says for these bytes is what the next run gets: the parse is not run again.
    const kept = JSON.parse(readFileSync(cacheFile, "utf8")) as { tool: string; calendars: Record<string, [string, string][]> };
    expect(Object.keys(kept.calendars)).toEqual([hashOf(GERMANY)]);
    writeFileSync(cacheFile, JSON.stringify({ ...kept, calendars: { [hashOf(GERMANY)]: [["2031-01-02", "planted"]] } }));
    expect(await load(root, gitDir)).toEqual([["2031-01-02", "planted"]]);
  });

  it("parses a calendar again once its file changes, and forgets the old one", async () => {
    const { root, gitDir, cacheFile } = setup(GERMANY);
    await load(root, gitDir);
    writeFileSync(join(root, PATH), NEPAL);
    const nepal = await load(root, undefined);
    expect(await load(root, gitDir)).toEqual(nepal);
    expect(Object.keys((JSON.parse(readFileSync(cacheFile, "utf8")) as { calendars: object }).calendars)).toEqual([hashOf(NEPAL)]);
  });

  it.each([
    ["cut off", (text: string) => text.slice(0, 50)],
    ["another version's", (text: string) => text.replace(/"tool":"[^"]*"/, '"tool":"0.0.0-other 1"')],
    ["a date that is not one", (text: string) => text.replace(/"\d{4}-\d{2}-\d{2}"/, '"tomorrow"')],
    ["a name that is not text", (text: string) => text.replace(/,"[^"]*"\]/, ",42]")],
    ["not a hash", (text: string) => text.replace(/"[0-9a-f]{64}"/, '"../../x"')],
    ["not JSON at all", () => "\0\0\0"],
  ])("does not use a cache that is %s", async (_what, damage) => {
    const { root, gitDir, cacheFile } = setup(GERMANY);
    const fresh = await load(root, undefined);
    await load(root, gitDir);
    const planted = readFileSync(cacheFile, "utf8").replace(/"\d{4}-\d{2}-\d{2}","[^"]*"\]/g, '"2031-01-02","planted"]');
    writeFileSync(cacheFile, damage(planted));
    expect(await load(root, gitDir)).toEqual(fresh);
  });

  it("keeps nothing without a git folder to keep it in (TASKS_NO_CACHE=1)", async () => {
    const { root, cacheFile } = setup(GERMANY);
    await load(root, undefined);
    expect(existsSync(cacheFile)).toBe(false);
  });
});
