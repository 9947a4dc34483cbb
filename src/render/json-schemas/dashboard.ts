import { findingSchema } from "./check.js";
import { activitySchema, blockedSchema, category, envelope, moment, taskRefSchema } from "./common.js";
import { teamMemberSchema } from "./reports.js";
import { array, boolean, extend, integer, nullable, number, object, string } from "./schema.js";

/**
 * `tasks dashboard --json`: the page's view model, every section closed (docs/dashboard.md says
 * what each holds). Within schemaVersion 1 sections only gain fields.
 */

const card = extend(taskRefSchema, { blockedReason: nullable(string()), blockedSince: nullable(moment("when it was blocked")), stale: boolean() });

const column = object({
  category,
  count: integer({ description: "tasks in the column" }),
  cards: array(card),
  hidden: integer({ description: "tasks in the column not shown as cards" }),
});

const person = extend(teamMemberSchema, {
  hoursText: string({ description: "working hours: 09:00–17:00" }),
  daysText: string({ description: "working days: Mon Tue Wed Thu Fri" }),
  holds: array(object({ id: string(), title: string(), status: string() }), { description: "open work they hold (the first 25)" }),
});

const week = object({
  label: string({ pattern: "^\\d{4}-W\\d{2}$" }),
  start: moment("start"),
  end: moment("end"),
  startText: string(),
  complete: boolean(),
  throughput: integer(),
  created: integer(),
  medianCycleDays: nullable(number({ minimum: 0 })),
  p85CycleDays: nullable(number({ minimum: 0 })),
  onTimeCount: integer(),
  withDueCount: integer(),
  onTimeRate: nullable(number({ minimum: 0, maximum: 1 })),
  onTimePercent: nullable(string()),
});

const day = string({ format: "date" });
const flowPoint = object({ date: day, at: moment("the end of that day, or now for today"), open: integer(), active: integer(), blocked: integer(), closed: integer() });

const goal = object({
  goal: string(),
  done: integer(),
  open: integer(),
  total: integer(),
  percent: number({ minimum: 0, maximum: 100 }),
  burnUp: array(object({ date: day, scope: integer(), done: integer() })),
});

const attention = object({
  overdue: array(taskRefSchema),
  stale: array(extend(taskRefSchema, { lastActivity: nullable(activitySchema), quietWorkingDays: nullable(integer()), lastActivityText: nullable(string()) })),
  blocked: array(extend(extend(taskRefSchema, blockedSchema), { blockedDays: nullable(integer()) })),
  ownerless: array(taskRefSchema, { description: "open or active work nobody holds" }),
});

const ready = object({
  count: integer({ description: "unclaimed workable tasks in all" }),
  tasks: array(extend(taskRefSchema, { rank: integer({ minimum: 1 }), reason: string() }), { description: "the first of them, in tasks next's order" }),
});

const detail = object({
  id: string(),
  title: string(),
  status: string(),
  path: string(),
  description: string({ description: "the body without its ## Log section, as Markdown" }),
  definitionOfDone: array(object({ text: string(), met: boolean(), by: nullable(string()), at: nullable(string()) })),
  log: array(object({ stamp: string(), who: string(), text: string() })),
});

export const dashboardSchema = envelope(
  "dashboard",
  {
    generatedAt: moment("when the page was made"),
    generatedAtText: string(),
    generatedAtUtc: string(),
    zone: string({ description: "the team's zone the page is written in" }),
    commit: nullable(string(), { description: "the commit the page was made from; null before the first commit" }),
    repository: string(),
    totals: object({ tasks: integer(), open: integer(), active: integer(), blocked: integer(), closed: integer() }),
    columns: array(column, { description: "the board: one column per status category, with its cards" }),
    people: array(person, { description: "the team: local time, hours, load, what each holds" }),
    weeks: array(week, { description: "delivery per week, the same numbers as report weekly" }),
    flow: array(flowPoint, { description: "cumulative flow: tasks per status category at the end of each day" }),
    wip: array(object({ owner: string(), active: integer(), blocked: integer() }), { description: "work in progress per person" }),
    goals: array(goal, { description: "per goal: done, open and a burn-up" }),
    attention,
    ready,
    findings: array(findingSchema, { description: "tasks check's findings, as check --json gives them (at most 400)" }),
    tasks: array(detail, { description: "each task on the board: body, definition of done, log" }),
    filters: object({ owners: array(string()), labels: array(string()), goals: array(string()) }),
  },
  { description: "tasks dashboard" },
);
