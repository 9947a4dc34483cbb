import { describe, expect, it } from "vitest";
import { commitIdFromSummary } from "./commit-summary.js";

const SHA1 = "4e734838e4d6bef3af36622e214a5e8f3649b385";
const SHA256 = "9f2c0d6b6a1e4b2f8c3d5e7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c";

describe("the commit id in git commit's summary line", () => {
  it.each([
    [`[main ${SHA1}] tasks: comment k7m2q Fix login\n 1 file changed, 1 insertion(+)\n`, SHA1],
    [`[main (root-commit) ${SHA1}] first\n`, SHA1],
    [`[detached HEAD ${SHA1}] tasks: start k7m2q x\n`, SHA1],
    [`[we]ird/br ${SHA1}] second`, SHA1],
    [`[feature/k7m2q-login ${SHA256}] sha-256 repository\n`, SHA256],
    [`[main ${SHA1}]\n`, SHA1],
  ])("reads %j", (stdout, id) => {
    expect(commitIdFromSummary(stdout)).toBe(id);
  });

  it.each([
    ["an abbreviated id", "[main 4e73483] tasks: comment\n"],
    ["an id that only the subject holds", `[main 4e73483] x ${SHA1}] y\n`],
    ["an id on a later line", `warning: something\n[main ${SHA1}] x\n`],
    ["nothing", ""],
    ["other words", `On branch main\nnothing to commit ${SHA1}\n`],
    ["upper-case hex", `[main ${SHA1.toUpperCase()}] x\n`],
  ])("gives undefined for %s (the caller asks git)", (_what, stdout) => {
    expect(commitIdFromSummary(stdout)).toBeUndefined();
  });
});
