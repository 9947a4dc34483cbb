import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { TEST_ROOT } from "../../test/helpers/env.js";
import { clearIntent, isJournalPath, JOURNAL_DIR, parseIntent, readIntents, recordIntent } from "./change-journal.js";

const ID = "0123456789abcdef";
const SHA = "a".repeat(64);
const valid = {
  format: 1,
  action: "claim",
  started: "2026-11-20T09:00:00.000Z",
  message: { subject: "tasks: claim k7m2q Fix", trailers: [["Task-Id", "k7m2q"], ["Task-Action", "claim"]] },
  files: [{ path: "tasks/2026-11/k7m2q-fix.md", sha256: SHA }],
};

function gitDir(): string {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-journal-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("change journal records", () => {
  it("reads back what was recorded, and forgets it when cleared", async () => {
    const dir = gitDir();
    const id = await recordIntent(dir, { action: "claim", started: valid.started, message: { subject: "tasks: claim k7m2q Fix", trailers: [["Task-Id", "k7m2q"]] }, files: [{ path: "tasks/a.md", sha256: SHA }, { path: "tasks/b.md", sha256: null }] });
    const { intents, unreadable } = await readIntents(dir);
    expect(unreadable).toEqual([]);
    expect(intents).toEqual([{ id, action: "claim", started: valid.started, message: { subject: "tasks: claim k7m2q Fix", trailers: [["Task-Id", "k7m2q"]] }, files: [{ path: "tasks/a.md", sha256: SHA }, { path: "tasks/b.md", sha256: null }] }]);
    await clearIntent(dir, id);
    await clearIntent(dir, id);
    expect(readdirSync(join(dir, JOURNAL_DIR))).toEqual([]);
    expect(await readIntents(join(dir, "nothing-here"))).toEqual({ intents: [], unreadable: [] });
  });

  it.each([
    ["a path that leaves the repository", { files: [{ path: "../outside.md", sha256: SHA }] }],
    ["a path into .git", { files: [{ path: "tasks/.git/hooks/pre-commit", sha256: SHA }] }],
    ["an absolute path", { files: [{ path: "/etc/passwd", sha256: SHA }] }],
    ["a path that is an option", { files: [{ path: "--author=x", sha256: SHA }] }],
    ["a path with a newline", { files: [{ path: "tasks/a\nb.md", sha256: SHA }] }],
    ["no files", { files: [] }],
    ["a bad hash", { files: [{ path: "tasks/a.md", sha256: "xyz" }] }],
    ["a subject with an escape", { message: { ...valid.message, subject: "tasks: claim \x1b]0;x\x07" } }],
    ["a subject with a newline (a forged trailer)", { message: { ...valid.message, subject: "x\n\nTask-Id: y" } }],
    ["a trailer that is not the tool's", { message: { ...valid.message, trailers: [["Signed-off-by", "x"]] } }],
    ["a body line with a bidi override", { message: { ...valid.message, body: ["a\u202eb"] } }],
    ["an action that is not a verb", { action: "claim; rm -rf" }],
    ["another format", { format: 2 }],
    ["a date that is not ISO", { started: "yesterday" }],
  ])("refuses %s", (_name, change) => {
    expect(parseIntent(ID, { ...valid, ...change })).toBeUndefined();
  });

  it("accepts a valid record and refuses a record name that is not its own", () => {
    expect(parseIntent(ID, valid)).toMatchObject({ id: ID, action: "claim" });
    expect(parseIntent("../x", valid)).toBeUndefined();
    expect(parseIntent(ID, null)).toBeUndefined();
    expect(parseIntent(ID, JSON.parse('{"__proto__": {"format": 1}}'))).toBeUndefined();
  });

  it("lists records it cannot read (corrupt, a symbolic link) as unreadable, never trusting them", async () => {
    const dir = gitDir();
    mkdirSync(join(dir, JOURNAL_DIR));
    writeFileSync(join(dir, JOURNAL_DIR, `${ID}.json`), "{ not json");
    symlinkSync("/etc/hostname", join(dir, JOURNAL_DIR, "fedcba9876543210.json"));
    expect(await readIntents(dir)).toEqual({ intents: [], unreadable: [`${JOURNAL_DIR}/${ID}.json`, `${JOURNAL_DIR}/fedcba9876543210.json`] });
  });

  it.each([
    ["tasks/2026-11/k7m2q-fix.md", true],
    ["tasks/a b,c=d.md", true],
    ["tasks/../x.md", false],
    ["./tasks/x.md", false],
    ["tasks//x.md", false],
    ["tasks\\x.md", false],
    ["", false],
  ])("isJournalPath(%j) is %s", (path, ok) => {
    expect(isJournalPath(path)).toBe(ok);
  });
});
