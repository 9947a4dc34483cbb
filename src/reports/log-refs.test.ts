import { describe, expect, it } from "vitest";
import { parseRefNames } from "../git/log-format.js";

describe("parseRefNames (handoff: branches at commits that mention a task)", () => {
  it.each([
    ["HEAD -> main, origin/main, feat/k7m2q", ["feat/k7m2q"]],
    ["tag: v1.2, origin/feat/x, origin/HEAD", ["origin/feat/x"]],
    ["HEAD -> feat/k7m2q, origin/feat/k7m2q", []],
    ["", []],
  ])("%s", (decoration, names) => expect(parseRefNames(decoration)).toEqual(names));
});
