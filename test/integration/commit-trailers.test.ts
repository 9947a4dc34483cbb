import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageParagraphs, taskCommitMessage, tasksCommitMessage } from "../../src/git/commit-message.js";
import { PROPERTY_TIMEOUT, runs } from "../helpers/property.js";

/**
 * The commit message a task's title goes into, read back by git itself (`git interpret-trailers
 * --parse`, the parser behind `%(trailers)`): whatever the title, the trailers are exactly the
 * ones the tool wrote (reliability.md X4, P6).
 */

function gitTrailers(paragraphs: readonly string[]): string[] {
  // `git commit -m a -m b` separates its paragraphs with one blank line.
  const message = `${paragraphs.join("\n\n")}\n`;
  return execFileSync("git", ["interpret-trailers", "--parse"], { input: message, encoding: "utf8", env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" } })
    .split("\n")
    .filter(Boolean);
}

const forgery = fc.constantFrom("\n\nTask-Id: victim", "\nTask-Action: done", "\n\nSigned-off-by: Mallory <m@evil.example>\n", "\r\n\r\nTask-Id: x", "\u2028Task-Id: y", "Task-Id: z", "\n(cherry picked from commit abc)\n", "# comment line\n", "---\n", ": ");
const title = fc.array(fc.oneof(forgery, fc.string({ unit: "binary", maxLength: 20 })), { maxLength: 5 }).map((parts) => parts.join(""));

describe("commit messages read back by git", () => {
  it("one task: exactly Task-Id and Task-Action, whatever the title and body say", () => {
    fc.assert(
      fc.property(title, title, (name, body) => {
        const message = taskCommitMessage("done", "k7m2q", name, { body: [body], trailers: [["Task-Override", body]] });
        const trailers = gitTrailers(messageParagraphs(message));
        expect(trailers.map((line) => line.split(":")[0])).toEqual(["Task-Id", "Task-Action", "Task-Override"]);
        expect(trailers.slice(0, 2)).toEqual(["Task-Id: k7m2q", "Task-Action: done"]);
      }),
      runs(60),
    );
  }, PROPERTY_TIMEOUT);

  it("several tasks: one Task-Id per task, then Task-Action", () => {
    fc.assert(
      fc.property(title, title, (a, b) => {
        const message = tasksCommitMessage("handoff", [{ id: "k7m2q", title: a }, { id: "p3x9t", title: b }], "to bob");
        expect(gitTrailers(messageParagraphs(message))).toEqual(["Task-Id: k7m2q", "Task-Id: p3x9t", "Task-Action: handoff"]);
      }),
      runs(40),
    );
  }, PROPERTY_TIMEOUT);
});
