import { describe, expect, it } from "vitest";
import { gitReason, isPushRace, isUnreachable } from "./remote-errors.js";

describe("remote errors, read from git's own words", () => {
  it.each([
    ["a renamed or missing local remote", "fatal: '/tmp/r.git' does not appear to be a git repository\nfatal: Could not read from remote repository.", true],
    ["no network", "fatal: unable to access 'https://example.com/r.git/': Could not resolve host: example.com", true],
    ["ssh down", "ssh: connect to host example.com port 22: Connection refused", true],
    ["a rejected push is not offline", " ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs", false],
    ["authentication is not offline", "remote: Invalid username or password.\nfatal: Authentication failed for 'https://example.com/r.git/'", false],
  ])("isUnreachable: %s", (_name, message, expected) => {
    expect(isUnreachable(message)).toBe(expected);
  });

  it.each([
    ["fetch first", "To /r.git\n ! [rejected]        abc -> main (fetch first)\nerror: failed to push some refs to '/r.git'", true],
    ["non-fast-forward", " ! [rejected]        main -> main (non-fast-forward)", true],
    ["the remote's compare-and-swap failed", " ! [remote rejected] HEAD -> main (failed to update ref)", true],
    ["a protected branch", " ! [remote rejected] main -> main (protected branch hook declined)", false],
    ["a pre-receive hook", " ! [remote rejected] main -> main (pre-receive hook declined)", false],
  ])("isPushRace: %s", (_name, message, expected) => {
    expect(isPushRace(message)).toBe(expected);
  });

  it("gitReason picks git's first meaningful line without hints", () => {
    expect(gitReason("To /r.git\n ! [remote rejected] main -> main (pre-receive hook declined)\nhint: see docs\nerror: failed to push")).toBe(
      "! [remote rejected] main -> main (pre-receive hook declined)",
    );
    expect(gitReason("fatal: 'x' does not appear to be a git repository\nfatal: Could not read from remote repository.")).toBe("'x' does not appear to be a git repository");
  });
});
