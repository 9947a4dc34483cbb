import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { type CliResult, PROJECT_ROOT, runCli } from "./cli.js";
import { TEST_ROOT } from "./env.js";
import { type PtyOptions, type PtyResult, runPty } from "./pty.js";

/**
 * Runs the CLI against hostile input the way the promises in docs/security.md are proved: in a
 * child process with a time limit, with code generation from strings off, CI set and stdin empty
 * (so nothing may wait for input), and a probe preloaded that reports canaries and peak memory.
 * The checks on a run's output are shared by every hostile test.
 */

export const PROBE = join(PROJECT_ROOT, "test", "helpers", "hostile-probe.mjs");
/** Every run must finish well inside this (a hang is a failure, not a slow test). */
export const TIME_LIMIT_MS = 20_000;
/**
 * Peak resident memory any run may reach. The CLI peaks at 60-80 MiB on the corpus; reading its
 * 100 MB file whole, or expanding an alias bomb, would not fit.
 */
export const MEMORY_LIMIT_KIB = 150 * 1024;

export interface ProbeReport {
  readonly code: number;
  readonly tripped: readonly string[];
  readonly codeGenerationBlocked: boolean;
  readonly maxRssKiB: number;
}

export interface HostileRun extends CliResult {
  readonly args: readonly string[];
  readonly probe: ProbeReport | undefined;
}

function probeFile(): { path: string; read: () => ProbeReport | undefined } {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-probe-"));
  const path = join(dir, `${randomBytes(4).toString("hex")}.json`);
  return {
    path,
    read: () => {
      try {
        return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as ProbeReport) : undefined;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The CI environment every hostile run gets unless a test says otherwise. */
export const CI_ENV = { CI: "true" } as const;

export async function runHostile(args: readonly string[], options: { cwd: string; env: Record<string, string>; input?: string }): Promise<HostileRun> {
  const probe = probeFile();
  const result = await runCli(args, {
    cwd: options.cwd,
    env: { ...CI_ENV, ...options.env, TASKS_PROBE_FILE: probe.path },
    preload: PROBE,
    timeoutMs: TIME_LIMIT_MS,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { ...result, args, probe: probe.read() };
}

export async function runHostilePty(args: readonly string[], options: PtyOptions): Promise<PtyResult & { probe: ProbeReport | undefined }> {
  const probe = probeFile();
  const result = await runPty(args, { timeout: TIME_LIMIT_MS / 1000, ...options, env: { ...options.env, TASKS_PROBE_FILE: probe.path }, preload: PROBE });
  return { ...result, probe: probe.read() };
}

// C0 controls but \n and \t, DEL, C1, every format character (bidi controls, zero-width, tag
// characters, soft hyphen…), the invisible fillers and joiners, line/paragraph separators, and lone
// surrogates: nothing of this may reach a terminal or a log. Written apart from src/, by category.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Cs}\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\u2028\u2029\u2065\u{e0000}-\u{e007f}]/u;
const STACK_TRACE = /^\s+at .+(?:\(|:\d+:\d+)|node:internal|^\w*(?:Error|Exception): /m;

export function describeUnsafe(text: string): string | undefined {
  const match = UNSAFE.exec(text);
  if (!match) return undefined;
  const at = match.index;
  return `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`;
}

/** What reaches a pipe: no control, escape, bidi or invisible character at all. */
export function expectInert(text: string, label: string): void {
  expect(describeUnsafe(text), `${label} carries a raw control, bidi or invisible character`).toBeUndefined();
}

/** The same for a terminal that may show colour: only SGR sequences (`\x1b[…m`) are allowed. */
export function expectInertWithColour(text: string, label: string): void {
  expectInert(text.replace(/\x1b\[[0-9;]*m/g, ""), label);
}

export function expectNoStackTrace(text: string, label: string): void {
  expect(STACK_TRACE.exec(text)?.[0], `${label} shows a stack trace`).toBeUndefined();
}

/**
 * A template that loops until Liquid's 2-second limit stops it leaves garbage V8 has not collected
 * yet: up to about 150 MiB, whatever the loop prints (the note itself stops at 1 MB).
 */
export const TEMPLATE_MEMORY_LIMIT_KIB = 200 * 1024;

/** The probe's verdict: it ran to the end, nothing it planted was touched, eval was off, memory stayed bounded. */
export function expectProbeClean(probe: ProbeReport | undefined, label: string, memoryKiB = MEMORY_LIMIT_KIB): void {
  expect(probe, `${label}: no probe report (the process was killed or never started)`).toBeDefined();
  expect(probe?.tripped, `${label}: canaries`).toEqual([]);
  expect(probe?.codeGenerationBlocked, `${label}: code generation from strings was not disallowed`).toBe(true);
  expect(probe?.maxRssKiB, `${label}: peak resident memory (KiB)`).toBeLessThan(memoryKiB);
}

/** Everything every hostile run must satisfy, whatever the command. */
export function expectSafeRun(run: HostileRun, codes: readonly number[], memoryKiB = MEMORY_LIMIT_KIB): void {
  const label = `tasks ${run.args.join(" ")}`;
  expect(run.timedOut, `${label} timed out`).toBeUndefined();
  expect(codes, `${label} exit code ${run.code}; stderr: ${run.stderr}`).toContain(run.code);
  expectInert(run.stdout, `${label} stdout`);
  expectInert(run.stderr, `${label} stderr`);
  expectNoStackTrace(run.stdout + run.stderr, label);
  expectProbeClean(run.probe, label, memoryKiB);
}

/**
 * A digest of every byte a command could change: the working tree (symlinks by target, files by
 * content; a file over 1 MiB by size and modification time, so a sparse 100 MB file is not read)
 * and .git, except what git itself changes on a commit (objects, refs, logs, index,
 * COMMIT_EDITMSG) and the tool's own bookkeeping (tasks-cache, tasks.lock, tasks-journal).
 */
const GIT_SKIPPED = new Set([".git/objects", ".git/refs", ".git/logs", ".git/index", ".git/COMMIT_EDITMSG", ".git/tasks-cache", ".git/tasks.lock", ".git/tasks-journal"]);

export function treeDigest(root: string): Map<string, string> {
  const digest = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (GIT_SKIPPED.has(path)) continue;
      const full = join(root, path);
      if (entry.isSymbolicLink()) digest.set(path, `link:${readlinkSync(full)}`);
      else if (entry.isDirectory()) walk(path);
      else {
        const stat = lstatSync(full);
        digest.set(path, stat.size > 1024 * 1024 ? `big:${stat.size}:${stat.mtimeMs}` : createHash("sha256").update(readFileSync(full)).digest("hex"));
      }
    }
  };
  walk("");
  return digest;
}

/** Paths added, removed or changed between two digests, sorted. */
export function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}
