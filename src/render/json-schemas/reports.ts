import { activitySchema, awaySchema, blockedSchema, envelope, moment, personNowSchema, taskRefSchema } from "./common.js";
import { array, boolean, extend, integer, nullable, number, object, oneOf, string } from "./schema.js";

/**
 * The reports: standup, handoff, weekly, team. `--json` on a report prints exactly the data its
 * template receives, so these are also the templates' variables (docs/templates.md).
 */

const generatedAt = moment("when the report was made (TASKS_NOW pins it)");
const blockedRef = extend(taskRefSchema, blockedSchema);

export const standupPersonSchema = object({
  handle: string(),
  name: string(),
  zone: string(),
  offset: string(),
  onRoster: boolean(),
  window: object({ from: moment("start of the window reported on"), to: moment("its end"), fromText: string(), toText: string() }),
  done: array(extend(taskRefSchema, { closedAt: moment("when it was closed"), closedAtText: string(), completed: boolean({ description: "false when dropped" }) })),
  inProgress: array(extend(taskRefSchema, { lastActivity: nullable(activitySchema), updatedInWindow: boolean() })),
  blocked: array(blockedRef),
  next: array(extend(taskRefSchema, { dueSoon: boolean() })),
  overdue: array(taskRefSchema),
  ready: array(extend(taskRefSchema, { rank: integer(), reason: string(), mine: boolean() }), { description: "what tasks next would offer them now: the first few of their ready queue" }),
  readyCount: integer({ description: "how many tasks their whole ready queue holds" }),
  code: array(object({ commit: string(), short: string(), subject: string(), at: moment("the commit's date"), atText: string(), tasks: array(string()) }), {
    description: "their commits inside the window linked to a task (docs/code-links.md), newest first",
  }),
  counts: object({ done: integer(), inProgress: integer(), blocked: integer(), next: integer(), overdue: integer() }),
  quiet: boolean({ description: "nothing in any section, and no linked code" }),
  away: nullable(awaySchema, { description: "time off they are on at the standup's moment; their window reaches back to their last working day" }),
  renewOrRelease: array(extend(taskRefSchema, { leaseExpiredAt: moment("when their claim lease ran out"), leaseExpiredAtText: string() }), {
    description: "their claims whose lease expired (claims: lease:): renew (tasks renew) or release them; empty without a lease",
  }),
  toReview: array(extend(taskRefSchema, { submittedAt: nullable(moment("when it was last sent to review")), submittedAtText: nullable(string()) }), {
    description: "tasks in review that wait for them as the reviewer: tasks approve or tasks request-changes (docs/review.md)",
  }),
  changesRequested: array(extend(taskRefSchema, { by: string({ description: "the reviewer" }), at: moment("when changes were requested"), atText: string(), reason: string() }), {
    description: "their tasks the reviewer sent back with changes requested, not yet sent to review again",
  }),
});

export const standupSchema = envelope(
  "standup",
  {
    generatedAt,
    date: string({ format: "date", description: "the day the standup is for, in the reader's zone" }),
    dateText: string(),
    scope: oneOf(["me", "owner", "team"]),
    readerZone: string(),
    people: array(standupPersonSchema),
  },
  { description: "tasks standup" },
);

export const handoffTaskSchema = extend(taskRefSchema, {
  dod: object({
    total: integer(),
    metCount: integer(),
    leftCount: integer(),
    met: array(object({ index: integer({ minimum: 1 }), text: string(), by: nullable(string()), at: nullable(string()) })),
    left: array(object({ index: integer({ minimum: 1 }), text: string() })),
  }),
  where: object({
    file: string(),
    links: array(string()),
    branches: array(string()),
    files: array(string()),
    commits: array(object({ commit: string(), short: string(), subject: string(), at: moment("committer date"), atText: string(), author: string() })),
  }),
  blockers: object({
    blocked: boolean(),
    ...blockedSchema,
    waitingOn: array(object({ id: string(), title: nullable(string()), status: nullable(string()) })),
  }),
  activity: array(activitySchema),
  questions: array(object({ text: string(), who: nullable(string(), { description: "who asked, for a question from the log" }), at: nullable(string()) })),
});

export const handoffSchema = envelope(
  "handoff",
  {
    generatedAt,
    dryRun: boolean(),
    commit: nullable(string()),
    note: nullable(string()),
    from: personNowSchema,
    to: personNowSchema,
    zone: string({ description: "the zone the note's times are shown in: the receiver's" }),
    tasks: array(handoffTaskSchema),
  },
  { description: "tasks handoff" },
);

const completed = extend(taskRefSchema, {
  closedAt: moment("when it was closed"),
  closedAtText: string(),
  onTime: nullable(boolean(), { description: "null when it had no due date" }),
  cycleDays: nullable(number({ minimum: 0 })),
  cycleText: nullable(string()),
});

const serviceShare = object({
  allowed: string({ description: "\"4 working hours\"" }),
  met: integer(),
  total: integer(),
  percent: nullable(number({ minimum: 0, maximum: 100 }), { description: "null when no task settled this service level this week" }),
});

export const weeklySchema = envelope(
  "weekly",
  {
    generatedAt,
    week: object({ label: string({ pattern: "^\\d{4}-W\\d{2}$" }), zone: string(), start: moment("start"), end: moment("end"), startText: string(), endText: string(), complete: boolean() }),
    completed: array(completed),
    completedByOwner: array(object({ owner: string(), name: string(), count: integer(), tasks: array(completed) })),
    dropped: array(extend(taskRefSchema, { closedAt: moment("when it was dropped") })),
    closedWithOverride: array(
      extend(taskRefSchema, {
        closedAt: moment("when it was closed"),
        closedAtText: string(),
        closedBy: string({ description: "the closing commit's author, as the roster names them" }),
        commit: string({ description: "the closing commit" }),
        reason: string({ description: "the --reason given (the commit's Task-Override: trailer)" }),
        reviewOverridden: nullable(string(), { description: "the reviewer whose approval was skipped (Task-Review-Override:); null when only the definition of done was overridden" }),
        overridden: string({ description: "\"definition of done\" or \"review by bob and definition of done\"" }),
      }),
      { description: "tasks closed this week with tasks done --force --reason (docs/review.md), one entry per such closing, oldest first" },
    ),
    started: array(extend(taskRefSchema, { startedAt: moment("when it became active"), startedAtText: string() })),
    created: array(extend(taskRefSchema, { createdAt: moment("when"), createdBy: string() })),
    slipped: array(extend(taskRefSchema, { closedLate: boolean() })),
    overdue: array(taskRefSchema),
    blocked: array(blockedRef),
    stale: array(extend(taskRefSchema, { lastActivity: nullable(activitySchema), quietWorkingDays: nullable(integer()) })),
    staleAfterWorkingDays: integer(),
    goals: array(object({ goal: string(), done: integer(), total: integer(), percent: number({ minimum: 0, maximum: 100 }) })),
    serviceLevels: array(
      object({
        priority: string(),
        startWithin: nullable(serviceShare, { description: "null when the priority has no start-within" }),
        doneWithin: nullable(serviceShare, { description: "null when the priority has no done-within" }),
        text: string({ description: "\"high: started in time 3 of 4 (75%), done in time 2 of 2 (100%)\"" }),
      }),
      {
        description:
          "per priority with an sla: (docs/sla.md), the share of service levels met among the tasks settled this week: met when started (done) by the deadline that week, missed when the deadline passed that week first; priorities with nothing settled are left out",
      },
    ),
    metrics: object({
      throughput: integer(),
      medianCycleDays: nullable(number({ minimum: 0 })),
      medianCycleText: nullable(string()),
      onTimeCount: integer(),
      withDueCount: integer(),
      onTimeRate: nullable(number({ minimum: 0, maximum: 1 })),
      onTimePercent: nullable(string()),
      completedWithCode: nullable(integer(), { description: "completed tasks with linked code (docs/code-links.md); null when links were not read" }),
      completedWithoutCode: nullable(integer()),
      withCodeText: nullable(string({ description: "\"3 with linked code, 1 without\"; null when nothing was completed or links were not read" })),
    }),
  },
  { description: "tasks report weekly" },
);

export const teamMemberSchema = extend(personNowSchema, {
  counts: object({ open: integer(), active: integer(), blocked: integer(), overdue: integer() }),
});

export const teamSchema = envelope("team", { generatedAt, readerZone: string(), members: array(teamMemberSchema) }, { description: "tasks team" });
