import { spawnSync } from "node:child_process";
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

  it("npm's bin entries name the CommonJS launcher; the old bin/tasks.js (in merge drivers registered earlier) still runs every command", () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
    expect(manifest.bin).toEqual({ tasks: "bin/tasks.cjs", "git-tasks": "bin/tasks.cjs" });
    const old = (args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "bin", "tasks.js"), ...args], { cwd: PROJECT_ROOT, env, encoding: "utf8" });
    expect(old(["--version"]).stdout).toBe(`${manifest.version}\n`);
    const slow = old(["list", "--help"]);
    expect(slow.status).toBe(0);
    expect(slow.stdout).toContain("Usage: tasks list|ls [options]");
  });

  it("--version prints the package version", async () => {
    const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(await runCli(["--version"], { cwd: PROJECT_ROOT, env })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect((await runCli(["-V"], { cwd: PROJECT_ROOT, env })).stdout).toBe(`${version}\n`);
  });
});
