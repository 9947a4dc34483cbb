import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { Config } from "../domain/config.js";
import type { RandomBytes } from "../domain/ids.js";
import type { GitPort } from "../git/git.js";
import type { Mode } from "../render/output.js";
import { resolveMode } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { workflowGuard } from "../render/workflow-guard.js";
import { plainStyle, type Style } from "../render/style.js";
import type { TaskStore } from "../storage/task-store.js";
import { TasksError } from "./errors.js";
import type { Prompts } from "./prompts.js";
import { type Settings, wantsColor } from "./settings.js";

/**
 * The composition root. Side effects are created here once and handed to commands: the clock,
 * randomness, the terminal, git, the repository. Everything heavy is created lazily, so `--help`
 * needs no repository and loads no YAML, git or prompt library.
 */

export interface OutStream extends Writable {
  isTTY?: boolean;
  columns?: number;
}

export interface System {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdinIsTTY: boolean;
  /** Created only when a prompt needs it, so an idle stdin never holds the process open. */
  readonly stdin: () => Readable;
  readonly now: () => Date;
  readonly machineZone: string;
  readonly randomBytes: RandomBytes;
}

export interface GlobalOptions {
  readonly json: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
  /** `-C <path>`: run as if started there. */
  readonly cwd: string | undefined;
}

export interface Repo {
  readonly root: string;
  readonly gitDir: string;
  readonly config: Config;
  readonly store: TaskStore;
}

export interface Deps {
  readonly system: System;
  readonly settings: Settings;
  options: GlobalOptions;
  /** Set by a command whose result is not plain success (check's 3, say). */
  exitCode: number;
  now(): Date;
  readerZone(): Promise<string>;
  readonly random: RandomBytes;
  /** Absolute start folder (after -C). */
  cwd(): string;
  repo(): Promise<Repo>;
  git(): Promise<GitPort>;
  mode(): Mode;
  width(): number;
  style(): Promise<Style>;
  canPrompt(): boolean;
  prompts(): Promise<Prompts>;
  /** Writes result text to stdout. A closed pipe is not an error: the rest is dropped quietly. */
  out(text: string): void;
  /**
   * Writes GitHub workflow commands the caller built and escaped itself (check's annotations):
   * the one output that is not made inert under GitHub Actions.
   */
  outWorkflowCommands(text: string): void;
  /** Text for stderr made inert for a CI log (under GitHub Actions; as is elsewhere). */
  ciSafe(text: string, json?: boolean): string;
  /** After a command succeeded: keeps what the next run can reuse (zone tables). Best effort. */
  finish(): void;
  /** A warning line on stderr (sanitized), unless --quiet. */
  warn(text: string): void;
  /** Narration on stderr for people (human mode only), unless --quiet. */
  note(text: string): void;
}

export function createDeps(system: System, settings: Settings, toolVersion = "dev"): Deps {
  let repo: Promise<Repo> | undefined;
  let git: Promise<GitPort> | undefined;
  let zone: Promise<string> | undefined;
  let stdoutClosed = false;
  let keep: (() => void) | undefined;
  system.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") stdoutClosed = true;
    else throw error;
  });
  let pinned: Date | undefined;
  if (settings.pinnedNow !== undefined) {
    pinned = new Date(settings.pinnedNow);
    if (Number.isNaN(pinned.getTime())) {
      throw new TasksError("USAGE", `TASKS_NOW="${settings.pinnedNow}" is not an ISO date-time`, { hint: "use a value like 2026-11-20T09:00:00Z" });
    }
  }

  const deps: Deps = {
    system,
    settings,
    options: { json: false, color: true, quiet: false, cwd: undefined },
    exitCode: 0,
    now: () => pinned ?? system.now(),
    readerZone() {
      zone ??= import("../domain/time.js").then(({ isValidZone }) => (isValidZone(settings.zone) ? settings.zone : "UTC"));
      return zone;
    },
    random: system.randomBytes,
    cwd: () => (deps.options.cwd ? resolve(system.cwd, deps.options.cwd) : system.cwd),
    repo() {
      repo ??= (async () => {
        const [{ findRepo }, { loadConfig }, { TaskStore }, { useZoneTableStore, keepZoneTables }, { zoneTableFile }, { folderState }] = await Promise.all([
          import("../storage/repo-root.js"),
          import("../storage/config-store.js"),
          import("../storage/task-store.js"),
          import("../domain/zone-tables.js"),
          import("../storage/parse-cache.js"),
          // Loaded now, with the rest, so that a read's git processes start as soon as it asks.
          import("../git/work-state.js"),
          import("../git/simple-git-client.js"),
        ]);
        const location = await findRepo(deps.cwd(), settings.ceilingDirectories);
        useZoneTableStore(zoneTableFile(location.gitDir));
        keep = keepZoneTables;
        const { config, warnings } = await loadConfig(location.root, settings.noCache ? undefined : location.gitDir);
        for (const warning of warnings) deps.warn(`warning: ${warning}`);
        // Reads list the folder from git's index and status, and look clean files up by blob id.
        const gitView = async () => folderState(await deps.git(), config.tasksDir, { readOnly: true });
        const cache = settings.noCache ? undefined : { gitDir: location.gitDir, tool: toolVersion, gitView };
        return { ...location, config, store: new TaskStore(location.root, config, cache) };
      })();
      return repo;
    },
    git() {
      git ??= (async () => {
        const [{ root }, { createGitClient }] = await Promise.all([deps.repo(), import("../git/simple-git-client.js")]);
        return createGitClient(root, settings.env);
      })();
      return git;
    },
    finish() {
      keep?.();
    },
    mode: () => resolveMode(deps.options.json, system.stdout.isTTY === true),
    width: () => Math.max(40, system.stdout.columns ?? 100),
    async style() {
      if (!wantsColor(settings, system.stdout.isTTY === true, deps.options.color)) return plainStyle;
      const { createChalkStyle } = await import("./chalk-style.js");
      return createChalkStyle();
    },
    canPrompt: () => system.stdinIsTTY && system.stdout.isTTY === true && !settings.ci,
    async prompts() {
      const { createPrompts } = await import("./prompts.js");
      return createPrompts(system);
    },
    out(text) {
      if (stdoutClosed || text === "") return;
      system.stdout.write(deps.ciSafe(text, deps.mode() === "json"));
    },
    outWorkflowCommands(text) {
      if (stdoutClosed || text === "") return;
      system.stdout.write(text);
    },
    ciSafe: workflowGuard(settings.githubActions),
    warn(text) {
      if (deps.options.quiet) return;
      system.stderr.write(deps.ciSafe(`${sanitizeLine(text)}\n`));
    },
    note(text) {
      if (deps.options.quiet || deps.mode() !== "human") return;
      system.stderr.write(deps.ciSafe(`${text}\n`));
    },
  };
  return deps;
}
