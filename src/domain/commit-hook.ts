import { idsInBranchName } from "./code-links.js";
import { isValidId } from "./ids.js";

/**
 * The `prepare-commit-msg` hook `tasks hook install` writes, and the choice it makes at each
 * commit. Pure: the script's text from the paths resolved at install time, and the task a commit
 * is for from the branch name, the ids and the user's active tasks.
 *
 * The script is small POSIX sh. It runs the hook it replaced first (kept beside it as
 * `prepare-commit-msg.tasks-original`, so that `tasks hook uninstall` can put it back byte for
 * byte), then the tool by absolute paths (the node that installed it and that install's
 * launcher): no PATH lookup, no npx. It fails open: if node or the launcher are gone, or the tool
 * fails or hangs past its time (`timeout`, where the system has one), the commit goes on untouched.
 */

export const HOOK_NAME = "prepare-commit-msg";
/** Where the hook that was there before is kept while ours is installed. */
export const SAVED_HOOK_NAME = "prepare-commit-msg.tasks-original";
/** The line that marks the script as ours: install updates it, uninstall removes it, nothing else. */
export const HOOK_MARKER = "# git-tasks-hook: prepare-commit-msg v1";

/** One argument for sh, in single quotes: nothing in it is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface HookLauncher {
  /** The node binary that ran `tasks hook install` (absolute). */
  readonly node: string;
  /** The launcher of that install, `bin/tasks.cjs` (absolute). */
  readonly launcher: string;
}

export function hookScript(launcher: HookLauncher, options: { readonly chain: boolean }): string {
  const chain = options.chain
    ? [
        "# The hook that was here before runs first, as it did; its failure stops the commit, as it did.",
        `saved="$(dirname -- "$0")/${SAVED_HOOK_NAME}"`,
        'if [ -x "$saved" ]; then',
        '  "$saved" "$@" || exit $?',
        "fi",
      ]
    : [`# The hook that was here before is kept as ${SAVED_HOOK_NAME} and not run (installed with --force).`];
  return [
    "#!/bin/sh",
    HOOK_MARKER,
    "# Adds a `Task: <id>` trailer for the task the branch name or your one active task points to.",
    "# Written by `tasks hook install`; `tasks hook uninstall` removes it and puts back what it replaced.",
    "# It never stops a commit: when the tool is missing or fails, the message is left as it was.",
    "# TASKS_HOOK=off skips it for one command.",
    ...chain,
    `node=${shellQuote(launcher.node)}`,
    `launcher=${shellQuote(launcher.launcher)}`,
    "# A hung tool must not hang the commit: where `timeout` works (coreutils, busybox) the tool gets",
    "# TASKS_HOOK_TIMEOUT seconds (10 by default) and is stopped after; elsewhere it runs as is.",
    'seconds="${TASKS_HOOK_TIMEOUT:-10}"',
    'case "$seconds" in "" | *[!0-9]* | 0) seconds=10 ;; esac',
    'if [ "${TASKS_HOOK:-}" != off ] && [ -x "$node" ] && [ -f "$launcher" ]; then',
    '  if command -v timeout >/dev/null 2>&1 && timeout 5 true >/dev/null 2>&1; then',
    '    timeout "$seconds" "$node" "$launcher" hook run-prepare-commit-msg "$@" </dev/null || :',
    "  else",
    '    "$node" "$launcher" hook run-prepare-commit-msg "$@" </dev/null || :',
    "  fi",
    "fi",
    "exit 0",
    "",
  ].join("\n");
}

export function isOurHook(text: string): boolean {
  return text.split("\n", 3).includes(HOOK_MARKER);
}

function unquote(value: string | undefined): string | null {
  if (value === undefined || !value.startsWith("'") || !value.endsWith("'")) return null;
  return value.slice(1, -1).replace(/'\\''/g, "'");
}

/** What one of our scripts runs, read back for `tasks hook status`; null when it is not ours. */
export function readHookScript(text: string): { readonly launcher: HookLauncher | null; readonly chain: boolean } | null {
  if (!isOurHook(text)) return null;
  const value = (name: string): string | null => unquote(text.split("\n").find((l) => l.startsWith(`${name}='`))?.slice(name.length + 1));
  const node = value("node");
  const launcher = value("launcher");
  return { launcher: node !== null && launcher !== null ? { node, launcher } : null, chain: text.includes(`/${SAVED_HOOK_NAME}"`) };
}

export type CommitTaskPick =
  | { readonly id: string; readonly from: "branch" | "active" }
  | { readonly id: null; readonly why: "branch-names-several" | "no-active-task" | "several-active-tasks" };

/**
 * The task a commit is for: the one id the branch name carries as whole words
 * (`feature/k7m2q-login`), else the user's one active task. A branch naming several ids, or
 * several active tasks, picks none: a guess would link the wrong work.
 */
export function pickCommitTask(input: { readonly branch: string; readonly ids: ReadonlySet<string>; readonly active: () => readonly string[] }): CommitTaskPick {
  const named = idsInBranchName(input.branch, input.ids).filter(isValidId);
  if (named.length === 1) return { id: named[0] as string, from: "branch" };
  if (named.length > 1) return { id: null, why: "branch-names-several" };
  const active = [...new Set(input.active())].filter(isValidId);
  if (active.length === 1) return { id: active[0] as string, from: "active" };
  return { id: null, why: active.length === 0 ? "no-active-task" : "several-active-tasks" };
}

/**
 * Does the message already say which task it is for? A trailer with the configured key names a
 * task (any task: the author chose), or `Closes:`/`Fixes:` names this one. Keys compare
 * case-insensitively, as git's do.
 */
export function messageNamesTask(trailers: readonly (readonly [string, string])[], keys: readonly string[], id: string): boolean {
  const own = new Set(keys.map((k) => k.toLowerCase()));
  return trailers.some(([key, value]) => {
    const k = key.toLowerCase();
    if (own.has(k)) return true;
    return (k === "closes" || k === "fixes") && value.toLowerCase().split(/[\s,;#]+/).includes(id);
  });
}

/** `git interpret-trailers --parse` output → pairs. */
export function parseTrailerLines(text: string): [string, string][] {
  return text.split("\n").flatMap((line) => {
    const colon = line.indexOf(":");
    return colon > 0 ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as [string, string]] : [];
  });
}

const SCISSORS = /^# -+ >8 -+$/;

/**
 * A message with nothing written yet (only blank and `#` lines: `git commit` opening the editor):
 * the trailer goes on the third line, so the subject is typed on the first and the blank line
 * keeps the trailer out of it; a comment says what to delete to abort. Null when the message has
 * text: then git interpret-trailers places the trailer.
 */
export function trailerForEmptyMessage(text: string, trailer: string): string | null {
  const lines = text.split("\n");
  let end = lines.findIndex((l) => SCISSORS.test(l));
  if (end < 0) end = lines.length;
  if (lines.slice(0, end).some((l) => l.trim() !== "" && !l.startsWith("#"))) return null;
  const comments = lines.filter((l, i) => i >= end || l.startsWith("#"));
  // The note is a comment only where `#` is the comment character: the message shows `#` lines already.
  const note = comments.some((l) => l.startsWith("#")) ? [`# git-tasks added the ${trailer.split(":")[0] ?? "Task"}: trailer above; to abort the commit, delete it as well.`] : [];
  const out = ["", "", trailer, ...note, ...comments].join("\n");
  return out.endsWith("\n") ? out : `${out}\n`;
}

/** A trailer key from config that is safe as a `--trailer` argument: letters, digits, dashes. */
export function isTrailerKey(key: string): boolean {
  return /^[A-Za-z][A-Za-z0-9-]{0,39}$/.test(key);
}
