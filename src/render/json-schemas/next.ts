import { envelope, moment, problemSchema, taskSchema } from "./common.js";
import { array, boolean, integer, nullable, object, oneOf, open, string } from "./schema.js";

/** `tasks next --json`: the ready queue (docs/commands.md#tasks-next). */

const entry = object({
  rank: integer({ minimum: 1 }),
  reason: string({ description: "the same text --explain prints" }),
  overdue: boolean(),
  dueAt: nullable(moment("the due moment, read in `zone`")),
  zone: string(),
  zoneOwner: nullable(string(), { description: "whose zone that is; null for the team's zone" }),
  priorityRank: nullable(integer(), { description: "place in the configured priorities; null without one" }),
  mine: boolean(),
  takeover: nullable(object({ owner: string(), leaseExpiredAt: moment("when the claim lease ran out") }), {
    description: "someone else's active task whose claim lease ran out (claims: lease:): tasks claim takes it over; null for a free task",
  }),
  task: taskSchema,
});

const exclusion = open(object({ kind: oneOf(["closed", "active", "blocked", "unknown-status", "claimed", "depends-on"]), text: string() }));

export const nextSchema = envelope(
  "next",
  {
    generatedAt: moment("when the queue was computed"),
    me: string({ description: "whose queue it is" }),
    order: array(oneOf(["takeover", "overdue", "priority", "due", "created", "id"]), { description: "the sort keys, in order" }),
    count: integer(),
    workableCount: integer({ description: "before --limit" }),
    excludedCount: integer(),
    tasks: array(entry),
    excluded: nullable(array(object({ reasons: array(exclusion), task: taskSchema })), { description: "with --all" }),
    claim: nullable(
      object({
        claimed: nullable(object({ changed: boolean(), commit: nullable(string()), published: nullable(object({ upstream: string(), commit: nullable(string()) })), task: taskSchema })),
        skipped: array(object({ id: string(), code: string(), message: string() })),
      }),
      { description: "with --claim" },
    ),
    problems: array(problemSchema),
  },
  { description: "tasks next" },
);
