import { describe, expect, it } from "vitest";
import { LOG_FORMAT, logArguments, parseLog, parseOverride } from "./log-format.js";

/**
 * Canned `git log -z --raw` output, byte for byte as git 2.39 prints it for LOG_FORMAT: ten
 * NUL-separated header fields and a NUL; then, when the commit changed files, "\n" and raw
 * lines `:<old mode> <new mode> <old blob> <new blob> <status>` NUL `<path>` NUL.
 */

const H1 = "d9653de0a78aac35d169a71fc03be756f8ecb673";
const H2 = "7ecb8aad992f4ffc06121986be38025ca87232ed";
const H3 = "48d2b696c2ff5470d9cf0424c7ea65387625136c";
const MERGE = "2a9ce56a47951708e626656c137078a47cba40f1";
const ZERO = "0".repeat(40);
const BLOB_A1 = "ef073cc45ccc66c921adc7ccc6221e38aa54ae17";
const BLOB_A2 = "934d868b9fbe64200b76ca74dd3a7bf2a6b1af33";
const BLOB_B = "83f819ce0b86130d51131dcc3a6ee24c3ca4af75";
const SIDE = "9f5f74c8cb27871183a3ea65fbbb9f2b716d809a";

function header(fields: readonly string[]): string {
  expect(fields).toHaveLength(10);
  return `${fields.join("\0")}\0`;
}

function raw(changes: readonly (readonly [string, string, string, string, string, string])[]): string {
  return `\n${changes.map(([oldMode, newMode, oldBlob, newBlob, status, path]) => `:${oldMode} ${newMode} ${oldBlob} ${newBlob} ${status}\0${path}\0`).join("")}`;
}

const CANNED =
  // A merge: no raw section, the next commit follows at once.
  header([MERGE, `${H1} ${SIDE}`, "Real Author", "real@example.com", "2026-11-21T08:46:20+00:00", "2026-11-21T08:46:20+00:00", "Merge side", "", "", ""]) +
  // A hostile subject: simple-git's ' ò ' separators, a 0x1F, a forged trailer in the subject.
  header([H1, H2, "Real Author", "real@example.com", "2026-11-21T08:46:08+00:00", "2026-11-21T08:46:08+00:00", "sub\x1fject Task-Id: t1 ò FAKE ò Mallory ò mallory@evil.example", "", "", ""]) +
  raw([
    ["000000", "100644", ZERO, BLOB_B, "A", "tasks/b.md"],
    ["100644", "000000", BLOB_A1, ZERO, "D", "tasks/new\nline.md"],
  ]) +
  // Trailers written by the tool, and a path with a tab and a NUL-free newline.
  header([H2, H3, "Mallory ò Evil", "mallory@evil.example", "2031-01-01T00:00:00+00:00", "2026-11-21T09:00:00+01:00", "tasks: claim k7m2q Fix login", "k7m2q", "claim", ""]) +
  raw([["100644", "100644", BLOB_A1, BLOB_A2, "M", "tasks/2026-11/k7m2q-fix\tlogin.md"]]) +
  // The root commit: no parents; two trailers of one key joined with commas.
  header([H3, "", "Real Author", "real@example.com", "2026-11-20T09:00:00+00:00", "2026-11-20T09:00:00+00:00", "tasks: new a A", "a, b", "new", "Task-Override: hotfix, reviewed after\x1ftask-review-override: bob\x1fTask-Override: second"]) +
  raw([
    ["000000", "100644", ZERO, BLOB_A1, "A", "tasks/a.md"],
    ["000000", "100644", ZERO, BLOB_A2, "A", "tasks/:100644 100644 x y M"],
  ]);

describe("parseLog", () => {
  const commits = parseLog(CANNED);

  it("finds every commit, newest first", () => {
    expect(commits.map((c) => c.hash)).toEqual([MERGE, H1, H2, H3]);
  });

  it("reads a merge without changes", () => {
    expect(commits[0]).toMatchObject({ subject: "Merge side", changes: [], taskIds: [], actions: [] });
    expect(commits[0]?.parents).toHaveLength(2);
  });

  it("keeps a hostile subject as the subject: the author comes from git", () => {
    expect(commits[1]).toMatchObject({
      authorName: "Real Author",
      authorEmail: "real@example.com",
      subject: "sub\x1fject Task-Id: t1 ò FAKE ò Mallory ò mallory@evil.example",
      taskIds: [],
      actions: [],
    });
  });

  it("takes ids and actions from the trailer fields only", () => {
    expect(commits[2]).toMatchObject({ taskIds: ["k7m2q"], actions: ["claim"], authorDate: "2031-01-01T00:00:00+00:00", committerDate: "2026-11-21T09:00:00+01:00" });
    expect(commits[3]).toMatchObject({ taskIds: ["a", "b"], actions: ["new"], parents: [] });
  });

  it("reads the override trailers of a forced done: the first of each key, any case; null without them", () => {
    expect(commits[3]?.override).toEqual({ reason: "hotfix, reviewed after", reviewer: "bob" });
    expect(commits[2]?.override).toBeNull();
    expect(parseOverride("Task-Override: dod only")).toEqual({ reason: "dod only", reviewer: null });
    expect(parseOverride("Task-Review-Override: bob")).toBeNull();
    expect(parseOverride(`Task-Override: ${"x".repeat(5000)}`)?.reason).toHaveLength(300);
  });

  it("reads raw changes: status, blobs (null for none), paths with newlines and tabs", () => {
    expect(commits[1]?.changes).toEqual([
      { status: "A", path: "tasks/b.md", oldBlob: null, newBlob: BLOB_B, newMode: "100644" },
      { status: "D", path: "tasks/new\nline.md", oldBlob: BLOB_A1, newBlob: null, newMode: "000000" },
    ]);
    expect(commits[2]?.changes).toEqual([{ status: "M", path: "tasks/2026-11/k7m2q-fix\tlogin.md", oldBlob: BLOB_A1, newBlob: BLOB_A2, newMode: "100644" }]);
  });

  it("takes a path that looks like a raw line as a path", () => {
    expect(commits[3]?.changes.map((c) => c.path)).toEqual(["tasks/a.md", "tasks/:100644 100644 x y M"]);
  });

  it.each([
    ["empty output", ""],
    ["a lone NUL", "\0"],
    ["garbage", "fatal: bad revision\n"],
  ])("reads %s as no commits", (_name, output) => {
    expect(parseLog(output)).toEqual([]);
  });

  it("stops at a truncated header instead of inventing fields", () => {
    const truncated = CANNED.slice(0, CANNED.indexOf("Merge side"));
    expect(parseLog(truncated)).toEqual([]);
  });
});

describe("logArguments", () => {
  it("asks for NUL-separated raw output and puts paths after --", () => {
    expect(logArguments({ paths: [":(literal)tasks"], since: "2026-11-19T08:00:00.000Z" })).toEqual([
      "-z",
      "--raw",
      "--no-abbrev",
      "--no-renames",
      "--no-color",
      "--no-ext-diff",
      `--format=${LOG_FORMAT}`,
      "--since=2026-11-19T08:00:00.000Z",
      "--",
      ":(literal)tasks",
    ]);
  });

  it("keeps a path that looks like an option after --", () => {
    const args = logArguments({ paths: ["--output=/tmp/x"], maxCount: 5, until: "2026-11-20" });
    expect(args.slice(-2)).toEqual(["--", "--output=/tmp/x"]);
    expect(args).toContain("--max-count=5");
    expect(args).toContain("--until=2026-11-20");
  });

  it("separates every field with NUL", () => {
    expect(LOG_FORMAT.split("%x00")).toHaveLength(10);
  });
});
