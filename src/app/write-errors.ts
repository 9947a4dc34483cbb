import { TasksError } from "./errors.js";

/**
 * The one mapping from "the machine would not let us write" to an error a user can act on: a
 * full disk, a quota, a file-size limit, a read-only or immutable folder, no permission, too many
 * open files, a failing disk. These are the user's environment, not a bug of the tool, so they are
 * WRITE_FAILED (exit 1) with one line saying what could not be written and why, and a hint per
 * cause, never "internal error".
 */

interface Cause {
  readonly reason: string;
  readonly hint: (path: string) => string;
}

const CAUSES: Readonly<Record<string, Cause>> = {
  ENOSPC: { reason: "no space left on device", hint: () => "free some disk space, then run the command again" },
  EDQUOT: { reason: "disk quota exceeded", hint: () => "free some space within your disk quota (or ask for a larger one), then run the command again" },
  EFBIG: { reason: "the file would exceed the file-size limit", hint: () => "raise the file-size limit of your shell (ulimit -f unlimited), then run the command again" },
  EROFS: { reason: "the file system is read-only", hint: () => "remount it read-write, or work in a clone on a writable disk" },
  EACCES: { reason: "permission denied", hint: (path) => `make the folder writable for you (ls -ld ${folderOf(path)}), then run the command again` },
  EPERM: {
    reason: "operation not permitted",
    hint: (path) => `the file or its folder may be immutable or owned by someone else: check with lsattr -d ${folderOf(path)} (chattr -i removes the flag) and ls -ld, then run the command again`,
  },
  EMFILE: { reason: "too many open files", hint: () => "close some programs or raise the limit (ulimit -n), then run the command again" },
  ENFILE: { reason: "too many open files on this system", hint: () => "close some programs, then run the command again" },
  EIO: { reason: "input/output error", hint: () => "the disk or file system reported an error: check it (dmesg, fsck) before trying again" },
};

/** What git prints for the same causes (it runs with LC_ALL=C), mapped to the errno codes above. */
const GIT_MESSAGES: readonly (readonly [RegExp, string])[] = [
  [/No space left on device/i, "ENOSPC"],
  [/Disk quota exceeded/i, "EDQUOT"],
  [/File too large/i, "EFBIG"],
  [/Read-only file system/i, "EROFS"],
];

export const NOTHING_CHANGED = "nothing was changed";

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const dir = slash <= 0 ? "." : path.slice(0, slash);
  // The hint is a command to paste: a path that is not plain is shown as a placeholder.
  return /^[\w./@+-]+$/.test(dir) ? dir : "<folder>";
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && code in CAUSES ? code : undefined;
}

/**
 * WRITE_FAILED for an errno error raised while writing `path` (as the user should read it:
 * repo-relative), or undefined when it is something else. `unchanged` adds "nothing was changed":
 * pass it only when that is true (the temp file is gone, the original intact, no commit made).
 */
export function writeError(error: unknown, path: string, options: { readonly unchanged: boolean; readonly verb?: string }): TasksError | undefined {
  const code = errnoCode(error);
  if (code === undefined) return undefined;
  const cause = CAUSES[code] as Cause;
  const message = `could not ${options.verb ?? "write"} ${path}: ${cause.reason} (${code})${options.unchanged ? `; ${NOTHING_CHANGED}` : ""}`;
  return new TasksError("WRITE_FAILED", message, { hint: cause.hint(path), cause: error, details: { errno: code, path } });
}

/** WRITE_FAILED for git's own report of a full disk, quota, size limit or read-only file system. */
export function gitWriteError(stderr: string, what: string, error: unknown): TasksError | undefined {
  const found = GIT_MESSAGES.find(([pattern]) => pattern.test(stderr));
  if (!found) return undefined;
  const code = found[1];
  const cause = CAUSES[code] as Cause;
  return new TasksError("WRITE_FAILED", `git ${what} could not write to the repository: ${cause.reason} (${code})`, { hint: cause.hint(".git/objects"), cause: error, details: { errno: code, path: ".git" } });
}

/** A message without its "nothing was changed" promise, for when that is no longer true. */
function withoutNothingChanged(message: string): string {
  return message.endsWith(`; ${NOTHING_CHANGED}`) ? message.slice(0, -`; ${NOTHING_CHANGED}`.length) : message;
}

/**
 * The same error once the command has put every file back and made no commit: says so. Any
 * other error is returned as it is.
 */
export function afterRollback(error: unknown): unknown {
  if (!(error instanceof TasksError) || error.code !== "WRITE_FAILED" || error.message.endsWith(NOTHING_CHANGED)) return error;
  return new TasksError("WRITE_FAILED", `${error.message}; ${NOTHING_CHANGED}`, { hint: error.hint, cause: error.cause, ...(error.details ? { details: error.details } : {}) });
}

/**
 * A command failed and could not put every file back either (a full disk refuses the old bytes
 * too): the message says which files still hold the new text, uncommitted, and how to drop it.
 */
export function afterFailedRollback(error: unknown, stuck: readonly string[]): TasksError {
  const trimmed = withoutNothingChanged(error instanceof Error ? error.message : String(error));
  const hint = error instanceof TasksError && error.hint ? `${error.hint}; then ` : "";
  return new TasksError(error instanceof TasksError ? error.code : "WRITE_FAILED", `${trimmed}; ${stuck.join(", ")} could not be put back and ${stuck.length === 1 ? "holds" : "hold"} the new text, uncommitted`, {
    hint: `${hint}drop it with git restore -- <file>, or commit it yourself`,
    cause: error,
    details: { ...(error instanceof TasksError ? error.details : {}), uncommitted: [...stuck] },
  });
}

/** A write that failed after others had succeeded (init writes several files, with no rollback): says which. */
export function afterPartialWrite(error: unknown, written: readonly string[]): unknown {
  if (written.length === 0 || !(error instanceof TasksError) || error.code !== "WRITE_FAILED") return error;
  return new TasksError("WRITE_FAILED", `${withoutNothingChanged(error.message)}; already written: ${written.join(", ")}`, { hint: `${error.hint ?? ""}; running it again is safe: it writes only what is missing`, cause: error.cause, ...(error.details ? { details: error.details } : {}) });
}

/**
 * The last resort in main.ts for an errno error no writer mapped (the tool's lock file, a cache):
 * the same line, without a promise about what changed.
 */
export function unmappedEnvironmentError(error: unknown): TasksError | undefined {
  if (!(error instanceof Error) || errnoCode(error) === undefined) return undefined;
  const { path, syscall } = error as NodeJS.ErrnoException;
  const verbs: Record<string, string> = { open: "open", write: "write", rename: "replace", mkdir: "create", unlink: "remove", fsync: "save", close: "save", copyfile: "copy" };
  const verb = syscall ? (verbs[syscall] ?? "write") : "write";
  return writeError(error, typeof path === "string" ? path : "a file", { unchanged: false, verb });
}
