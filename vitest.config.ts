import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Every test runs with eval and `new Function` switched off (reliability.md E1): a code path that
// generates code from strings, ours or a dependency's, fails where it runs. Only the workers get
// the flag: Vite's transform pipeline in the main process does not work under it.
const execArgv = ["--disallow-code-generation-from-strings"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/integration/**/*.test.ts"],
          environment: "node",
          execArgv,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          environment: "node",
          execArgv,
          // The scenarios mostly wait on the CLI processes they spawn: one file per core, not cores - 1.
          maxWorkers: availableParallelism(),
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
