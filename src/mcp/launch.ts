import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isTasksError } from "../app/errors.js";
import { sanitizeLine } from "../render/sanitize.js";
import { startMcpServer } from "./server.js";

/**
 * `tasks mcp` straight from the launcher (bin/tasks.cjs), without the command program: an agent
 * client starts the server often, and waits for it each time. `tasks mcp --help` and anything
 * unusual still go through the program.
 */
export async function launch(cwdArgument: string | undefined): Promise<number> {
  const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  try {
    await startMcpServer({
      cwd: cwdArgument === undefined ? process.cwd() : resolve(cwdArgument),
      version,
      env: process.env,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    });
    return 0;
  } catch (error) {
    if (!isTasksError(error)) throw error;
    process.stderr.write(`error: ${sanitizeLine(error.message)} [${error.code}]\n${error.hint ? `hint: ${sanitizeLine(error.hint)}\n` : ""}`);
    return error.exitCode;
  }
}
