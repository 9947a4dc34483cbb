import { TasksError } from "../app/errors.js";
import { type Config, statusNames } from "./config.js";
import { isValidId } from "./ids.js";
import { escapeInvisible, findInvisible } from "./invisible-characters.js";
import { isDueValue } from "./task-schema.js";
import { FIELD, type FieldEdit, type JsonValue, type Task } from "./task.js";
import { parseDueInput } from "./time.js";

/**
 * Values typed on the command line (`tasks new --due friday`, `tasks set k7m2q owner=bob`) turned
 * into validated field values. Everything a person types is checked here, before a file changes.
 */

const LIST_FIELDS = new Set<string>([FIELD.labels, FIELD.dependsOn, FIELD.definitionOfDone]);
const KEY = /^[a-z][a-z0-9_-]{0,39}$/;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

export interface InputContext {
  readonly config: Config;
  readonly now: Date;
  /** The zone relative dates (`tomorrow`) are counted in. */
  readonly zone: string;
  /** Ids that exist, for depends-on. */
  readonly idExists?: (id: string) => boolean;
}

function invalid(message: string, hint?: string): TasksError {
  return new TasksError("INVALID_VALUE", message, { hint });
}

// People and labels are identities: a character no one sees makes a name no other tool matches.
const IDENTITY_INPUTS = new Set<string>([FIELD.owner, FIELD.reviewer, FIELD.labels, "label"]);

export function cleanText(value: string, field: string): string {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw invalid(`${field} must be one line of text without control characters`, "remove line breaks, tabs and escape characters from the value");
  if (IDENTITY_INPUTS.has(field)) {
    const hidden = findInvisible(value, { strict: true });
    if (hidden.length > 0) throw invalid(`${field} holds invisible characters (${[...new Set(hidden)].map(escapeInvisible).join(" ")})`, "retype it: text copied from a chat or a web page can carry characters no one sees");
  }
  const text = value.trim();
  if (text === "") throw invalid(`${field} cannot be empty`, `give ${field} some text, or leave the option out`);
  return text;
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export function validatePriority(config: Config, value: string): string {
  const priority = value.trim().toLowerCase();
  if (!config.priorities.includes(priority)) throw invalid(`unknown priority "${value}"`, `use one of: ${config.priorities.join(", ")}`);
  return priority;
}

export function validateDependency(value: string, context: InputContext): string {
  const id = value.trim().toLowerCase();
  if (!isValidId(id)) throw invalid(`"${value}" is not a task id`);
  if (context.idExists && !context.idExists(id)) throw invalid(`depends-on: no task with id ${id}`, "'tasks list --all' shows the ids");
  return id;
}

/** One scalar field value from text; `""` clears optional fields. */
export function parseFieldValue(key: string, raw: string, context: InputContext): JsonValue | undefined {
  const value = raw.trim();
  switch (key) {
    case FIELD.id:
      throw invalid("the id cannot be changed with set", "ids are permanent; 'tasks renumber' gives a duplicate a new one");
    case FIELD.title:
      return cleanText(value, "title");
    case FIELD.status:
      if (!statusNames(context.config).includes(value)) throw invalid(`unknown status "${value}"`, `configured statuses: ${statusNames(context.config).join(", ")}`);
      return value;
    case FIELD.due:
      return value === "" ? undefined : parseDueInput(value, context.now, context.zone);
    case FIELD.created:
      if (!isDueValue(value)) throw invalid(`created "${value}" is not an ISO date-time`);
      return value;
    case FIELD.priority:
      return value === "" ? undefined : validatePriority(context.config, value);
    case FIELD.owner:
    case FIELD.reviewer:
      return value === "" ? null : cleanText(value, key);
    default:
      if (LIST_FIELDS.has(key)) {
        const items = key === FIELD.definitionOfDone ? value.split(/\s*;\s*/).filter(Boolean) : splitList(value);
        return key === FIELD.dependsOn ? items.map((item) => validateDependency(item, context)) : items.map((item) => cleanText(item, key));
      }
      return value === "" ? undefined : cleanText(value, key);
  }
}

/**
 * `key=value`, `key=` (clear), `list+=item`, `list-=item`. Returns the edits in order; list
 * operations start from the task's current list.
 */
export function parseAssignments(task: Task, assignments: readonly string[], context: InputContext): FieldEdit[] {
  if (assignments.length === 0) throw new TasksError("USAGE", "nothing to set", { hint: "tasks set <id> key=value… e.g. tasks set k7m2q priority=high due=friday" });
  const lists = new Map<string, string[]>();
  const edits: FieldEdit[] = [];
  for (const assignment of assignments) {
    // Keys may hold dashes (depends-on); the lazy key stops at the first operator: `labels-=ui`.
    const match = /^([^=+]+?)(\+=|-=|=)(.*)$/s.exec(assignment);
    if (!match) throw new TasksError("USAGE", `"${assignment}" is not key=value`, { hint: "e.g. owner=bob, due=2026-12-01, labels+=ui" });
    const [, rawKey = "", op, raw = ""] = match;
    const key = rawKey.trim();
    if (!KEY.test(key) || FORBIDDEN.has(key)) throw invalid(`"${key}" is not a field name`, "field names are lowercase letters, digits, '-' and '_'");
    if (op === "=") {
      edits.push({ key, value: parseFieldValue(key, raw, context) });
      if (LIST_FIELDS.has(key)) lists.set(key, (edits[edits.length - 1]?.value as string[] | undefined) ?? []);
      continue;
    }
    if (!LIST_FIELDS.has(key)) throw invalid(`${op} works on list fields only (labels, depends-on, definition-of-done)`, `set ${key} with =: tasks set <id> ${key}=<value>`);
    const existing = task.data[key];
    const current = lists.get(key) ?? (Array.isArray(existing) ? existing.map(String) : []);
    const items = parseFieldValue(key, raw, context) as string[];
    const next = op === "+=" ? [...current, ...items.filter((i) => !current.includes(i))] : current.filter((i) => !items.includes(i));
    lists.set(key, next);
    edits.push({ key, value: next });
  }
  return edits;
}
