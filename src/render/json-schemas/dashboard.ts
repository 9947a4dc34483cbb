import { findingSchema } from "./check.js";
import { envelope, moment } from "./common.js";
import { anyJson, array, integer, nullable, object, string } from "./schema.js";

/**
 * `tasks dashboard --json`: the page's view model. The top level and the findings are closed; the
 * other sections (columns, people, weeks, flow, goals, attention, tasks) are described in
 * docs/dashboard.md and, within schemaVersion 1, only gain fields.
 */

const section = (description: string) => array(anyJson(), { description });

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
    columns: section("the board: one column per status category, with its cards"),
    people: section("the team: local time, hours, load, what each holds"),
    weeks: section("delivery per week, the same numbers as report weekly"),
    flow: section("cumulative flow by status category"),
    wip: section("work in progress per person"),
    goals: section("per goal: done, open and a burn-up"),
    attention: anyJson({ description: "overdue, stale, blocked and ownerless tasks" }),
    ready: object({ count: integer({ description: "unclaimed workable tasks in all" }), tasks: section("the first of them in tasks next's order, each with its rank and reason") }),
    findings: array(findingSchema, { description: "tasks check's findings, as check --json gives them (at most 400)" }),
    tasks: section("each task: body, definition of done, log"),
    filters: object({ owners: array(string()), labels: array(string()), goals: array(string()) }),
  },
  { description: "tasks dashboard" },
);
