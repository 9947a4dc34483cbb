#!/usr/bin/env node
// The launcher: hands the process's streams, environment and clock to main() and sets the exit
// code it returns. Everything else lives in dist/ (built from src/ by `npm run build`).
import { isatty } from "node:tty";
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: isatty(0),
  stdin: () => process.stdin,
  now: () => new Date(),
  machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  randomBytes: (count) => globalThis.crypto.getRandomValues(new Uint8Array(count)),
});
