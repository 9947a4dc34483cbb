import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mergeDriverCommand, shellQuote } from "./merge-driver-setup.js";

describe("the merge driver's command line", () => {
  it.each([["/usr/bin/node"], ["/Users/Ann Lee/.nvm/node"], ["/opt/it's here/node"], ["/tmp/$(echo injected)/`echo ticks`/node"]])("quotes %s so the shell reads it back unchanged", (path) => {
    expect(execFileSync("sh", ["-c", `printf '%s' ${shellQuote(path)}`], { encoding: "utf8" })).toBe(path);
  });

  it("hands git's placeholders to the launcher", () => {
    expect(mergeDriverCommand("/usr/bin/node", "/pkg/bin/tasks.js")).toBe("'/usr/bin/node' '/pkg/bin/tasks.js' merge-driver %O %A %B %P");
  });
});
