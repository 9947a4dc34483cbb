import { describe, expect, it } from "vitest";
import { hookScript, isOurHook, messageNamesTask, pickCommitTask, readHookScript, shellQuote, trailerForEmptyMessage } from "./commit-hook.js";

describe("pickCommitTask", () => {
  const ids = new Set(["k7m2q", "p3x9t", "auth-12"]);
  it.each([
    ["feature/k7m2q-login", [], { id: "k7m2q", from: "branch" }],
    ["k7m2q", ["p3x9t"], { id: "k7m2q", from: "branch" }],
    ["fix/auth-12-retry", [], { id: "auth-12", from: "branch" }],
    ["k7m2q-and-p3x9t", [], { id: null, why: "branch-names-several" }],
    ["main", ["p3x9t"], { id: "p3x9t", from: "active" }],
    ["main", ["p3x9t", "k7m2q"], { id: null, why: "several-active-tasks" }],
    ["main", [], { id: null, why: "no-active-task" }],
    ["k7m2qx-login", ["--upload-pack=x"], { id: null, why: "no-active-task" }],
  ] as const)("%s with active %j", (branch, active, expected) => {
    expect(pickCommitTask({ branch, ids, active: () => active })).toEqual(expected);
  });
});

describe("messageNamesTask", () => {
  it("a Task trailer (any id, any case) or a Closes/Fixes naming the task", () => {
    expect(messageNamesTask([["task", "p3x9t"]], ["Task"], "k7m2q")).toBe(true);
    expect(messageNamesTask([["Fixes", "#k7m2q"]], ["Task"], "k7m2q")).toBe(true);
    expect(messageNamesTask([["Closes", "p3x9t"], ["Signed-off-by", "a"]], ["Task"], "k7m2q")).toBe(false);
  });
});

describe("trailerForEmptyMessage", () => {
  it("puts the trailer under the line the subject is typed on, above git's comments and the scissors", () => {
    const text = "\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a b\n";
    expect(trailerForEmptyMessage(text, "Task: k7m2q")).toBe(
      "\n\nTask: k7m2q\n# git-tasks added the Task: trailer above; to abort the commit, delete it as well.\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a b\n",
    );
    expect(trailerForEmptyMessage("Subject\n# c\n", "Task: k7m2q")).toBeNull();
    expect(trailerForEmptyMessage("", "Task: k7m2q")).toBe("\n\nTask: k7m2q\n");
  });
});

describe("hookScript", () => {
  it("quotes the paths for sh and reads them back", () => {
    const launcher = { node: "/opt/it's node/bin/node", launcher: "/x/$(touch y)/bin/tasks.cjs" };
    const script = hookScript(launcher, { chain: true });
    expect(isOurHook(script)).toBe(true);
    expect(script).toContain(`node=${shellQuote(launcher.node)}`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(readHookScript(script)).toEqual({ launcher, chain: true });
    expect(readHookScript(hookScript(launcher, { chain: false }))?.chain).toBe(false);
    expect(isOurHook("#!/bin/sh\necho hi\n")).toBe(false);
    // Bounded where `timeout` works, by TASKS_HOOK_TIMEOUT (digits only, else 10 s).
    expect(script).toContain('timeout "$seconds" "$node" "$launcher" hook run-prepare-commit-msg "$@" </dev/null || :');
    expect(script).toContain('case "$seconds" in "" | *[!0-9]* | 0) seconds=10 ;; esac');
  });
});
