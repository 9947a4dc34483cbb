import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, onTestFinished } from "vitest";

/**
 * An isolated environment for spawned git and tasks processes: HOME and the global git config in
 * a temp folder, no system config, no colour, UTC, a pinned clock, and git never walking up out of
 * the temp area into the developer's own repository.
 *
 * HOME is `home` when given (the caller creates the folder's parent and removes it, as makeRepo
 * does), else a fresh temp folder removed when the current test (or describe block) finishes; in
 * a beforeAll hook a `home` is required, so no run leaves temp folders behind.
 */

export const TEST_ROOT = realpathSync(tmpdir());

export function isolatedEnv(extra: Record<string, string | undefined> = {}, homeDir?: string): Record<string, string> {
  const home = homeDir ?? testHome();
  mkdirSync(home, { recursive: true });
  const globalConfig = join(home, ".gitconfig");
  writeFileSync(globalConfig, "");
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CEILING_DIRECTORIES: TEST_ROOT,
    GIT_TERMINAL_PROMPT: "0",
    TZ: "UTC",
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    TASKS_NOW: "2026-11-20T09:00:00Z",
    GIT_AUTHOR_DATE: "2026-11-20T09:00:00Z",
    GIT_COMMITTER_DATE: "2026-11-20T09:00:00Z",
    ...extra,
  };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  return env;
}

/** A temp HOME removed when the current test ends, or, called in a describe block, after its tests. */
function testHome(): string {
  const home = mkdtempSync(join(TEST_ROOT, "tasks-home-"));
  const remove = (): void => rmSync(home, { recursive: true, force: true });
  for (const register of [onTestFinished, afterAll]) {
    try {
      register(remove);
      return home;
    } catch {
      // not inside a test (or not inside a describe block): try the next way
    }
  }
  remove();
  throw new Error("isolatedEnv() outside a test or describe block needs a home folder the caller removes: isolatedEnv(extra, join(base, 'home'))");
}
