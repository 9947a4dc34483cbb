import { describe, expect, it } from "vitest";
import { gitEnvironment, redact, toGitError } from "./simple-git-client.js";

describe("the environment git runs in (reliability.md X5, G8)", () => {
  it("keeps the identity, dates and certificates CI sets, and drops every other GIT_ variable", () => {
    const env = gitEnvironment({
      PATH: "/usr/bin",
      HOME: "/home/ci",
      GIT_AUTHOR_NAME: "CI Bot",
      GIT_COMMITTER_EMAIL: "ci@example.com",
      GIT_SSL_CAINFO: "/etc/ssl/corp.pem",
      GIT_DIR: "/elsewhere",
      GIT_WORK_TREE: "/elsewhere",
      GIT_INDEX_FILE: "/tmp/index",
      GIT_CONFIG_PARAMETERS: "'core.hooksPath'='.husky'",
      GIT_CONFIG_COUNT: "1",
      GIT_SSH_COMMAND: "touch pwned",
      GIT_EXEC_PATH: "/tmp/evil",
      git_editor: "vim",
      EDITOR: "vim",
      PAGER: "less",
      GIT_TERMINAL_PROMPT: "1",
      UNSET: undefined,
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/ci",
      GIT_AUTHOR_NAME: "CI Bot",
      GIT_COMMITTER_EMAIL: "ci@example.com",
      GIT_SSL_CAINFO: "/etc/ssl/corp.pem",
      GIT_TERMINAL_PROMPT: "0",
      LC_ALL: "C",
      LANGUAGE: "C",
    });
  });

  it.each([
    ["https://x-access-token:ghs_abc123@github.com/org/repo.git", "https://***@github.com/org/repo.git"],
    ["fatal: auth failed for 'https://user:p4ss@host/x'", "fatal: auth failed for 'https://***@host/x'"],
    ["token ghp_abcDEF123 and github_pat_11AB_cd and glpat-xyz", "token ghp_*** and github_pat_*** and glpat_***"],
  ])("redacts credentials from git's messages: %s", (input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("git's refusal of a repository owned by another user (reliability.md S13)", () => {
  const refusal = "fatal: detected dubious ownership in repository at '/work/repo'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /work/repo\n";

  it("keeps git's own words and adds how to fix it, with the page that explains it", () => {
    const error = toGitError(new Error(refusal), "log");
    expect(error.code).toBe("GIT_FAILED");
    expect(error.message).toBe("git log failed: fatal: detected dubious ownership in repository at '/work/repo'; To add an exception for this directory, call:; \tgit config --global --add safe.directory /work/repo");
    expect(error.hint).toMatch(/belongs to another user.*safe\.directory.*docs\/ci\.md#a-checkout-owned-by-another-user$/);
  });

  it("other git failures get no such hint", () => {
    expect(toGitError(new Error("fatal: bad revision 'x'"), "log").hint).toBeUndefined();
  });
});
