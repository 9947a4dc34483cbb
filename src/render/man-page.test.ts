import { describe, expect, it } from "vitest";
import { renderManPage, roffText } from "./man-page.js";

describe("roffText", () => {
  it.each([
    ["plain words", "plain words"],
    ["--owner <who>", "\\-\\-owner <who>"],
    ["C:\\path", "C:\\epath"],
    [".tasks/config.yml", "\\&.tasks/config.yml"],
    ["'quoted' start", "\\&'quoted' start"],
    ["a . in the middle", "a . in the middle"],
    ["caf\u00e9 \u2192 \u{1F600}", "caf\\[u00E9] \\[u2192] \\[u1F600]"],
    ["bell\u0007 esc\u001b[31m", "bell esc[31m"],
  ])("%j → %j", (text, roff) => {
    expect(roffText(text)).toBe(roff);
  });
});

describe("renderManPage", () => {
  it("keeps help text verbatim in no-fill blocks, and no text line reads as a request", () => {
    const page = renderManPage({
      name: "git-tasks",
      version: "1.2.3",
      summary: "tasks in git",
      help: "Usage: tasks\n\n.hidden request\n'another\n",
      commands: [{ path: "list", help: "Usage: tasks list\n  -a, --all\n" }],
      seeAlso: "git(1)",
    });
    expect(page).toBe(
      [
        '.TH "GIT\\-TASKS" "1" "" "git\\-tasks 1.2.3" "User Commands"',
        ".SH NAME",
        "git\\-tasks \\- tasks in git",
        ".SH SYNOPSIS",
        ".B tasks",
        "[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]",
        ".br",
        ".B git tasks",
        "[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]",
        ".SH DESCRIPTION",
        "The help below is the program's own: \\fBtasks help\\fR \\fIcommand\\fR (or \\fBtasks\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR) prints the part about one command.",
        ".PP",
        ".nf",
        "Usage: tasks",
        "",
        "\\&.hidden request",
        "\\&'another",
        ".fi",
        ".SH COMMANDS",
        '.SS "tasks list"',
        ".nf",
        "Usage: tasks list",
        "  \\-a, \\-\\-all",
        ".fi",
        ".SH SEE ALSO",
        "git(1)",
        "",
      ].join("\n"),
    );
  });
});
