import { checkSchema } from "./check.js";
import { SCHEMA_VERSION } from "./common.js";
import { errorSchema } from "./error.js";
import { dashboardSchema } from "./dashboard.js";
import { hookSchema } from "./hook.js";
import { exportSchema, importSchema } from "./import.js";
import { nextSchema } from "./next.js";
import { handoffDueNowSchema, postDryRunSchema, scheduleSchema, standupDueNowSchema } from "./post.js";
import { handoffSchema, standupSchema, teamSchema, weeklySchema } from "./reports.js";
import { initSchema, renumberSchema, resumeSchema, syncSchema, teamAwaySchema } from "./repository.js";
import type { Infer, JsonSchema } from "./schema.js";
import { boardSchema, dodSchema, taskChangeSchema, taskListSchema, taskLogSchema, taskShowSchema } from "./tasks.js";

/**
 * The `--json` contract: every kind a command prints, and its schema. `schema/<kind>.json` in the
 * package is written from this table (`npm run schemas`) and a test keeps the two equal. A new
 * kind is one schema (a file here) and one entry below; the contract test then asks for a command
 * that prints it.
 */
export const JSON_SCHEMAS = {
  "task-list": taskListSchema,
  task: taskShowSchema,
  board: boardSchema,
  "task-change": taskChangeSchema,
  "task-log": taskLogSchema,
  dod: dodSchema,
  check: checkSchema,
  standup: standupSchema,
  handoff: handoffSchema,
  weekly: weeklySchema,
  team: teamSchema,
  "team-away": teamAwaySchema,
  init: initSchema,
  sync: syncSchema,
  renumber: renumberSchema,
  resume: resumeSchema,
  next: nextSchema,
  dashboard: dashboardSchema,
  schedule: scheduleSchema,
  "standup-due-now": standupDueNowSchema,
  "handoff-due-now": handoffDueNowSchema,
  "post-dry-run": postDryRunSchema,
  import: importSchema,
  export: exportSchema,
  hook: hookSchema,
} as const;

export type JsonKind = keyof typeof JSON_SCHEMAS;

/** The DTO of a kind, derived from its schema. */
export type JsonOf<K extends JsonKind> = Infer<(typeof JSON_SCHEMAS)[K]>;

export type ErrorJson = Infer<typeof errorSchema>;

export const SCHEMA_BASE_URL = "https://github.com/git-tasks/git-tasks/blob/main/schema/";

/** A kind's schema as published: with its `$schema`, `$id` and title. `error` is the error object. */
export function publishedSchema(kind: JsonKind | "error"): JsonSchema {
  const schema: JsonSchema = kind === "error" ? errorSchema : JSON_SCHEMAS[kind];
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${SCHEMA_BASE_URL}${kind}.json`,
    title: kind === "error" ? "git-tasks --json error" : `git-tasks --json ${kind} (schemaVersion ${SCHEMA_VERSION})`,
    ...schema,
  };
}

export function publishedKinds(): (JsonKind | "error")[] {
  return [...(Object.keys(JSON_SCHEMAS) as JsonKind[]), "error"];
}

/** The text of `schema/<kind>.json`. */
export function schemaFileText(kind: JsonKind | "error"): string {
  return `${JSON.stringify(publishedSchema(kind), null, 2)}\n`;
}
