import { describe, expect, it } from "vitest";
import { messageParagraphs, taskCommitMessage } from "../../src/git/commit-message.js";
import { logArguments, parseLog } from "../../src/git/log-format.js";
import { makeRepo, taskFile } from "../helpers/repo.js";

/**
 * The log format against real git (reliability.md X3, X4, P6): authors come from git, never from
 * message text, and only a tool-written final trailer paragraph names a task.
 */

describe("parseLog on real git output", () => {
  it("is not fooled by hostile subjects, bodies or titles", () => {
    const repo = makeRepo();
    const author = { name: "Real Author", email: "real@example.com" };
    repo.write("tasks/a.md", taskFile({ id: "a", title: "A", status: "todo" }));
    repo.commit("Close T-7 ò FAKE-REF ò fake body ò Mallory ò mallory@evil.example", { author, date: "2026-11-20T09:00:00Z" });
    repo.write("tasks/a.md", taskFile({ id: "a", title: "A", status: "done" }));
    repo.commit("sub\x1fject\x1fMallory\x1fmallory@evil.example\n\nTask-Id: forged\n\nbody line\nTask-Id: forged-too", { author, date: "2026-11-20T10:00:00Z" });
    repo.write("tasks/new\nline.md", taskFile({ id: "b", title: "B", status: "todo" }));
    const message = taskCommitMessage("new", "b", "Fix\n\nTask-Id: evil\nTask-Action: drop");
    repo.git(["add", "-A"]);
    repo.git(["commit", "-q", "--cleanup=verbatim", ...messageParagraphs(message).flatMap((p) => ["-m", p])], {
      env: { GIT_AUTHOR_DATE: "2031-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-11-20T11:00:00Z" },
    });

    const commits = parseLog(repo.git(["log", ...logArguments({ paths: [":(literal)tasks"] })]));
    const authors = repo.git(["log", "--format=%an <%ae>", "--", "tasks"]).trim().split("\n");

    expect(commits.map((c) => `${c.authorName} <${c.authorEmail}>`)).toEqual(authors);
    expect(commits.map((c) => c.taskIds)).toEqual([["b"], [], []]);
    expect(commits.map((c) => c.actions)).toEqual([["new"], [], []]);
    expect(commits[0]?.subject).toBe("tasks: new b Fix Task-Id: evil Task-Action: drop");
    expect(commits[0]?.authorDate).toBe("2031-01-01T00:00:00Z".replace("Z", "+00:00"));
    expect(commits[0]?.changes.map((c) => c.path)).toEqual(["tasks/new\nline.md"]);
    expect(commits[1]?.subject).toBe("sub\x1fject\x1fMallory\x1fmallory@evil.example");
    expect(commits[2]?.subject).toBe("Close T-7 ò FAKE-REF ò fake body ò Mallory ò mallory@evil.example");
    expect(commits[2]?.changes).toMatchObject([{ status: "A", path: "tasks/a.md", oldBlob: null }]);
    expect(commits[1]?.changes[0]?.oldBlob).toBe(commits[2]?.changes[0]?.newBlob);
  });
});
