import { envelope } from "./common.js";
import { anyJson, array, boolean, integer, object, oneOf, string } from "./schema.js";

/** `--post` and the clock: the dry run's payloads, `standup --due-now`, `tasks schedule`. */

const target = oneOf(["slack", "teams", "discord", "google-chat", "webhook"] as const, { description: "where the note is posted" });

export const postDryRunSchema = envelope(
  "post-dry-run",
  {
    posts: array(
      object({
        target,
        variable: string({ description: "the environment variable the URL is read from" }),
        key: string({ description: "the post record's key: ritual/person/day/target" }),
        already: boolean({ description: "posted before (a real run would skip it unless --force)" }),
        payloads: array(anyJson(), { description: "the request bodies, in posting order" }),
      }),
    ),
  },
  { description: "--post <target> --dry-run" },
);

export const standupDueNowSchema = envelope(
  "standup-due-now",
  {
    intervalMinutes: integer({ minimum: 1 }),
    people: array(string(), { description: "the handles whose working day started in the interval" }),
    standups: array(anyJson(), { description: "each person's standup (kind standup), or the dry run's payloads" }),
  },
  { description: "tasks standup --due-now" },
);

export const handoffDueNowSchema = envelope(
  "handoff-due-now",
  {
    intervalMinutes: integer({ minimum: 1 }),
    people: array(string(), { description: "the handles whose working day ended in the interval and who handed tasks off --to next that day" }),
    handoffs: array(anyJson(), { description: "each handoff note (kind handoff) of those people, one per giver and receiver, or the dry run's payloads" }),
  },
  { description: "tasks handoff --due-now" },
);

const cronLine = object({ cron: string({ description: "minute hour * * weekdays, in UTC" }), people: array(string(), { description: "handle (zone local time)" }) });

export const scheduleSchema = envelope(
  "schedule",
  {
    host: oneOf(["github", "gitlab"] as const),
    lines: array(cronLine, { description: "when working days start: run tasks standup --due-now" }),
    endLines: array(cronLine, { description: "when working days end: run tasks handoff --due-now" }),
  },
  { description: "tasks schedule" },
);
