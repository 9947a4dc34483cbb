#!/usr/bin/env node
// The launcher. CommonJS on purpose: `tasks --version` and `tasks --help`, the commonest first
// commands, are answered here with one file read, before node's ES-module loader starts (that
// loader alone costs about a tenth of node's start-up, the tool's module graph much more).
// Everything else goes to main() in dist/ (built from src/ by `npm run build`), which gets the
// process's streams, environment and clock and returns the exit code.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const argv = process.argv.slice(2);

/** The answer to `--version` or `--help` alone, or undefined: then the program decides. */
function fastAnswer() {
  if (argv.length !== 1) return undefined;
  if (argv[0] === "--version" || argv[0] === "-V") {
    return `${JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version}\n`;
  }
  if (argv[0] !== "--help" && argv[0] !== "-h") return undefined;
  // dist/help.txt is the program's own help for an 80-column terminal, written by the build
  // (scripts/build-help.mjs); a narrower terminal gets it rendered to its width.
  if (process.stdout.isTTY && (process.stdout.columns ?? 80) < 80) return undefined;
  try {
    return readFileSync(join(__dirname, "..", "dist", "help.txt"), "utf8");
  } catch {
    return undefined;
  }
}

const answer = fastAnswer();
if (answer !== undefined) {
  // A reader that went away (`tasks --help | head -1`) is not an error.
  process.stdout.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
  process.stdout.write(answer);
} else {
  const { isatty } = require("node:tty");
  import("../dist/main.js").then(async ({ main }) => {
    process.exitCode = await main(argv, {
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
  });
}
