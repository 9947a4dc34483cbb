import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo } from "../helpers/repo.js";
import { commandsFromHelp } from "../helpers/help-commands.js";

beforeAll(assertBuilt);

/**
 * Every command `tasks --help` lists (aliases too) is run by at least one end-to-end scenario, so
 * a new command without an e2e test fails CI. A scenario "runs" a command when an argument array
 * in it starts with the command's name: `repo.tasks(["claim", id])`, `runPty(["done", id])`,
 * `[["start", "k7"], …]`.
 */

const HERE = dirname(fileURLToPath(import.meta.url));

describe("e2e coverage of the command list", () => {
  it("every command in tasks --help appears in at least one e2e scenario file", async () => {
    const repo = makeRepo({ initialCommit: false });
    const help = await repo.tasks(["--help"]);
    expect(help.code).toBe(0);
    const commands = commandsFromHelp(help.stdout);
    expect(commands).toEqual(expect.arrayContaining(["init", "new", "list", "ls", "show", "board", "claim", "done", "log"]));

    const scenarios = readdirSync(HERE)
      .filter((name) => name.endsWith(".e2e.test.ts") && name !== basename(fileURLToPath(import.meta.url)))
      .map((name) => readFileSync(join(HERE, name), "utf8"));
    const uncovered = commands.filter((command) => !scenarios.some((text) => new RegExp(`\\[\\s*"${command}"\\s*[,\\]]`).test(text)));
    expect(uncovered, "commands without an e2e scenario (add one under test/e2e/)").toEqual([]);
  });

  it("every command in tasks --help has a section in docs/commands.md", async () => {
    const repo = makeRepo({ initialCommit: false });
    const commands = commandsFromHelp((await repo.tasks(["--help"])).stdout);
    const headings = readFileSync(join(HERE, "..", "..", "docs", "commands.md"), "utf8")
      .split("\n")
      .filter((line) => /^#{2,3} /.test(line));
    const named = (command: string) => headings.some((h) => h.includes(`\`tasks ${command}\``) || h.includes(`\`tasks ${command} `) || h.includes(`\`${command}\``));
    expect(commands.filter((command) => !named(command)), "commands without a section in docs/commands.md").toEqual([]);
  });
});
