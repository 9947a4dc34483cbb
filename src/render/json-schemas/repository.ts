import { envelope } from "./common.js";
import { array, boolean, integer, nullable, object, oneOf, string } from "./schema.js";

/** The kinds about the repository: init, sync, renumber, resume. */

const driver = oneOf(["registered", "updated", "unchanged"], { description: "the merge driver in this clone's git config" });
const idPath = object({ id: string(), path: string() });

export const initSchema = envelope(
  "init",
  { tasksFolder: string(), written: array(string(), { description: "the files written, repo-relative" }), commit: nullable(string()), mergeDriver: driver },
  { description: "tasks init" },
);

export const teamAwaySchema = envelope(
  "team-away",
  {
    handle: string({ description: "the roster handle the period was added to" }),
    from: string({ description: "as written: a date or a date-time" }),
    to: string(),
    note: nullable(string()),
    start: string({ format: "date-time", description: "the first moment away" }),
    end: string({ format: "date-time", description: "the moment the period ends (exclusive)" }),
    changed: boolean({ description: "false when the period was already there" }),
    commit: nullable(string()),
  },
  { description: "tasks team away" },
);

export const syncSchema = envelope(
  "sync",
  { upstream: string(), received: integer(), sent: integer(), attempts: integer({ minimum: 1 }), mergeDriver: driver },
  { description: "tasks sync" },
);

export const renumberSchema = envelope(
  "renumber",
  {
    id: string({ description: "the id two tasks shared" }),
    kept: string({ description: "the path of the task that keeps it" }),
    renumbered: array(object({ from: string(), to: string(), oldPath: string(), newPath: string() })),
    updated: array(idPath, { description: "tasks whose depends-on was updated" }),
    unclear: array(idPath, { description: "tasks whose depends-on could mean either; left as is" }),
    commit: nullable(string()),
  },
  { description: "tasks renumber" },
);

export const resumeSchema = envelope(
  "resume",
  {
    committed: array(object({ action: string(), subject: string(), paths: array(string()), commit: string() })),
    forgotten: array(object({ action: string(), paths: array(string()) })),
  },
  { description: "tasks resume" },
);
