/**
 * Every expected failure is a TasksError: a stable code, a message, an optional hint and the exit
 * code it maps to. main.ts is the only place that turns errors into exit codes and text.
 */

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  findings: 3,
  refused: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const codes = {
  USAGE: ExitCode.usage,
  NOT_A_GIT_REPO: ExitCode.failure,
  TASK_NOT_FOUND: ExitCode.failure,
  AMBIGUOUS_ID: ExitCode.failure,
  INVALID_TASK_FILE: ExitCode.failure,
  INVALID_CONFIG: ExitCode.failure,
  INVALID_VALUE: ExitCode.usage,
  UNSAFE_PATH: ExitCode.failure,
  FILE_TOO_LARGE: ExitCode.failure,
  WRITE_FAILED: ExitCode.failure,
  GIT_FAILED: ExitCode.failure,
  GIT_IDENTITY_MISSING: ExitCode.failure,
  GIT_LOCKED: ExitCode.refused,
  GIT_BUSY: ExitCode.refused,
  TOOL_LOCKED: ExitCode.refused,
  ALREADY_CLAIMED: ExitCode.refused,
  INVALID_TRANSITION: ExitCode.refused,
  DOD_NOT_MET: ExitCode.refused,
  REVIEW_REQUIRED: ExitCode.refused,
  NOT_THE_REVIEWER: ExitCode.refused,
  CONFLICT: ExitCode.refused,
  NOT_INTERACTIVE: ExitCode.usage,
  INIT_REFUSED: ExitCode.refused,
  HOOK_REFUSED: ExitCode.refused,
  EDITOR_FAILED: ExitCode.failure,
  TEMPLATE_ERROR: ExitCode.failure,
  TEMPLATE_UNKNOWN_VARIABLE: ExitCode.failure,
  UNKNOWN_REVISION: ExitCode.failure,
  CANCELLED: ExitCode.failure,
  INTERNAL: ExitCode.failure,
  REMOTE_UNREACHABLE: ExitCode.failure,
  PUSH_FAILED: ExitCode.failure,
  NO_UPSTREAM: ExitCode.refused,
  DETACHED_HEAD: ExitCode.refused,
  DIRTY_TASKS: ExitCode.refused,
  DIRTY_WORKTREE: ExitCode.refused,
  SYNC_CONFLICT: ExitCode.refused,
  UNRESOLVED_CONFLICT: ExitCode.refused,
  NOT_A_DUPLICATE: ExitCode.refused,
  INTERRUPTED_CHANGE: ExitCode.refused,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof codes;

export interface TasksErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  /** Structured details for --json consumers (e.g. ambiguous candidates). */
  details?: Record<string, unknown>;
}

export class TasksError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: TasksErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TasksError";
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  get exitCode(): ExitCode {
    return codes[this.code];
  }
}

/** The error object of `--json` (and of the MCP server): `{code, message, hint, details?}`. */
export interface ErrorJson {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
  readonly details?: Record<string, unknown>;
}

export function errorJson(error: TasksError): ErrorJson {
  return { code: error.code, message: error.message, hint: error.hint ?? null, ...(error.details ? { details: error.details } : {}) };
}

export function usageError(message: string, hint?: string): TasksError {
  return new TasksError("USAGE", message, { hint });
}

export function isTasksError(error: unknown): error is TasksError {
  return error instanceof TasksError;
}
