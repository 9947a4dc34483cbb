import { category, envelope, moment, problemSchema, taskFields, taskSchema } from "./common.js";
import { anyJson, array, boolean, extend, type Infer, integer, nullable, object, oneOf, open, string } from "./schema.js";

/** The kinds about tasks themselves: list, show, board, a change to one task, its log, its DoD. */

const problems = array(problemSchema, { description: "files that could not be read (each is also a warning on stderr)" });
const commit = nullable(string({ pattern: "^[0-9a-f]{40,64}$" }), { description: "the commit made; null with --no-commit or when nothing changed" });

export const taskListSchema = envelope("task-list", { count: integer(), tasks: array(taskSchema), problems }, { description: "tasks list" });

export const LINK_KINDS = ["trailer", "closes", "fixes", "branch", "manual"] as const;

/** A commit linked to a task (docs/code-links.md), in show, log and the reports. */
export const linkedCommitSchema = object({
  commit: string({ pattern: "^[0-9a-f]{40,64}$" }),
  short: string(),
  subject: string({ description: "the commit's subject, as written (untrusted text)" }),
  author: string({ description: "the roster handle of the author, else their email" }),
  authorName: string(),
  authorEmail: string(),
  at: moment("the commit's date (committer date, clamped to now)"),
  atLocal: string({ description: "the same in the reader's time zone: 2026-12-01 14:02 +01:00" }),
  kinds: array(oneOf(LINK_KINDS), { description: "how the commit names the task: Task trailer, Closes:, Fixes:, a merged branch's name, tasks link" }),
  onMain: boolean({ description: "the commit reached the main branch" }),
});

export const unmergedBranchSchema = object({
  name: string({ description: "branch name as git knows it (untrusted text)" }),
  commit: string(),
  at: string({ description: "the tip's committer date" }),
  subject: string(),
});

export const codeLinksSchema = object({
  mainBranch: nullable(string(), { description: "the branch taken as main; null when HEAD stood in for it" }),
  since: nullable(moment("the start of the history window read"), { description: "null: the whole history" }),
  commits: array(linkedCommitSchema, { description: "newest first" }),
  branches: array(unmergedBranchSchema, { description: "branches not merged into the main branch whose names carry the id" }),
  urls: array(string(), { description: "web links recorded with tasks link" }),
});

export const taskShowSchema = envelope(
  "task",
  {
    task: open(extend(taskFields, { body: string({ description: "the Markdown after the frontmatter" }), overdue: boolean() })),
    history: object({
      commits: integer(),
      created: nullable(object({ at: moment("when"), by: string() })),
      lastChange: nullable(object({ at: moment("when"), by: string() })),
    }),
    links: codeLinksSchema,
    review: nullable(
      object({
        reviewer: string(),
        approved: boolean({ description: "tasks done would accept it: the reviewer's approval, verified from history, still counts" }),
        latestVerdict: nullable(object({ kind: oneOf(["approved", "changes-requested"] as const), at: moment("the verdict's commit date"), commit: string() })),
        invalidatedBy: nullable(string({ description: "why the latest approval no longer counts" })),
      }),
      { description: "null without a reviewer (docs/review.md)" },
    ),
  },
  { description: "tasks show" },
);

export const boardSchema = envelope(
  "board",
  {
    columns: array(object({ category, count: integer({ description: "tasks in the column, the hidden closed ones too" }), tasks: array(taskSchema) })),
    problems,
  },
  { description: "tasks board" },
);

export const taskChangeSchema = envelope(
  "task-change",
  {
    action: string({ description: "the command: new, claim, assign, start, review, approve, request-changes, block, done, comment, set, edit, …" }),
    changed: boolean({ description: "false when the task already was as asked" }),
    commit,
    task: taskSchema,
    published: nullable(object({ upstream: string(), commit: nullable(string()) }), { description: "tasks claim only: where the claim was pushed" }),
    closedBy: array(
      object({ commit: string(), short: string(), subject: string(), authorName: string(), at: string({ format: "date-time" }), kinds: array(string()) }),
      { description: "tasks done only: the commits on the main branch whose Closes:/Fixes: name the task, recorded as Closed-by: trailers on the done commit" },
    ),
  },
  { description: "every command that changes one task", optional: ["published", "closedBy"] },
);

export const taskLogSchema = envelope(
  "task-log",
  {
    id: string(),
    path: string(),
    events: array(
      object(
        {
          at: moment("the commit's date"),
          who: string({ description: "the roster handle of the author, else their email" }),
          authorName: string(),
          authorEmail: string(),
          commit: string(),
          action: nullable(string(), { description: "the Task-Action trailer, when the tool made the commit" }),
          kind: oneOf(["created", "changed", "log", "deleted"]),
          path: string(),
          field: nullable(string()),
          from: anyJson({ description: "changed: the value before (null when the field was absent)" }),
          to: anyJson({ description: "changed: the value after (null when the field was removed)" }),
          text: nullable(string(), { description: "log: the entry's text" }),
          stamp: string({ description: "log: the entry's own time stamp, as written" }),
          writtenBy: string({ description: "log: who the entry names" }),
        },
        { optional: ["stamp", "writtenBy"] },
      ),
    ),
    commits: array(linkedCommitSchema, { description: "code commits linked to the task (docs/code-links.md), newest first; the text output interleaves them with the events" }),
  },
  { description: "tasks log" },
);

export const dodSchema = envelope(
  "dod",
  {
    id: string(),
    title: string(),
    path: string(),
    changed: boolean(),
    commit,
    total: integer(),
    metCount: integer(),
    items: array(object({ index: integer({ minimum: 1 }), text: string(), met: boolean(), by: nullable(string()), at: nullable(string()) })),
  },
  { description: "tasks dod" },
);

export type LinkedCommitJson = Infer<typeof linkedCommitSchema>;
export type CodeLinksJson = Infer<typeof codeLinksSchema>;
export type TaskEventJson = Infer<typeof taskLogSchema>["events"][number];
