import { describe, expect, it } from "vitest";
import { parseSettings, wantsColor } from "./settings.js";

describe("wantsColor", () => {
  const cases: [string, Record<string, string>, boolean, boolean, boolean][] = [
    // name, env, stdout is a TTY, --color (not --no-color), colour?
    ["a terminal", {}, true, true, true],
    ["a pipe", {}, false, true, false],
    ["TERM=dumb on a terminal", { TERM: "dumb" }, true, true, false],
    ["TERM=dumb with FORCE_COLOR", { TERM: "dumb", FORCE_COLOR: "1" }, true, true, true],
    ["TERM=xterm-256color", { TERM: "xterm-256color" }, true, true, true],
    ["FORCE_COLOR on a pipe", { FORCE_COLOR: "1" }, false, true, true],
    ["FORCE_COLOR=0", { FORCE_COLOR: "0" }, false, true, false],
    ["NO_COLOR beats FORCE_COLOR", { NO_COLOR: "1", FORCE_COLOR: "1" }, true, true, false],
    ["an empty NO_COLOR is unset", { NO_COLOR: "" }, true, true, true],
    ["--no-color beats FORCE_COLOR", { FORCE_COLOR: "1" }, true, false, false],
  ];
  it.each(cases)("%s", (_name, env, tty, option, expected) => {
    expect(wantsColor(parseSettings(env, "UTC"), tty, option)).toBe(expected);
  });
});
