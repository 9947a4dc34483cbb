import { describe, expect, it } from "vitest";
import { gitMerge } from "../../test/helpers/merge-text.js";
import { DEFAULT_CONFIG } from "../domain/config.js";
import { decodeTask } from "./task-codec.js";
import { mergeTaskFiles } from "./task-file-merge.js";

const BASE = `---
id: k7m2q
title: Fix login timeout   # keep it short
status: todo
# agreed in standup
labels: [auth]
created: 2026-11-20T09:12:00+01:00
---
Users on hotel Wi-Fi are logged out.

## Log
- 2026-11-20 09:12 +01:00 alice: created
`;

const edit = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  return text.replace(from, to);
};

describe("mergeTaskFiles", async () => {
  it("keeps both sides' changes to different fields, and our formatting byte for byte", async () => {
    const ours = edit(BASE, "status: todo", "status: in-progress\nowner: alice") + "- 2026-11-20 10:00 +01:00 alice: claimed\n";
    const theirs = edit(BASE, "labels: [auth]", "labels: [auth, backend]\ndue: 2026-12-01") + "- 2026-11-20 09:30 +01:00 bob: set due=2026-12-01\n";
    const merged = await mergeTaskFiles(BASE, ours, theirs, DEFAULT_CONFIG, gitMerge);
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toBe(`---
id: k7m2q
title: Fix login timeout   # keep it short
status: in-progress
owner: alice
due: 2026-12-01
# agreed in standup
labels: [auth, backend]
created: 2026-11-20T09:12:00+01:00
---
Users on hotel Wi-Fi are logged out.

## Log
- 2026-11-20 09:12 +01:00 alice: created
- 2026-11-20 09:30 +01:00 bob: set due=2026-12-01
- 2026-11-20 10:00 +01:00 alice: claimed
`);
    const decoded = await decodeTask("tasks/x.md", new TextEncoder().encode(merged.text));
    expect("task" in decoded && decoded.task.owner).toBe("alice");
  });

  it("puts standard markers around an owner both sides set differently, and nothing else", async () => {
    const ours = edit(BASE, "status: todo", "status: todo\nowner: alice");
    const theirs = edit(BASE, "status: todo", "status: todo\nowner: bob");
    const merged = await mergeTaskFiles(BASE, ours, theirs, DEFAULT_CONFIG, gitMerge);
    expect(merged.conflicts).toEqual(["owner"]);
    expect(merged.text).toContain("status: todo\n<<<<<<< ours\nowner: alice\n=======\nowner: bob\n>>>>>>> theirs\n# agreed in standup\n");
    const decoded = await decodeTask("tasks/x.md", new TextEncoder().encode(merged.text));
    expect("problem" in decoded && decoded.problem.kind).toBe("conflict-markers");
  });

  it("settles the same field changed on both sides by its rule (status: closed wins)", async () => {
    const ours = edit(BASE, "status: todo", "status: blocked");
    const theirs = edit(BASE, "status: todo", "status: done");
    const merged = await mergeTaskFiles(BASE, ours, theirs, DEFAULT_CONFIG, gitMerge);
    expect(merged.conflicts).toEqual([]);
    expect(merged.resolved).toEqual([{ key: "status", value: "done", rule: "status" }]);
    expect(merged.text).toBe(edit(BASE, "status: todo", "status: done"));
  });

  it("keeps CRLF files CRLF", async () => {
    const crlf = (t: string): string => t.replace(/\n/g, "\r\n");
    const merged = await mergeTaskFiles(crlf(BASE), crlf(edit(BASE, "status: todo", "status: review")), crlf(edit(BASE, "labels: [auth]", "labels: [auth, ui]")), DEFAULT_CONFIG, gitMerge);
    expect(merged.text).toBe(crlf(edit(edit(BASE, "status: todo", "status: review"), "labels: [auth]", "labels: [auth, ui]")));
  });

  it("merges a file that is not a task (README.md) as plain text", async () => {
    const merged = await mergeTaskFiles("# Tasks\n\nintro\n", "# Tasks\n\nintro\nours\n", "# Tasks!\n\nintro\n", DEFAULT_CONFIG, gitMerge);
    expect(merged).toMatchObject({ asText: true, conflicts: [], text: "# Tasks!\n\nintro\nours\n" });
  });

  it("merges an add/add (empty base) field by field", async () => {
    const merged = await mergeTaskFiles("", BASE, edit(BASE, "labels: [auth]", "labels: [ui]"), DEFAULT_CONFIG, gitMerge);
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toContain("labels: [auth, ui]");
  });

  it("falls back to a text merge when one side already holds markers", async () => {
    const marked = edit(BASE, "status: todo", "<<<<<<< HEAD\nstatus: a\n=======\nstatus: b\n>>>>>>> x");
    const merged = await mergeTaskFiles(BASE, marked, edit(BASE, "status: todo", "status: done"), DEFAULT_CONFIG, gitMerge);
    expect(merged.asText).toBe(true);
    expect(merged.conflicts).toEqual(["text"]);
  });
});
