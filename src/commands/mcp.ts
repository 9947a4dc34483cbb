import { resolve } from "node:path";
import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { withExamples } from "./shared/help.js";

export function registerMcp(program: Command, deps: Deps): void {
  const command = program
    .command("mcp")
    .description("serve this repository's tasks to AI agents: a Model Context Protocol server on stdin/stdout (tools for every read and change, resources task://<id> and roster://team)")
    .option("--cwd <dir>", "the repository to serve (default: the current folder); nothing outside it is reachable");
  withExamples(command, [
    "tasks mcp                       # started by an agent client, not by hand",
    "tasks mcp --cwd ~/src/payments",
    'claude mcp add tasks -- tasks mcp # or in .mcp.json: {"mcpServers":{"tasks":{"command":"tasks","args":["mcp"]}}}',
  ]);
  command.action(async (flags: { cwd?: string }) => {
    const { startMcpServer } = await import("../mcp/server.js");
    const { system } = deps;
    await startMcpServer({
      cwd: flags.cwd === undefined ? deps.cwd() : resolve(deps.cwd(), flags.cwd),
      version: program.version() ?? "dev",
      env: system.env,
      stdin: system.stdin(),
      stdout: system.stdout,
      stderr: system.stderr,
      machineZone: system.machineZone,
    });
  });
}
