#!/usr/bin/env node
// The launcher. CommonJS on purpose: `tasks --version` and `tasks --help`, the commonest first
// commands, are answered here with one file read, before node's ES-module loader starts (that
// loader alone costs about a tenth of node's start-up, the tool's module graph much more).
// `tasks mcp` (started by agent clients), shell completion's word lists (`tasks __complete …`,
// run on every Tab) and the commit hook's work (`tasks hook run-prepare-commit-msg`, run at every
// commit) skip the command program too. Everything else goes to main() in dist/ (built from src/ by `npm run build`),
// which gets the process's streams, environment and clock and returns the exit code.
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

const argv = process.argv.slice(2);
const root = join(__dirname, "..");

// `tasks completion <shell>`, often run by every new shell (eval in ~/.bashrc): the build's file.
const COMPLETION_FILES = { bash: "tasks.bash", zsh: "_tasks", fish: "tasks.fish" };

/** The answer to `--version`, `--help`, `help` or `completion <shell>` alone, or undefined: then the program decides. */
function fastAnswer() {
  if (argv.length === 2 && argv[0] === "completion" && Object.hasOwn(COMPLETION_FILES, argv[1])) {
    try {
      return readFileSync(join(root, "dist", "completion", COMPLETION_FILES[argv[1]]), "utf8");
    } catch {
      return undefined;
    }
  }
  if (argv.length !== 1) return undefined;
  if (argv[0] === "--version" || argv[0] === "-V") {
    return `${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}\n`;
  }
  if (argv[0] !== "--help" && argv[0] !== "-h" && argv[0] !== "help") return undefined;
  // dist/help.txt is the program's own help for an 80-column terminal, written by the build
  // (scripts/build-help.mjs); a narrower terminal gets it rendered to its width.
  if (process.stdout.isTTY && (process.stdout.columns ?? 80) < 80) return undefined;
  try {
    return readFileSync(join(root, "dist", "help.txt"), "utf8");
  } catch {
    return undefined;
  }
}

/** One line instead of node's stack trace when the package was not built (a git checkout, a pack without prepack). */
function loadFailed(error) {
  if (!existsSync(join(root, "dist", "main.js"))) {
    process.stderr.write(`error: git-tasks is not built: dist/main.js is missing (run \`npm run build\` in ${root}, or install the published package)\n`);
  } else if (error && error.code === "ERR_MODULE_NOT_FOUND" && process.env.TASKS_DEBUG !== "1") {
    const what = String(error.message).split("\n")[0];
    process.stderr.write(`error: git-tasks is incomplete: ${what} (run \`npm install\` in ${root}, or reinstall the package)\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}

/** For `tasks mcp`, `tasks mcp --cwd <dir>` or `tasks mcp --cwd=<dir>`: the folder (undefined: here); false otherwise. */
function mcpCwd() {
  if (argv[0] !== "mcp") return false;
  if (argv.length === 1) return undefined;
  if (argv.length === 2 && argv[1].startsWith("--cwd=") && argv[1].length > 6) return argv[1].slice(6);
  if (argv.length === 3 && argv[1] === "--cwd" && argv[2] !== "" && !argv[2].startsWith("-")) return argv[2];
  return false;
}

const answer = fastAnswer();
if (answer !== undefined) {
  // A reader that went away (`tasks --help | head -1`) is not an error.
  process.stdout.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
  process.stdout.write(answer);
} else if (mcpCwd() !== false) {
  // `tasks mcp [--cwd <dir>]`, started by agent clients: the server without the command program.
  import("../dist/mcp/launch.js").then(async ({ launch }) => {
    process.exitCode = await launch(mcpCwd());
  }, loadFailed);
} else if (argv[0] === "hook" && argv[1] === "run-prepare-commit-msg") {
  // Run by the prepare-commit-msg hook at every commit: straight to its module, and never an
  // exit code that could stop the commit.
  import("../dist/app/hook-run.js").then(
    async ({ runPrepareCommitMsg }) => {
      await runPrepareCommitMsg(argv.slice(2), {
        env: process.env,
        cwd: process.cwd(),
        stdout: process.stdout,
        stderr: process.stderr,
        stdinIsTTY: false,
        stdin: () => process.stdin,
        now: () => new Date(),
        machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
        randomBytes: (count) => globalThis.crypto.getRandomValues(new Uint8Array(count)),
      });
      process.exitCode = 0;
    },
    () => {
      process.exitCode = 0;
    },
  );
} else if (argv[0] === "__complete") {
  import("../dist/app/complete-words.js").then(
    async ({ completeWords }) => {
      process.exitCode = await completeWords(argv.slice(1), { cwd: process.cwd(), env: process.env, stdout: process.stdout });
    },
    loadFailed,
  );
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
  }, loadFailed);
}
