import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, PROJECT_ROOT, runCli } from "../helpers/cli.js";
import { isolatedEnv } from "../helpers/env.js";

beforeAll(assertBuilt);

/** `--version` and `--help` answer without loading the commands; the answers must not drift. */
describe("start-up fast paths", () => {
  const env = isolatedEnv();

  it("--help printed from the build equals the help the program renders", async () => {
    const fast = await runCli(["--help"], { cwd: PROJECT_ROOT, env });
    const rendered = await runCli(["--help", "--no-color"], { cwd: PROJECT_ROOT, env });
    expect(fast.code).toBe(0);
    expect(fast.stdout).toContain("Usage: tasks [options] [command]");
    expect(fast.stdout).toBe(rendered.stdout);
    expect((await runCli(["-h"], { cwd: PROJECT_ROOT, env })).stdout).toBe(rendered.stdout);
  });

  it("--version prints the package version", async () => {
    const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(await runCli(["--version"], { cwd: PROJECT_ROOT, env })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await runCli(["-V"], { cwd: PROJECT_ROOT, env })).stdout).toBe(`${version}\n`);
  });
});
