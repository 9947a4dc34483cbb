import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/deps.js";
import { parseSettings } from "../../src/app/settings.js";
import { buildProgram, commandNames, commandWord, helpArgv } from "../../src/program.js";

function deps() {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false, columns: 80 });
  return createDeps(
    { env: {}, cwd: "/", stdout: stream(), stderr: stream(), stdinIsTTY: false, stdin: () => new PassThrough(), now: () => new Date(0), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) },
    parseSettings({}, "UTC"),
  );
}

describe("command loading", () => {
  it.each([
    [["list"], "list"],
    [["-C", "repo", "--json", "ls", "--all"], "ls"],
    [["--no-color", "-q", "claim", "k7"], "claim"],
    [["--help"], undefined],
    [[], undefined],
  ])("finds the command word in %j", (argv, word) => {
    expect(commandWord(argv)).toBe(word);
  });

  it.each([
    [["help"], ["--help"]],
    [["help", "list"], ["list", "--help"]],
    [["help", "report", "weekly"], ["report", "weekly", "--help"]],
    [["-C", "repo", "help", "claim"], ["-C", "repo", "claim", "--help"]],
    [["-C", "help", "list"], ["-C", "help", "list"]],
    [["help", "help"], ["--help"]],
    [["help", "lst"], ["lst"]],
    [["help", "--json"], ["--json", "--help"]],
    [["list", "help"], ["list", "help"]],
  ])("tasks help: %j runs as %j", (argv, expected) => {
    expect(helpArgv(argv)).toEqual(expected);
  });

  it("every name in the table loads the module that registers it", async () => {
    for (const name of commandNames()) {
      const program = await buildProgram(deps(), "0.0.0", [name]);
      const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      expect(names, name).toContain(name);
    }
  });

  it("help and unknown words load every command", async () => {
    const all = await buildProgram(deps(), "0.0.0", ["--help"]);
    const registered = all.commands.flatMap((c) => [c.name(), ...c.aliases()]).sort();
    expect(registered).toEqual([...commandNames()].sort());
    expect((await buildProgram(deps(), "0.0.0", ["lst"])).commands.length).toBe(all.commands.length);
  });
});
