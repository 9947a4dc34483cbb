import { array, boolean, extend, type Infer, integer, literal, nullable, object, oneOf, open, string } from "./schema.js";

/**
 * The pieces several `--json` kinds share: the envelope, a task, a task reference in a report,
 * a person's day, a file that could not be read. Every schema here is also a DTO type
 * (`Infer<typeof taskSchema>`), so the code that builds the JSON and the published schema agree.
 */

/** The version every document carries; within it, changes are additive only (docs/json.md). */
export const SCHEMA_VERSION = 1;

type Props = Parameters<typeof object>[0];

/** A top-level document: `{"schemaVersion": 1, "kind": "<kind>", …}`. */
export function envelope<const K extends string, const P extends Props, const O extends keyof P & string = never>(
  kind: K,
  properties: P,
  options?: { readonly description?: string; readonly optional?: readonly O[] },
) {
  const head = object({ schemaVersion: literal(SCHEMA_VERSION), kind: literal(kind) });
  return extend(head, properties, options);
}

export const CATEGORY_NAMES = ["open", "active", "blocked", "closed"] as const;
export const category = oneOf(CATEGORY_NAMES, { description: "the status's category" });

const dateTime = (description: string) => string({ format: "date-time", description });
export const moment = dateTime;
const text = string;
const optionalText = (description?: string) => nullable(string(), description === undefined ? undefined : { description });

/** The frontmatter fields the tool knows, as they are after validation, plus where the file is. */
export const taskFields = object({
  id: string({ minLength: 1 }),
  title: text(),
  status: text(),
  owner: optionalText("a roster handle, or an email for someone not on the roster"),
  due: optionalText("as written: a date (2026-12-01) or a date-time with offset"),
  priority: optionalText(),
  labels: array(text()),
  "depends-on": array(string({ minLength: 1 })),
  reviewer: optionalText(),
  goal: optionalText(),
  created: optionalText("a date-time with offset, as written"),
  "definition-of-done": array(text()),
  path: string({ description: "the file's path, relative to the repository root, with forward slashes" }),
  category: nullable(category, { description: "null for a status that is not configured" }),
});

/** A task: every frontmatter field under its own name, the team's own keys too (any JSON value). */
export const taskSchema = open(taskFields);

export const problemSchema = object(
  {
    path: text(),
    line: integer({ minimum: 1 }),
    field: optionalText(),
    kind: string({ description: "yaml, schema, frontmatter, encoding, size, symlink, conflict-markers, file-name; more may be added" }),
    message: text(),
    hint: optionalText(),
  },
  { description: "a file under the tasks folder that could not be read as a task" },
);

/** A task as the reports list it. */
export const taskRefSchema = object({
  id: text(),
  title: text(),
  status: text(),
  category: nullable(category),
  owner: optionalText(),
  priority: optionalText(),
  goal: optionalText(),
  labels: array(text()),
  due: optionalText("as written in the file: 2026-12-01 or a date-time with offset"),
  dueText: optionalText("the due moment for people, in the owner's zone: Tue 1 Dec, Tue 1 Dec 17:00"),
  overdue: boolean(),
  path: text(),
});

export const activitySchema = object({ at: dateTime("when"), atText: text(), who: text(), what: text() });

export const blockedSchema = { reason: optionalText(), since: nullable(dateTime("when it was blocked")), sinceText: optionalText() } as const;

/** Time off someone is on now: an away period of the roster, or a public holiday. */
export const awaySchema = object({
  kind: oneOf(["away", "holiday"], { description: "an away period of the roster, or a public holiday of their calendar" }),
  note: optionalText("the away period's note"),
  holiday: optionalText("the holiday's name"),
  from: optionalText("the away period as written: its start"),
  to: optionalText("its end"),
  until: dateTime("when this time off ends"),
  untilText: text({ description: "in the person's zone" }),
});

/** Someone's working day, now. */
export const personNowSchema = object({
  handle: text(),
  name: text(),
  zone: text({ description: "IANA time zone" }),
  onRoster: boolean(),
  localTime: dateTime("now, in the person's zone"),
  localTimeText: text(),
  offset: text({ description: "UTC offset: +01:00" }),
  working: boolean({ description: "inside their working hours now" }),
  windowEnd: nullable(dateTime("while working: when the window ends")),
  windowEndText: optionalText(),
  nextWindowStart: dateTime("when their next working window starts"),
  nextWindowStartText: text({ description: "in the person's own zone" }),
  nextWindowStartReaderText: text({ description: "in the reader's zone" }),
  startsIn: text(),
  away: nullable(awaySchema),
});

export type ProblemJson = Infer<typeof problemSchema>;
