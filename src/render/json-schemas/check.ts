import { envelope } from "./common.js";
import { array, boolean, type Infer, integer, nullable, object, oneOf, string } from "./schema.js";

/** `tasks check --format json` (and `tasks check --json`). */

export const findingSchema = object({
  rule: string({ description: "the rule's name (ownerless, stale, overdue, …), or a notice about the run (shallow-clone); new rules may be added" }),
  severity: oneOf(["error", "warning"]),
  path: nullable(string(), { description: "repo-relative; null for a finding about the repository as a whole" }),
  line: nullable(integer({ minimum: 1 })),
  id: nullable(string()),
  title: nullable(string()),
  message: string(),
  hint: nullable(string()),
});

export const checkSchema = envelope(
  "check",
  {
    ok: boolean({ description: "false when the check fails (exit code 3)" }),
    strict: boolean(),
    changedSince: nullable(string(), { description: "--changed-since: findings limited to files changed since this commit" }),
    counts: object({ errors: integer(), warnings: integer(), files: integer(), tasks: integer(), unreadable: integer() }),
    rules: array(object({ name: string(), severity: oneOf(["error", "warning", "off"]), days: nullable(integer()) })),
    findings: array(findingSchema),
  },
  { description: "tasks check" },
);

export type FindingJson = Infer<typeof findingSchema>;
