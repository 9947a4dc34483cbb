import { isLinkUrl } from "./code-links.js";
import { isValidId } from "./ids.js";
import { FIELD, type FrontmatterData, type JsonValue, type Problem, type Task } from "./task.js";

/**
 * Validates parsed frontmatter into a Task. Pure: takes the data, the line of each key (already in
 * file coordinates) and the body; returns a Task or the first Problem, naming file, line, field
 * and how to fix it.
 */

export interface TaskSource {
  readonly path: string;
  readonly data: Record<string, JsonValue>;
  readonly lines: Readonly<Record<string, number>>;
  readonly body: string;
  /** The value of a top-level field as written in the file, when the reader can tell (for hints). */
  readonly raw?: (field: string) => string | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > (MONTH_DAYS[month - 1] as number)) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month !== 2 || day < 29 || leap;
}

export function isIsoDateTime(value: string): boolean {
  return DATE_TIME.test(value) && isIsoDate(value.slice(0, 10));
}

export function isDueValue(value: string): boolean {
  return isIsoDate(value) || isIsoDateTime(value);
}

class SchemaProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly hint?: string,
    /** YAML read the value as a number or boolean: the fix is to quote what was written. */
    readonly quote = false,
  ) {
    super(message);
  }
}

/**
 * `quote it: id: "5e374"` with the text as written: YAML turned it into a number or a boolean, and
 * printing that value back (`Infinity`, `1000` for `1e3`, `true` for `yes`) would suggest the wrong fix.
 */
function quoteHint(field: string, raw: string | undefined): string {
  return raw === undefined || raw === "" ? `put the value in quotes: ${field}: "…"` : `quote it: ${field}: "${raw}"`;
}

function describe(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value === "string" ? "text" : typeof value}`;
}

function text(data: FrontmatterData, field: string, required: boolean): string | null {
  const value = data[field];
  if (value === null || value === undefined) {
    if (required) throw new SchemaProblem(field, `missing required field ${field}`, `add a line '${field}: …'`);
    return null;
  }
  if (typeof value === "string") {
    if (required && value.trim() === "") throw new SchemaProblem(field, `${field} is empty`);
    return value;
  }
  const scalar = typeof value === "number" || typeof value === "boolean";
  throw new SchemaProblem(field, `${field} must be text, found ${describe(value)}`, undefined, scalar);
}

function textList(data: FrontmatterData, field: string): string[] {
  const value = data[field];
  if (value === null || value === undefined) return [];
  if (typeof value === "string") {
    throw new SchemaProblem(field, `${field} must be a list, found text`, `write ${field}: [${value}]`);
  }
  if (!Array.isArray(value)) throw new SchemaProblem(field, `${field} must be a list, found ${describe(value)}`);
  return value.map((item, index) => {
    if (typeof item === "string") return item;
    throw new SchemaProblem(field, `${field} item ${index + 1} must be text, found ${describe(item)}`, "quote the item");
  });
}

const LINKS = "links";
const COMMIT_ID = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

/**
 * `links:`, written by `tasks link`: a list of full commit ids (40 or 64 lowercase hex digits, as
 * git prints them) and http(s) addresses (one line, no spaces or control characters: what
 * `isLinkUrl` accepts, the same scheme rule as render/safe-link.ts). Anything else, `javascript:`
 * or a path, is a problem with the file rather than a link that is silently dropped.
 */
function checkLinks(data: FrontmatterData): void {
  if (data[LINKS] === undefined || data[LINKS] === null) return;
  textList(data, LINKS).forEach((item, index) => {
    const link = item.trim();
    if (COMMIT_ID.test(link) || isLinkUrl(link)) return;
    const shown = JSON.stringify(link.length > 60 ? `${link.slice(0, 60)}…` : link);
    throw new SchemaProblem(
      LINKS,
      `links item ${index + 1} ${shown} is neither a full commit id nor an http(s) address`,
      "write a 40-character commit id or an https:// address, or record it with: tasks link <id> <commit|url>",
    );
  });
}

export function validateTask(source: TaskSource): Task | Problem {
  const { data, lines, path, body } = source;
  try {
    const id = text(data, FIELD.id, true) as string;
    if (!isValidId(id)) {
      throw new SchemaProblem(FIELD.id, `id "${id}" is not valid`, "ids are lowercase letters, digits, '-' and '_', starting with a letter or digit");
    }
    const due = text(data, FIELD.due, false);
    if (due !== null && !isDueValue(due)) {
      throw new SchemaProblem(FIELD.due, `due "${due}" is not a date`, "write a date like 2026-12-01 or a date-time with offset like 2026-12-01T17:00:00+01:00");
    }
    const created = text(data, FIELD.created, false);
    if (created !== null && !isDueValue(created)) {
      throw new SchemaProblem(FIELD.created, `created "${created}" is not a date-time`, "write an ISO date-time like 2026-11-20T09:12:00+01:00");
    }
    const dependsOn = textList(data, FIELD.dependsOn);
    const badDep = dependsOn.find((dep) => !isValidId(dep));
    if (badDep !== undefined) throw new SchemaProblem(FIELD.dependsOn, `depends-on names "${badDep}", which is not a task id`);
    checkLinks(data);
    return {
      id,
      title: text(data, FIELD.title, true) as string,
      status: text(data, FIELD.status, true) as string,
      owner: text(data, FIELD.owner, false),
      due,
      priority: text(data, FIELD.priority, false),
      labels: textList(data, FIELD.labels),
      dependsOn,
      reviewer: text(data, FIELD.reviewer, false),
      goal: text(data, FIELD.goal, false),
      created,
      definitionOfDone: textList(data, FIELD.definitionOfDone),
      data,
      body,
      path,
      lines,
    };
  } catch (error) {
    if (!(error instanceof SchemaProblem)) throw error;
    const hint = error.quote ? quoteHint(error.field, source.raw?.(error.field)) : error.hint;
    return {
      path,
      line: lines[error.field] ?? 1,
      field: error.field,
      kind: "schema",
      message: error.message,
      ...(hint ? { hint } : {}),
    };
  }
}

export function isProblem(value: Task | Problem): value is Problem {
  return "kind" in value && "message" in value && !("title" in value);
}
