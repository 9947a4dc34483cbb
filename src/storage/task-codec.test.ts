import { describe, expect, it } from "vitest";
import type { Problem, Task } from "../domain/task.js";
import { decodeTask, decodeTaskSync, findConflictMarker, MAX_FILE_BYTES } from "./task-codec.js";
import * as strict from "./yaml-strict.js";

/** Bytes of a task file → a Task, or a Problem naming the FILE line, the field and a fix. */

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const PATH = "tasks/2026-11/k7m2q-fix-login.md";

async function task(text: string): Promise<Task> {
  const decoded = await decodeTask(PATH, encode(text));
  if ("problem" in decoded) throw new Error(`expected a task, got ${decoded.problem.message}`);
  return decoded.task;
}

async function problem(input: string | Uint8Array): Promise<Problem> {
  const decoded = await decodeTask(PATH, typeof input === "string" ? encode(input) : input);
  if (!("problem" in decoded)) throw new Error("expected a problem");
  return decoded.problem;
}

const GOOD = "---\nid: k7m2q\ntitle: Fix login\nstatus: todo\nlabels: [auth]\n---\nBody\n";

describe("decodeTask reads", () => {
  it("a plain task through the fast reader, synchronously", () => {
    const decoded = decodeTaskSync(PATH, encode(GOOD), undefined);
    expect(decoded && "task" in decoded && decoded.task).toMatchObject({ id: "k7m2q", title: "Fix login", labels: ["auth"], body: "Body\n", path: PATH });
  });

  it("a task the fast reader declines, through the strict parser", async () => {
    const text = "---\nid: k7m2q\ntitle: Fix login\nstatus: todo\nnotes: |\n  long\n---\n";
    expect(decodeTaskSync(PATH, encode(text), undefined)).toBeUndefined();
    expect((await task(text)).data.notes).toBe("long\n");
    expect(decodeTaskSync(PATH, encode(text), strict)).toMatchObject({ task: { id: "k7m2q" } });
  });

  it("keys' FILE lines, with or without a BOM and CRLF", async () => {
    expect((await task(GOOD)).lines).toEqual({ id: 2, title: 3, status: 4, labels: 5 });
    expect((await task(`\ufeff${GOOD.replace(/\n/g, "\r\n")}`)).lines).toEqual({ id: 2, title: 3, status: 4, labels: 5 });
  });

  it("the same lines from the strict parser as from the fast reader", async () => {
    const text = "---\n# c\nid: k7m2q\ntitle: Fix login\nstatus: todo\nx: |\n  y\nz: 1\n---\n";
    expect(decodeTaskSync(PATH, encode(text), undefined)).toBeUndefined();
    expect((await task(text)).lines).toEqual({ id: 3, title: 4, status: 5, x: 6, z: 8 });
  });

  it("the text as read, BOM included", async () => {
    const decoded = await decodeTask(PATH, encode(`\ufeff${GOOD}`));
    expect("text" in decoded && decoded.text).toBe(`\ufeff${GOOD}`);
  });
});

describe("decodeTask reports", () => {
  it.each([
    ["a YAML error at its file line", "---\nid: k7m2q\nid: other\n---\n", { line: 3, kind: "yaml" }],
    ["a tag at its file line", "---\nid: k7m2q\ntitle: !!binary aGVsbG8=\n---\n", { line: 3, kind: "yaml" }],
    ["a broken flow list (F17)", "---\nid: k7m2q\ntitle: ok\nstatus: [open\n---\n", { kind: "yaml" }],
    ["a tab indent (F23)", "---\ntitle: a\n\tstatus: b\n---\n", { line: 3, kind: "yaml" }],
    ["a forbidden key at depth", "---\nid: a\nx:\n  __proto__: 1\n---\n", { line: 4, kind: "yaml", field: "__proto__" }],
    ["not a mapping (F19)", "---\n- a\n- b\n---\nbody\n", { line: 2, kind: "yaml" }],
    ["no frontmatter", "# Just notes\n", { line: 1, kind: "frontmatter", message: expect.stringMatching(/no frontmatter/) }],
    ["an unterminated block (F6)", "---\ntitle: A\nNotes: call Bob\n", { line: 1, kind: "frontmatter", message: "unterminated frontmatter (opened at line 1)" }],
    ["a ---js block (F1)", "---js\n{ title: (require('child_process').execSync('id'), 'x') }\n---\n", { line: 1, kind: "frontmatter", message: 'unsupported frontmatter language "js"' }],
    ["a missing title", "---\nid: k7m2q\nstatus: todo\n---\n", { line: 1, kind: "schema", field: "title", message: "missing required field title", hint: "add a line 'title: …'" }],
    ["an empty title", "---\nid: k7m2q\ntitle: ''\nstatus: todo\n---\n", { line: 3, kind: "schema", field: "title", message: "title is empty" }],
    ["a numeric title", "---\nid: k7m2q\ntitle: 42\nstatus: todo\n---\n", { line: 3, kind: "schema", field: "title", hint: 'quote it: title: "42"' }],
    ["an id YAML reads as Infinity: the hint echoes it as written", "---\nid: 5e374\ntitle: T\nstatus: todo\n---\n", { line: 2, field: "id", message: "id must be text, found a number", hint: 'quote it: id: "5e374"' }],
    ["a hex number with a comment", "---\nid: k7m2q\ntitle: 0x1F   # why\r\nstatus: todo\n---\n", { line: 3, field: "title", hint: 'quote it: title: "0x1F"' }],
    ["a boolean status", "---\nid: k7m2q\ntitle: T\nstatus: true\n---\n", { line: 4, field: "status", hint: 'quote it: status: "true"' }],
    ["a number in a quoted key, not echoed", '---\nid: k7m2q\n"title": 1e3\nstatus: todo\n---\n', { line: 3, field: "title", hint: 'put the value in quotes: title: "…"' }],
    ["a bad due date", "---\nid: k7m2q\ntitle: T\nstatus: todo\ndue: tomorrow\n---\n", { line: 5, kind: "schema", field: "due", message: 'due "tomorrow" is not a date', hint: expect.stringMatching(/2026-12-01/) }],
    ["an impossible date", "---\nid: k7m2q\ntitle: T\nstatus: todo\ndue: 2026-02-30\n---\n", { line: 5, field: "due" }],
    ["a path as id (W3)", "---\nid: ../../.git/hooks/pre-commit\ntitle: T\nstatus: todo\n---\n", { line: 2, field: "id", kind: "schema" }],
    ["an option as id", "---\nid: -rf\ntitle: T\nstatus: todo\n---\n", { line: 2, field: "id" }],
    ["labels as text", "---\nid: k7m2q\ntitle: T\nstatus: todo\nlabels: auth\n---\n", { line: 5, field: "labels", hint: "write labels: [auth]" }],
    ["a nested label", "---\nid: k7m2q\ntitle: T\nstatus: todo\nlabels: [[a]]\n---\n", { line: 5, field: "labels", message: "labels item 1 must be text, found a list" }],
    ["a dangling id in depends-on", "---\nid: k7m2q\ntitle: T\nstatus: todo\ndepends-on: [../x]\n---\n", { line: 5, field: "depends-on" }],
    ["a bad created stamp", "---\nid: k7m2q\ntitle: T\nstatus: todo\ncreated: yesterday\n---\n", { line: 5, field: "created" }],
  ])("%s", async (_name, text, expected) => {
    expect(await problem(text)).toMatchObject({ path: PATH, ...expected });
  });

  it.each([
    ["in the frontmatter (F21)", "---\ntitle: Fix login\n<<<<<<< HEAD\nstatus: blocked\n---\nNotes\nB notes\n=======\nstatus: done\n---\nNotes\nA notes\n>>>>>>> e056012 (A: done)\n", 3],
    ["only in the body", "---\nid: k7m2q\ntitle: T\nstatus: todo\n---\nNotes\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> abc\n", 7],
    ["diff3 style", "---\nid: k7m2q\ntitle: T\nstatus: todo\n---\n||||||| base\n", 6],
    ["with CRLF", "---\r\nid: k7m2q\r\n<<<<<<<\r\n", 3],
  ])("git conflict markers %s, at their line", async (_name, text, line) => {
    expect(await problem(text)).toMatchObject({ kind: "conflict-markers", line, hint: expect.stringMatching(/resolve/) });
  });

  it.each([
    ["a setext heading of seven =", "Context\n=======\n"],
    ["a longer rule", "<<<<<<<<\n>>>>>>>>\n"],
    ["markers inside a line", "x <<<<<<< y\n"],
    ["a quote", "> >>>>>> not a marker\n"],
  ])("no conflict for %s", async (_name, body) => {
    expect(findConflictMarker(body)).toBeUndefined();
    expect((await task(`${GOOD}${body}`)).id).toBe("k7m2q");
  });

  it("invalid UTF-8 (F20)", async () => {
    const bytes = Uint8Array.from([...encode("---\nid: k7m2q\ntitle: t"), 0xff, ...encode("e\nstatus: todo\n---\n")]);
    expect(await problem(bytes)).toMatchObject({ line: 1, kind: "encoding", message: "file is not valid UTF-8" });
  });

  it("UTF-16 (F20)", async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...[..."---\n"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await problem(bytes)).kind).toMatch(/encoding|frontmatter/);
  });

  it("a file over 1 MiB, without reading it as text", async () => {
    const bytes = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61);
    expect(await problem(bytes)).toMatchObject({ line: 1, kind: "size", message: "file is larger than 1 MiB" });
  });

  it("a file of exactly 1 MiB is read", async () => {
    const padding = "x".repeat(MAX_FILE_BYTES - encode(GOOD).byteLength);
    expect((await task(GOOD + padding)).id).toBe("k7m2q");
  });

  it("frontmatter over 64 KiB, even when the fast reader could read it", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `x${i}: ${"v".repeat(20)}`).join("\n");
    const text = `---\nid: k7m2q\ntitle: T\nstatus: todo\n${lines}\n---\n`;
    expect(await problem(text)).toMatchObject({ line: 2, kind: "yaml", message: expect.stringMatching(/64 KiB/) });
  });
});
