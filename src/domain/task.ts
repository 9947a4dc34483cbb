/**
 * A task as the rest of the code sees it: the validated frontmatter, the body, where it lives.
 * `data` keeps every frontmatter key (known and unknown, in file order) as plain JSON values, so
 * machine output can carry them all under their own names.
 */

export const FIELD = {
  id: "id",
  title: "title",
  status: "status",
  owner: "owner",
  due: "due",
  priority: "priority",
  labels: "labels",
  dependsOn: "depends-on",
  reviewer: "reviewer",
  goal: "goal",
  created: "created",
  definitionOfDone: "definition-of-done",
} as const;

/** The canonical key order, used when the tool adds a key a file does not have yet. */
export const FIELD_ORDER: readonly string[] = Object.values(FIELD);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type FrontmatterData = Readonly<Record<string, JsonValue>>;

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly owner: string | null;
  readonly due: string | null;
  readonly priority: string | null;
  readonly labels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly reviewer: string | null;
  readonly goal: string | null;
  readonly created: string | null;
  readonly definitionOfDone: readonly string[];
  /** Every frontmatter key, in file order. */
  readonly data: FrontmatterData;
  readonly body: string;
  /** Repo-relative path with forward slashes. */
  readonly path: string;
  /** 1-based line of the file where each top-level key starts (for findings). */
  readonly lines: Readonly<Record<string, number>>;
}

/** Why a file could not be used as a task: always a file, a line, and how to fix it. */
export interface Problem {
  readonly path: string;
  readonly line: number;
  readonly field?: string;
  readonly kind: ProblemKind;
  readonly message: string;
  readonly hint?: string;
}

export type ProblemKind =
  | "yaml"
  | "schema"
  | "frontmatter"
  | "encoding"
  | "size"
  | "symlink"
  | "conflict-markers"
  | "file-name";

export function problemLine(problem: Problem): string {
  const where = `${problem.path}:${problem.line}`;
  const field = problem.field ? ` (${problem.field})` : "";
  const hint = problem.hint ? `; ${problem.hint}` : "";
  return `${where}: ${problem.message}${field}${hint}`;
}

/** One frontmatter edit: set a key to a value, or remove it (`undefined`). */
export interface FieldEdit {
  readonly key: string;
  readonly value: JsonValue | undefined;
}
